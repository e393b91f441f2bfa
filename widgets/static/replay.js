// Replay front end (anywidget ESM): the forward pass, operation by operation.
// The final graph is laid out once in Python (`svg`); `births` (sent once) says from which
// position each SVG element exists; each position's `frame` names what to highlight.
// All state lives in Python: the buttons and the slider just set `position`.

const XLINK = "http://www.w3.org/1999/xlink";

function button(text, title, action, onClick) {
  const b = document.createElement("button");
  b.textContent = text;
  b.title = title;
  b.className = "ak-button";
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "ak-stepper ak-replay";
  const go = (p) => {
    model.set("position", Math.max(0, Math.min(model.get("total"), p)));
    model.save_changes();
  };
  const start = button("« start", "before the first operation", "start", () => go(0));
  const back = button("◀ back", "one operation earlier", "back",
    () => go(model.get("position") - 1));
  const next = button("next ▶", "record the next operation", "next",
    () => go(model.get("position") + 1));
  const end = button("end »", "the whole graph", "end", () => go(model.get("total")));
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.className = "ak-slider";
  slider.addEventListener("input", () => go(Number(slider.value)));
  const counter = document.createElement("span");
  counter.className = "ak-counter";
  const bar = document.createElement("div");
  bar.className = "ak-toolbar";
  bar.append(start, back, next, end, slider, counter);
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
  let touched = [];

  function loadSvg() {
    picture.innerHTML = model.get("svg");
    byId = new Map();
    touched = [];
    for (const a of picture.querySelectorAll("a")) {
      a.removeAttributeNS(XLINK, "href");
      a.removeAttributeNS(XLINK, "title");
      a.removeAttribute("href");
    }
    for (const node of picture.querySelectorAll("[id]")) byId.set(node.id, node);
    for (const title of picture.querySelectorAll("title")) title.remove();
  }

  function apply() {
    const frame = model.get("frame") || {};
    const births = model.get("births") || {};
    const total = model.get("total");
    const position = model.get("position");
    slider.max = String(total);
    slider.value = String(position);
    counter.textContent = `operation ${position} / ${total}`;
    start.disabled = back.disabled = position <= 0;
    next.disabled = end.disabled = position >= total;
    summary.textContent = model.get("summary");
    summary.style.display = model.get("summary") ? "" : "none";

    for (const [id, born] of Object.entries(births)) {
      const element = byId.get(id);
      if (element) element.classList.toggle("ak-hidden", born > position);
    }
    for (const [element, cls] of touched) element.classList.remove(cls);
    touched = [];
    const mark = (id, cls) => {
      const element = byId.get(id);
      if (element) { element.classList.add(cls); touched.push([element, cls]); }
    };
    for (const id of frame.inputs || []) mark(id, "ak-input");
    for (const id of frame.edges || []) mark(id, "ak-flowed");
    for (const id of frame.outputs || []) mark(id, "ak-output");
    if (frame.current) mark(frame.current, "ak-current");

    const details = frame.info || { title: "", lines: [] };
    info.replaceChildren();
    const title = document.createElement("div");
    title.className = "ak-info-title";
    title.textContent = details.title;
    const list = document.createElement("ul");
    for (const line of details.lines) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    info.append(title, list);
  }

  loadSvg();
  apply();
  model.on("change:svg", () => { loadSvg(); apply(); });
  model.on("change:frame", apply);
  model.on("change:position", apply);
  model.on("change:births", apply);
  model.on("change:summary", apply);
}

export default { render };
