// BackwardStepper front end (anywidget ESM). The graph is laid out once in Python (Graphviz
// SVG, sent in `svg`); each step only restyles it from the small JSON in `frame`.
// All state lives in Python: buttons and the slider just set `position`.

const XLINK = "http://www.w3.org/1999/xlink";

function button(text, title, onClick) {
  const b = document.createElement("button");
  b.textContent = text;
  b.title = title;
  b.className = "ak-button";
  b.addEventListener("click", onClick);
  return b;
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "ak-stepper";
  const bar = document.createElement("div");
  bar.className = "ak-toolbar";
  const go = (p) => {
    const total = model.get("total");
    model.set("position", Math.max(0, Math.min(total, p)));
    model.save_changes();
  };
  const reset = button("« reset", "back to before the first step", () => go(0));
  const back = button("◀ back", "undo one step", () => go(model.get("position") - 1));
  const step = button("step ▶", "run the next backward node", () => go(model.get("position") + 1));
  const run = button("run »", "run to the end", () => go(model.get("total")));
  reset.dataset.action = "reset"; back.dataset.action = "back";
  step.dataset.action = "step"; run.dataset.action = "run";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.className = "ak-slider";
  slider.addEventListener("input", () => go(Number(slider.value)));
  const counter = document.createElement("span");
  counter.className = "ak-counter";
  bar.append(reset, back, step, run, slider, counter);

  const summary = document.createElement("div");
  summary.className = "ak-summary";
  const body = document.createElement("div");
  body.className = "ak-body";
  const picture = document.createElement("div");
  picture.className = "ak-picture";
  const info = document.createElement("div");
  info.className = "ak-info";
  body.append(picture, info);
  root.append(bar, summary, body);
  el.append(root);

  let byId = new Map();
  let edgeLabels = new Map();
  let touched = [];

  function loadSvg() {
    picture.innerHTML = model.get("svg");
    byId = new Map();
    edgeLabels = new Map();
    touched = [];
    for (const a of picture.querySelectorAll("a")) {
      a.removeAttributeNS(XLINK, "href");
      a.removeAttributeNS(XLINK, "title");
      a.removeAttribute("href");
    }
    for (const node of picture.querySelectorAll("[id]")) byId.set(node.id, node);
    for (const title of picture.querySelectorAll("title")) title.remove();
  }

  function slotText(slot) {
    const g = byId.get("a_" + slot);
    return g ? g.querySelector("text") : null;
  }

  function edgeLabel(edgeId) {
    if (edgeLabels.has(edgeId)) return edgeLabels.get(edgeId);
    const g = byId.get(edgeId);
    const path = g && g.querySelector("path");
    if (!path) return null;
    const middle = path.getPointAtLength(path.getTotalLength() / 2);
    const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
    text.setAttribute("x", String(middle.x + 4));
    text.setAttribute("y", String(middle.y));
    text.setAttribute("class", "ak-edge-label");
    g.append(text);
    edgeLabels.set(edgeId, text);
    return text;
  }

  function apply() {
    const frame = model.get("frame") || {};
    const total = model.get("total");
    const position = model.get("position");
    slider.max = String(total);
    slider.value = String(position);
    counter.textContent = `step ${position} / ${total}`;
    reset.disabled = back.disabled = position <= 0;
    step.disabled = run.disabled = position >= total;
    summary.textContent = model.get("summary");
    summary.style.display = model.get("summary") ? "" : "none";

    for (const [element, cls] of touched) element.classList.remove(cls);
    touched = [];
    const mark = (id, cls) => {
      const element = byId.get(id);
      if (element) { element.classList.add(cls); touched.push([element, cls]); }
    };
    for (const id of frame.done || []) mark(id, "ak-done");
    if (frame.next) mark(frame.next, "ak-next");
    if (frame.current) mark(frame.current, "ak-current");
    for (const slot of frame.freed || []) mark("a_" + slot, "ak-freed");
    for (const [id, text] of Object.entries(frame.edges || {})) {
      if (byId.has(id)) mark(id, "ak-flowed");
    }
    for (const [id, text] of edgeLabels) text.textContent = "";
    for (const [id, value] of Object.entries(frame.edges || {})) {
      const text = byId.has(id) ? edgeLabel(id) : null;
      if (text) text.textContent = value;
    }
    for (const [id, element] of byId) {
      if (id.startsWith("a_") && id.endsWith("_in")) {
        const text = element.querySelector("text");
        if (text) text.textContent = "";
      }
    }
    for (const [slot, value] of Object.entries(frame.notes || {})) {
      const text = slotText(slot);
      if (text) text.textContent = value;
    }
    for (const [slot, value] of Object.entries(frame.grads || {})) {
      const text = slotText(slot);
      if (text) {
        text.textContent = value;
        if (value !== "grad: None") mark("a_" + slot, "ak-grad-set");
      }
    }
    const details = frame.info || { title: "", lines: [], formula: "" };
    info.replaceChildren();
    const title = document.createElement("div");
    title.className = "ak-info-title";
    title.textContent = details.title;
    info.append(title);
    const list = document.createElement("ul");
    for (const line of details.lines) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    info.append(list);
    if (details.formula) {
      const label = document.createElement("div");
      label.className = "ak-info-label";
      label.textContent = "local rule (from the Function's docstring):";
      const formula = document.createElement("pre");
      formula.className = "ak-formula";
      formula.textContent = details.formula;
      info.append(label, formula);
    }
  }

  loadSvg();
  apply();
  model.on("change:svg", () => { loadSvg(); apply(); });
  model.on("change:frame", apply);
  model.on("change:position", apply);
  model.on("change:summary", apply);
}

export default { render };
