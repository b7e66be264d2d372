/* The self-check's DOM helpers, the structure read from its markup (elements, criteria, levels,
   rule) and the declared shape of the one object its parts share (SelfCheckContext), on
   DPUP.selfcheckParts with the widgets' own helpers (answers-dom.js). Nothing here knows the saved
   state. */
(function (DPUP) {
  "use strict";

  const FALLBACK_COLOURS = ["#f6d5a8", "#b8d3f2", "#9fd8ad", "#d9c2ef", "#f2b8c6"];
  const shared = DPUP.answersDom;  // all, one, make: answers-dom.js

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
   * A count and its noun, as the messages say it: "1 rating", "3 plan rows".
   *
   * @param {number} count
   * @param {string} noun - singular, made plural with an s
   * @returns {string}
   */
  function counted(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
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
    return DPUP.answersCore.localDay(new Date());
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
   * An element as the heat map and the report name it: "3. Transparency".
   *
   * @param {{number: string, title: string}} element
   * @returns {string}
   */
  function elementName(element) {
    return element.number + ". " + element.title;
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

  /**
   * The one object the self-check's parts share (sc): every member is declared here, with its
   * type and the part that sets it. It is sealed once made, so a part cannot add a member that is
   * not declared here (a TypeError: the scripts are strict). The structure and the services are
   * set when it is made (selfcheck.js); each part's functions when that part is wired
   * (DPUP.selfcheckParts.steps(sc), .render(sc) ...); the state by load().
   */
  class SelfCheckContext {
    /* --- made with it ------------------------------------------------------------------------ */

    /** @type {HTMLElement} the form, [data-dpup-widget="selfcheck"] */
    $root;

    /** @type {object} the structure read from the markup (readStructure), indexed by selfcheckCore.index */
    structure;

    /** @type {Map<string, object>} the criteria by id */
    byCriterion;

    /** @type {Map<string, object>} the elements by id */
    byElement;

    /** @type {object} the rules: DPUP.selfcheckCore */
    core = DPUP.selfcheckCore;

    /** @type {object} the levels' roll-up and the CSV writer: DPUP.answersCore (answers-core.js) */
    assess = DPUP.answersCore;

    /** @type {object} where answers are kept: DPUP.answersStore (answers-store.js) */
    store = DPUP.answersStore;

    /* --- what is saved and what this page remembers (selfcheck.js) ---------------------------- */

    /** @type {object | null} the one saved state, replaced whole on import, clear, undo and merge */
    state = null;

    /** @type {{action: string, at: string, state: object} | null} the copy Undo goes back to */
    undo = null;

    /** @type {{index: number, row: object} | null} the plan row "Put back" restores (selfcheck-plan.js too) */
    removedRow = null;

    /** @type {boolean} the browser refused the last save */
    saveFailed = false;

    /** @type {boolean} the browser was asked to keep this site's storage (once a visit) */
    askedToPersist = false;

    /** @type {Record<string, boolean>} the fields typed in this page, by field ("plan/<row>/owner") */
    typed = {};

    /** @type {string[] | null} typing another tab replaced, quoted in the message (the last three) */
    replacedTyping = null;

    /** @type {{baseName: string, name: string, ratings: object}[]} colleagues' files (selfcheck-colleagues.js) */
    colleagues = [];

    /** @type {number | undefined} the index of the step shown (selfcheck-steps.js) */
    current;

    /** @type {number | undefined} the printed report's redraw, after a pause (selfcheck-report.js) */
    reportTimer;

    /** @type {HTMLElement | undefined} the plan's rows (selfcheck-plan.js) */
    $planRows;

    /* --- saving and messages (selfcheck.js) ----------------------------------------------------- */

    /** @type {function(): object} the saved state, read defensively (and migrated from version 1) */
    load;

    /** @type {function(string=): void} saves the state, stamped with the time given or now */
    save;

    /** @type {function(string | string[]): void} a person changed these fields: stamp them, save */
    changed;

    /** @type {function(object): void} another tab saved: merge its state with this one */
    merge;

    /** @type {function(): void} says when the state was last saved and downloaded */
    showSaved;

    /** @type {function(object, string): void} replaces the whole state (import, clear, undo) */
    replaceState;

    /** @type {function(): void} shows Undo while there is a copy to go back to */
    showUndo;

    /** @type {function(string, string): void} a message in [data-message=<name>] */
    message;

    /** @type {function(string[], HTMLElement=): void} the error summary, and the control it is about */
    showErrors;

    /** @type {function(string): string} says what was not replaced, and why */
    notReplaced;

    /** @type {function(string, object=): Promise<void>} loads a part few visits need (undo, file check) */
    loadPart;

    /** @type {function(): void} removes messages the state has outgrown */
    dropStaleMessages;

    /* --- steps (selfcheck-steps.js) ------------------------------------------------------------- */

    /** @type {function(string): boolean} opens the step that holds the element with this id */
    go;

    /** @type {function(number): void} the next (1) or previous (-1) step */
    step;

    /** @type {function(boolean, boolean): void} opens the step the address (#sc-...) names */
    fromAddress;

    /** @type {function(string, string[], object[]): Promise<string>} asks, in a dialog */
    ask;

    /* --- drawn from the state (selfcheck-render.js) --------------------------------------------- */

    /** @type {function(string): {level: string, note: string}} a criterion's rating */
    ratingOf;

    /** @type {function(string): string} a level's name */
    levelName;

    /** @type {function(string): string} a level's letter on the heat map */
    letter;

    /** @type {function(HTMLElement, object): void} draws a heat map */
    drawChart;

    /** @type {function(): void} the answers in the form */
    renderAnswers;

    /** @type {function(): void} the count of criteria rated */
    renderProgress;

    /** @type {function(object): void} says an element's progress when it changes */
    announceElement;

    /** @type {function(): void} the gaps to the target level */
    renderGaps;

    /** @type {function(): void} what a new rating changes */
    renderAfterRating;

    /** @type {function(): void} everything, after the state was replaced */
    renderAll;

    /* --- the plan and comparisons (selfcheck-plan.js) ------------------------------------------- */

    /** @type {function(): void} the plan's rows */
    renderPlan;

    /** @type {function(): void} the comparison with last year */
    renderCompare;

    /** @type {function(): void} colleagues' ratings side by side (drawn by selfcheck-colleagues.js) */
    renderConsolidation;

    /* --- the printed report (selfcheck-report.js) ----------------------------------------------- */

    /** @type {function(): void} draws the report again, after a pause */
    scheduleReport;

    /** @type {function(): void} draws the report now (before printing) */
    renderReport;

    /* --- files (selfcheck-files.js) ------------------------------------------------------------- */

    /** @type {function(): void} downloads the state as a file to continue from */
    downloadJson;

    /** @type {function(): void} downloads the ratings as a CSV file */
    downloadRatings;

    /** @type {function(): void} downloads the plan as a CSV file */
    downloadPlan;

    /** @type {function(): void} downloads the ratings and plan as a workbook (.xlsx) */
    downloadSpreadsheet;

    /** @type {function(HTMLInputElement, File[]): void} reads the files chosen in a file field */
    openFiles;

    /**
     * @param {HTMLElement} $root
     * @param {object} structure - readStructure($root), indexed
     */
    constructor($root, structure) {
      this.$root = $root;
      this.structure = structure;
      this.byCriterion = structure.byCriterion;
      this.byElement = structure.byElement;
      Object.seal(this);
    }
  }

  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.dom = {
    all: shared.all, one: shared.one, make: shared.make, when, lowerFirst, counted, dateText, today,
    withChange, elementName, readStructure,
  };
  DPUP.selfcheckParts.Context = SelfCheckContext;
})(window.DPUP = window.DPUP || {});
