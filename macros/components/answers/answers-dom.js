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

  DPUP.dom = { all: all, one: one, make: make };
})(window.DPUP = window.DPUP || {});
