/* The DOM helpers every widget shares: each widget loads the answers component (served as one
   answers.js), so they are written and downloaded once, not once per widget. */
(function (DPUP) {
  "use strict";

  function all($root, selector) { return Array.from($root.querySelectorAll(selector)); }

  /* A part the widget cannot work without: a page that lacks it is broken, and says which part. */
  function one($root, selector) {
    var $found = $root.querySelector(selector);
    if (!$found) throw new Error("DPUP: missing " + selector);
    return $found;
  }

  /* make("p", {className: "x"}, "text", [$child]): text is always text, never HTML. */
  function make(tag, props, content) {
    var $node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name.indexOf("data-") === 0 || name.indexOf("aria-") === 0 || name === "scope" || name === "role") $node.setAttribute(name, props[name]);
      else $node[name] = props[name];
    });
    // append() adds a string or number as a text node.
    [].concat(content === undefined ? [] : content).forEach(function (part) { $node.append(part); });
    return $node;
  }

  /* What a person typed, while the scripts loaded, into a box drawn empty whose saved text arrived
     with the scripts was meant to add to that text, not replace it: it goes after it, the box says
     so, and the widget saves both (widgets.js replays early typing through this). False when the
     typing simply replaces the box's text (the box was not drawn empty, or holds no saved text). */
  function addToSaved($field, typed) {
    var saved = $field.value;
    if ($field.defaultValue !== "" || saved === "" || typed.indexOf(saved) === 0) return false;
    $field.value = saved + (/\s$/.test(saved) || /^\s/.test(typed) ? "" : "\n") + typed;
    $field.insertAdjacentElement("afterend", make("span", { className: "dpup-hint", role: "status" },
      "Your saved text appeared here after you started typing, so what you typed has been added after it. Check that it reads as you meant."));
    $field.dispatchEvent(new Event("input", { bubbles: true }));
    $field.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  DPUP.dom = { all: all, one: one, make: make, addToSaved: addToSaved };
})(window.DPUP = window.DPUP || {});
