// Replay front end: the forward pass, operation by operation (after player.js).
// The final graph is laid out once in Python; `births` (sent once) says from which position
// each SVG element exists; each position's `frame` names what to highlight.

function render({ model, el }) {
  const player = makePlayer(model, el, "ak-stepper ak-replay", [
    ["« start", "before the first operation", "start"],
    ["◀ back", "one operation earlier", "back"],
    ["next ▶", "record the next operation", "next"],
    ["end »", "the whole graph", "end"],
  ]);

  function apply() {
    const position = player.showPosition("operation");
    const frame = model.get("frame") || {};
    for (const [id, born] of Object.entries(model.get("births") || {})) {
      const element = player.byId.get(id);
      if (element) element.classList.toggle("ak-hidden", born > position);
    }
    for (const id of frame.inputs || []) player.mark(id, "ak-input");
    for (const id of frame.edges || []) player.mark(id, "ak-flowed");
    for (const id of frame.outputs || []) player.mark(id, "ak-output");
    if (frame.current) player.mark(frame.current, "ak-current");
    player.showInfo(frame.info || {});
  }

  player.follow(apply, ["frame", "position", "births", "summary"]);
}

export default { render };
