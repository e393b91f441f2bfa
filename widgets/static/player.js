// Shared by the stepper and the replay front ends (Python puts this file in front of each
// widget's own ESM). A player is: a toolbar (four buttons and a slider over `position`), a
// picture laid out once from the Graphviz SVG in `svg`, and a side panel. All state lives in
// Python: the buttons and the slider only set `position`; each widget's `apply` restyles the
// picture for one position through `mark`, which remembers what to undo next time.

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

// `buttons`: four [text, title, action] triples: to the start, one back, one on, to the end.
function makePlayer(model, el, className, buttons) {
  const go = (p) => {
    model.set("position", Math.max(0, Math.min(model.get("total"), p)));
    model.save_changes();
  };
  const targets = [() => 0, () => model.get("position") - 1,
                   () => model.get("position") + 1, () => model.get("total")];
  const [first, back, next, last] = buttons.map(
    ([text, title, action], i) => button(text, title, action, () => go(targets[i]())));
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.className = "ak-slider";
  slider.addEventListener("input", () => go(Number(slider.value)));
  const counter = document.createElement("span");
  counter.className = "ak-counter";
  const bar = document.createElement("div");
  bar.className = "ak-toolbar";
  bar.append(first, back, next, last, slider, counter);
  const summary = document.createElement("div");
  summary.className = "ak-summary";
  const picture = document.createElement("div");
  picture.className = "ak-picture";
  const info = document.createElement("div");
  info.className = "ak-info";
  const body = document.createElement("div");
  body.className = "ak-body";
  body.append(picture, info);
  const root = document.createElement("div");
  root.className = className;
  root.append(bar, summary, body);
  el.append(root);

  const player = { picture, info, byId: new Map(), touched: [] };

  player.loadSvg = () => {
    picture.innerHTML = model.get("svg");
    player.byId = new Map();
    player.touched = [];
    for (const a of picture.querySelectorAll("a")) {  // Graphviz links: not clickable here
      a.removeAttributeNS(XLINK, "href");
      a.removeAttributeNS(XLINK, "title");
      a.removeAttribute("href");
    }
    for (const node of picture.querySelectorAll("[id]")) player.byId.set(node.id, node);
    for (const title of picture.querySelectorAll("title")) title.remove();
  };

  // The toolbar, counter and summary for the current position; clears the last marks.
  player.showPosition = (unit) => {
    const total = model.get("total");
    const position = model.get("position");
    slider.max = String(total);
    slider.value = String(position);
    counter.textContent = `${unit} ${position} / ${total}`;
    first.disabled = back.disabled = position <= 0;
    next.disabled = last.disabled = position >= total;
    summary.textContent = model.get("summary");
    summary.style.display = model.get("summary") ? "" : "none";
    for (const [element, cls] of player.touched) element.classList.remove(cls);
    player.touched = [];
    return position;
  };

  player.mark = (id, cls) => {
    const element = player.byId.get(id);
    if (element) {
      element.classList.add(cls);
      player.touched.push([element, cls]);
    }
  };

  // The side panel: a title, a list of lines, and an optional formula.
  player.showInfo = (details) => {
    info.replaceChildren();
    const title = document.createElement("div");
    title.className = "ak-info-title";
    title.textContent = details.title || "";
    const list = document.createElement("ul");
    for (const line of details.lines || []) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    info.append(title, list);
    if (details.formula) {
      const label = document.createElement("div");
      label.className = "ak-info-label";
      label.textContent = "local rule (from the Function's docstring):";
      const formula = document.createElement("pre");
      formula.className = "ak-formula";
      formula.textContent = details.formula;
      info.append(label, formula);
    }
  };

  // Run `apply` now and whenever Python changes one of `traits` (or sends a new picture:
  // then `onNewSvg` runs first, to forget anything made for the old one).
  player.follow = (apply, traits, onNewSvg = () => {}) => {
    player.loadSvg();
    apply();
    model.on("change:svg", () => { player.loadSvg(); onNewSvg(); apply(); });
    for (const trait of traits) model.on(`change:${trait}`, apply);
  };
  return player;
}
