/* What every widget's script shares about the page: the DOM helpers (DPUP.answersDom), the one check
   of a widget's parts (MissingPartError) and the class every widget extends (DPUP.Widget). Each
   widget loads the answers component (served as one answers.js), so they are written and
   downloaded once, not once per widget. */
(function (DPUP) {
  "use strict";

  /**
   * A part a widget cannot work without is missing from its page: its template and its script
   * disagree. The message names the widget and the part ("DPUP quiz: missing .dpup-quiz__score");
   * widgets.js logs it and the page stays as the server drew it.
   */
  class MissingPartError extends Error {
    // Set here, not taken from the class, whose name the minifier shortens.
    name = "MissingPartError";

    /**
     * @param {string} widget - the widget's name, as its root's data-dpup-widget says
     * @param {string} part - the CSS selector, or the attribute, that found nothing
     */
    constructor(widget, part) {
      super("DPUP " + widget + ": missing " + part);
    }
  }

  /**
   * The elements `selector` finds in `$within`, as an array.
   *
   * @param {ParentNode} $within
   * @param {string} selector
   * @returns {HTMLElement[]}
   */
  function all($within, selector) {
    return Array.from($within.querySelectorAll(selector));
  }

  /**
   * The part `selector` finds in `$within`: the one check of a widget's parts, which every
   * widget makes (DPUP.Widget#part, or this for the widgets not yet written as classes).
   *
   * @param {ParentNode} $within
   * @param {string} selector
   * @param {string} [widget] - the widget's name; by default the one `$within` is part of
   * @returns {HTMLElement}
   * @throws {MissingPartError} when there is none: the page is broken, and says which part
   */
  function one($within, selector, widget) {
    const $found = $within.querySelector(selector);
    if ($found) return $found;
    const $root = $within.closest ? $within.closest("[data-dpup-widget]") : null;
    throw new MissingPartError(widget || ($root ? $root.dataset.dpupWidget : "widget"), selector);
  }

  // Set as attributes, not as properties of the element.
  const ATTRIBUTES = /^(data-|aria-)|^(scope|role)$/;

  /**
   * A new element: make("p", {className: "x"}, "text") or make("ul", {}, [$item]). Text is
   * always text, never HTML. `props` are set as properties (className, href), except data-*,
   * aria-*, scope and role, which are attributes.
   *
   * @param {string} tag
   * @param {Record<string, string | boolean | number>} [props]
   * @param {string | number | Node | Array<string | number | Node>} [content]
   * @returns {HTMLElement}
   */
  function make(tag, props, content) {
    const $node = document.createElement(tag);
    Object.keys(props || {}).forEach((name) => {
      if (ATTRIBUTES.test(name)) $node.setAttribute(name, props[name]);
      else $node[name] = props[name];
    });
    // append() adds a string or number as a text node.
    [].concat(content === undefined ? [] : content).forEach((part) => $node.append(part));
    return $node;
  }

  /**
   * What a person typed, while the scripts loaded, into a box drawn empty whose saved text
   * arrived with the scripts was meant to add to that text, not replace it: it goes after it, the
   * box says so, and the widget saves both (widgets.js replays early typing through this).
   *
   * @param {HTMLInputElement | HTMLTextAreaElement} $field
   * @param {string} typed
   * @returns {boolean} false when the typing simply replaces the box's text (the box was not
   *   drawn empty, or holds no saved text)
   */
  function addToSaved($field, typed) {
    const saved = $field.value;
    if ($field.defaultValue !== "" || saved === "" || typed.indexOf(saved) === 0) return false;
    $field.value = saved + (/\s$/.test(saved) || /^\s/.test(typed) ? "" : "\n") + typed;
    $field.insertAdjacentElement("afterend", make("span", { className: "dpup-hint", role: "status" },
      "Your saved text appeared here after you started typing, so what you typed has been added " +
      "after it. Check that it reads as you meant."));
    $field.dispatchEvent(new Event("input", { bubbles: true }));
    $field.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  /**
   * What every widget's class shares: its root, its name, and the one check of the parts its
   * markup must have, which throws a MissingPartError naming the widget and the part. A widget
   * finds each part it needs once, when it starts, so a page that lacks one fails at once.
   */
  class Widget {
    /** @type {HTMLElement} the element with data-dpup-widget */
    $root;

    /** @type {string} the root's data-dpup-widget, named in every error */
    name;

    /**
     * @param {HTMLElement} $root
     */
    constructor($root) {
      this.$root = $root;
      this.name = $root.dataset.dpupWidget || "widget";
    }

    /**
     * The part `selector` finds in `$within` (the root unless given).
     *
     * @param {string} selector
     * @param {ParentNode} [$within]
     * @returns {HTMLElement}
     * @throws {MissingPartError} when there is none
     */
    part(selector, $within = this.$root) {
      return one($within, selector, this.name);
    }

    /**
     * Every part `selector` finds in `$within` (the root unless given): at least one.
     *
     * @param {string} selector
     * @param {ParentNode} [$within]
     * @returns {HTMLElement[]}
     * @throws {MissingPartError} when there is none
     */
    parts(selector, $within = this.$root) {
      const $found = all($within, selector);
      if ($found.length === 0) throw new MissingPartError(this.name, selector);
      return $found;
    }

    /**
     * The root's attribute `attribute` (such as "data-quiz-id"), which must not be empty.
     *
     * @param {string} attribute
     * @returns {string}
     * @throws {MissingPartError} when it is missing or empty
     */
    setting(attribute) {
      const value = this.$root.getAttribute(attribute);
      if (!value) throw new MissingPartError(this.name, attribute);
      return value;
    }
  }

  DPUP.answersDom = { all, one, make, addToSaved };
  DPUP.Widget = Widget;
  DPUP.MissingPartError = MissingPartError;
})(window.DPUP = window.DPUP || {});
