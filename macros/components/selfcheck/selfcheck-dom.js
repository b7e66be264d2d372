/* The self-check's DOM helpers and the structure read from its markup (elements, criteria, levels,
   rule), shared by the other selfcheck-*.js scripts through DPUP.selfcheckParts with the widgets'
   own helpers (answers-dom.js). Nothing here knows the saved state. */
(function (DPUP) {
  "use strict";
  var FALLBACK_COLOURS = ["#f6d5a8", "#b8d3f2", "#9fd8ad", "#d9c2ef", "#f2b8c6"];

  var shared = DPUP.dom;  // all, one, make: answers-dom.js
  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? "" : date.toLocaleString("en-NZ", { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
  }
  function lowerFirst(text) { return text.charAt(0).toLowerCase() + text.slice(1); }
  function dateText(value, month) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toLocaleDateString("en-NZ",
      { day: "numeric", month: month || "long", year: "numeric", timeZone: "UTC" }) : "";
  }
  /* Today in the person's own time zone, as YYYY-MM-DD (for file names and overdue dates). */
  function today() {
    var now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  function readStructure($root) {
    var levels = JSON.parse($root.dataset.levels);
    var colours = JSON.parse($root.dataset.levelColours);  // null for a level without a colour
    var structure = { levels: levels, names: JSON.parse($root.dataset.levelNames), defaultTarget: $root.dataset.defaultTarget,
      rules: { element: $root.dataset.ruleElement, section: $root.dataset.ruleSection }, colours: new Map(), sections: [] };
    levels.forEach(function (id, i) { structure.colours.set(id, colours[i] || FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]); });
    structure.elements = shared.all($root, ".dpup-selfcheck__element").map(function ($section) {
      if (!structure.sections.some(function (s) { return s.id === $section.dataset.sectionId; })) {
        structure.sections.push({ id: $section.dataset.sectionId, title: $section.dataset.sectionTitle });
      }
      return { id: $section.dataset.elementId, title: $section.dataset.elementTitle, number: $section.dataset.elementNumber,
        sectionId: $section.dataset.sectionId, $section: $section,
        criteria: shared.all($section, ".dpup-selfcheck__criterion").map(function ($f) { return $f.dataset.criterionId; }) };
    });
    structure.criteria = shared.all($root, ".dpup-selfcheck__criterion").map(function ($fieldset) {
      return { id: $fieldset.dataset.criterionId, title: $fieldset.dataset.criterionTitle, label: $fieldset.dataset.criterionLabel,
        elementId: $fieldset.closest("[data-element-id]").dataset.elementId, $fieldset: $fieldset,
        $radios: shared.all($fieldset, "input[type=radio]"), $note: shared.one($fieldset, "textarea") };
    });
    return structure;
  }

  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.dom = { all: shared.all, one: shared.one, make: shared.make, when: when, lowerFirst: lowerFirst, dateText: dateText,
    today: today, readStructure: readStructure };
})(window.DPUP = window.DPUP || {});
