/* The self-check's DOM helpers and the structure read from its markup (elements, criteria, levels,
   rule), shared by the other selfcheck-*.js scripts through DPUP.selfcheckParts with the widgets'
   own helpers (answers-dom.js). Nothing here knows the saved state. */
(function (DPUP) {
  "use strict";

  const FALLBACK_COLOURS = ["#f6d5a8", "#b8d3f2", "#9fd8ad", "#d9c2ef", "#f2b8c6"];
  const shared = DPUP.dom;  // all, one, make: answers-dom.js

  /**
   * A saved time as people in New Zealand write it: "6 December 2026 at 7:33 am".
   *
   * @param {string} iso
   * @returns {string} "" for a time that is not one
   */
  function when(iso) {
    const date = new Date(iso);
    if (isNaN(date)) return "";
    return date.toLocaleString("en-NZ", {
      day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit",
    });
  }

  /**
   * The text with its first letter in lower case, to go inside a sentence.
   *
   * @param {string} text
   * @returns {string}
   */
  function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }

  /**
   * A date (YYYY-MM-DD) as people in New Zealand write it: "6 December 2026".
   *
   * @param {string} value
   * @param {string} [month] - toLocaleDateString's month: "long" (the default) or "short"
   * @returns {string} "" for a value that is not a date
   */
  function dateText(value, month) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return "";
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toLocaleDateString("en-NZ", {
      day: "numeric", month: month || "long", year: "numeric", timeZone: "UTC",
    });
  }

  /**
   * Today in the person's own time zone, as YYYY-MM-DD (for file names and overdue dates).
   *
   * @returns {string}
   */
  function today() {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  /**
   * A rating with its change since the file compared with, as the page and the printed report
   * both say it: "Managed (Last year: Informal; up from informal)". Without a file to compare
   * with, the rating alone.
   *
   * @param {string} text - the rating as it stands
   * @param {{label: string} | null} comparison - what selfcheckCore.compare found, or null
   * @param {{previous: string, text: string}} [change] - this criterion's or element's change
   * @returns {string}
   */
  function withChange(text, comparison, change) {
    if (!comparison) return text;
    return text + " (" + comparison.label + ": " + change.previous + "; " + lowerFirst(change.text) + ")";
  }

  /**
   * The self-check's structure, read from its markup: never hard-coded.
   *
   * @param {HTMLElement} $root
   * @returns {object} levels, names, defaultTarget, rules, colours, sections, elements, criteria
   */
  function readStructure($root) {
    const levels = JSON.parse($root.dataset.levels);
    const colours = JSON.parse($root.dataset.levelColours);  // null for a level without a colour
    const structure = {
      levels,
      names: JSON.parse($root.dataset.levelNames),
      defaultTarget: $root.dataset.defaultTarget,
      rules: { element: $root.dataset.ruleElement, section: $root.dataset.ruleSection },
      colours: new Map(),
      sections: [],
    };
    levels.forEach((id, i) => {
      structure.colours.set(id, colours[i] || FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]);
    });
    structure.elements = shared.all($root, ".dpup-selfcheck__element").map(($section) => {
      const sectionId = $section.dataset.sectionId;
      if (!structure.sections.some((section) => section.id === sectionId)) {
        structure.sections.push({ id: sectionId, title: $section.dataset.sectionTitle });
      }
      return {
        id: $section.dataset.elementId,
        title: $section.dataset.elementTitle,
        number: $section.dataset.elementNumber,
        sectionId,
        $section,
        criteria: shared.all($section, ".dpup-selfcheck__criterion").map(($fieldset) => $fieldset.dataset.criterionId),
      };
    });
    structure.criteria = shared.all($root, ".dpup-selfcheck__criterion").map(($fieldset) => ({
      id: $fieldset.dataset.criterionId,
      title: $fieldset.dataset.criterionTitle,
      label: $fieldset.dataset.criterionLabel,
      elementId: $fieldset.closest("[data-element-id]").dataset.elementId,
      $fieldset,
      $radios: shared.all($fieldset, "input[type=radio]"),
      $note: shared.one($fieldset, "textarea", "selfcheck"),
    }));
    return structure;
  }

  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.dom = {
    all: shared.all, one: shared.one, make: shared.make, when, lowerFirst, dateText, today, withChange,
    readStructure,
  };
})(window.DPUP = window.DPUP || {});
