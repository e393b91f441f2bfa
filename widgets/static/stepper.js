// BackwardStepper front end (after player.js). The graph is laid out once in Python; each
// step only restyles it from the small JSON in `frame`: the current node, the gradients
// written on the edges, the notes and .grad values in the node labels.

function render({ model, el }) {
  const player = makePlayer(model, el, "ak-stepper", [
    ["« reset", "back to before the first step", "reset"],
    ["◀ back", "undo one step", "back"],
    ["step ▶", "run the next backward node", "step"],
    ["run »", "run to the end", "run"],
  ]);
  let edgeLabels = new Map();

  function slotText(slot) {
    const g = player.byId.get("a_" + slot);
    return g ? g.querySelector("text") : null;
  }

  // A text element in the middle of an edge, made the first time the edge carries a gradient.
  function edgeLabel(edgeId) {
    if (edgeLabels.has(edgeId)) return edgeLabels.get(edgeId);
    const g = player.byId.get(edgeId);
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
    player.showPosition("step");
    const frame = model.get("frame") || {};
    for (const id of frame.done || []) player.mark(id, "ak-done");
    if (frame.next) player.mark(frame.next, "ak-next");
    if (frame.current) player.mark(frame.current, "ak-current");
    for (const slot of frame.freed || []) player.mark("a_" + slot, "ak-freed");
    for (const text of edgeLabels.values()) text.textContent = "";
    for (const [id, value] of Object.entries(frame.edges || {})) {
      if (!player.byId.has(id)) continue;
      player.mark(id, "ak-flowed");
      const text = edgeLabel(id);
      if (text) text.textContent = value;
    }
    for (const [id, element] of player.byId) {  // "grad in" lines start empty at each step
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
        if (value !== "grad: None") player.mark("a_" + slot, "ak-grad-set");
      }
    }
    player.showInfo(frame.info || {});
  }

  player.follow(apply, ["frame", "position", "summary"], () => { edgeLabels = new Map(); });
}

export default { render };
