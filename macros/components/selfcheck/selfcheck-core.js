/* The self-check's rules, with no DOM: the saved state, each element's status and level, the
   plan, file names, comparing with last year. The page draws (selfcheck.js and its parts); this
   file decides. Needs answers-core.js. Exported as DPUP.selfcheckCore; merging two tabs' entries
   (selfcheck-merge.js) adds to it, and so do the parts loaded when a person asks for them: the
   check of a file (selfcheck-import.js), colleagues' ratings side by side
   (selfcheck-colleagues.js) and the undo (selfcheck-undo.js).

   Every lookup by an id from a file goes through a Map or Object.hasOwn, so an id such as
   "__proto__" or "constructor" is an unknown id, never a property of Object. */
(function (DPUP) {
  "use strict";

  const assess = DPUP.answersCore;

  /**
   * The self-check's structure, read from its page once (DPUP.selfcheckParts.dom.readStructure)
   * and given to index(), which adds the lookups by id and the answers a rating may hold.
   *
   * @typedef {object} Structure
   * @property {string[]} levels - level ids, least mature first
   * @property {Record<string, string>} names - each level's name, by id
   * @property {{element: string, section: string}} rules - the roll-up rules (answers-core.js)
   * @property {string} defaultTarget - the target level of a new self-check
   * @property {{id: string, title: string}[]} sections
   * @property {{id: string, title: string, number: string, sectionId: string, criteria: string[]}[]} elements
   * @property {{id: string, title: string, label: string, elementId: string}[]} criteria
   * @property {Map<string, object>} [byCriterion] - the criteria by id (index())
   * @property {Map<string, object>} [byElement] - the elements by id (index())
   * @property {string[]} [answers] - the levels and "unsure" (index())
   */

  /**
   * A row of the improvement plan.
   *
   * @typedef {object} PlanRow
   * @property {string} focusArea
   * @property {string} recommendation
   * @property {string[]} actions - one line each
   * @property {string} owner
   * @property {string} resources
   * @property {string} due - YYYY-MM-DD or ""
   * @property {string} status - an id of STATUS
   * @property {string} reason - why no action is planned
   * @property {string} criterion - the criterion a gap row was made for
   * @property {string} carriedFrom - the label of last year's file an action came from
   * @property {string} [id] - its own name, for merging two tabs' plans (selfcheck-merge.js)
   * @property {number} [at] - its place among the rows
   */

  /**
   * The one saved state: what a person entered, and when each field last changed.
   *
   * @typedef {object} State
   * @property {Record<string, string>} about - the cover: ABOUT_FIELDS
   * @property {string} target - the target level's id
   * @property {Record<string, {level: string, note: string}>} ratings - by criterion id
   * @property {Record<string, Record<string, string>>} elements - each element's COMMENT_FIELDS
   * @property {PlanRow[]} plan
   * @property {{label: string, ratings: object, plan: PlanRow[]} | null} previous - last year's
   * @property {string} savedAt - ISO time, or ""
   * @property {string} downloadedAt - ISO time, or ""
   * @property {Record<string, number>} stamps - when each field last changed (selfcheck-merge.js)
   * @property {number} replacedAt - when a clear, import or undo last replaced the whole state
   */

  const FORMAT = "dpup-self-check";
  // The version files are written in; selfcheck-import.js says which versions it reads.
  const VERSION = 3;
  // Whatever the page saves it must import again. A browser keeps at most about 5 million
  // characters for a site, and a character takes at most 6 bytes in a JSON file ("\u001f"), so a
  // file made from saved answers is under 30 MB; a larger file is not one (a film chosen by
  // mistake).
  const MAX_FILE_BYTES = 30000000;
  // A year's plan has tens of rows; more than this would freeze the page drawing it. "Add row"
  // and the other buttons stop here; a file may hold twice as many, as two tabs adding rows at
  // the same moment can each reach the limit before they merge.
  const MAX_PLAN_ROWS = 500;
  const UNSURE = "unsure";
  const STATUS = [
    ["not-started", "Not started"], ["in-progress", "In progress"], ["done", "Done"],
    ["deferred", "Deferred"], ["no-action", "No action planned"],
  ];
  const STATUS_NAME = new Map(STATUS);
  const ABOUT_FIELDS = ["agency", "period", "assessor", "date"];
  const COMMENT_FIELDS = ["achievements", "challenges", "focus"];
  const ROW_TEXT_FIELDS = [
    "focusArea", "recommendation", "owner", "resources", "reason", "criterion", "carriedFrom",
  ];
  const ELEMENT_STATUS = {
    completed: "Completed", "in-progress": "In progress", "not-started": "Not started",
  };
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  // The fields that carry a change time (selfcheck-merge.js).
  const STAMPED = /^(ratings|elements|about|plan)\/.|^(target|previous)$/;
  // A plan row's own name, for merging two tabs' plans.
  const ROW_ID = /^[a-z0-9][a-z0-9-]{0,79}$/i;

  /**
   * Whether `object` is an object with its own `key` (never one it inherits).
   *
   * @param {unknown} object
   * @param {string} key
   * @returns {boolean}
   */
  function has(object, key) {
    return object !== null && typeof object === "object" && Object.hasOwn(object, key);
  }

  /**
   * A rating or an element's comments by id: its own entry, or an empty one.
   *
   * @param {object} object
   * @param {string} key
   * @returns {object}
   */
  function own(object, key) {
    return has(object, key) ? object[key] : {};
  }

  /**
   * A value as text: "" for anything that is not a string.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function text(value) {
    return typeof value === "string" ? value : "";
  }

  /**
   * The named fields of a value from storage or a file, each as text ("" when missing or not
   * text).
   *
   * @param {string[]} fields
   * @param {object} [raw]
   * @returns {Record<string, string>}
   */
  function texts(fields, raw) {
    const clean = {};
    fields.forEach((field) => {
      clean[field] = text(raw && raw[field]);
    });
    return clean;
  }

  /**
   * Whether a value is an object and not a list (nor null).
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /**
   * Whether a value is a date written as YYYY-MM-DD.
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isDate(value) {
    return typeof value === "string" && DATE.test(value);
  }

  /**
   * A new self-check's state: nothing entered, the structure's default target.
   *
   * @param {Structure} structure
   * @returns {State}
   */
  function emptyState(structure) {
    return {
      about: texts(ABOUT_FIELDS), target: structure.defaultTarget,
      ratings: {}, elements: {}, plan: [], previous: null, savedAt: "", downloadedAt: "",
      stamps: {}, replacedAt: 0,
    };
  }

  /**
   * Made once, before anything else here is called (selfcheck.js does it as it reads the page):
   * criteria and elements by id, and every answer a rating may hold.
   *
   * @param {Structure} structure
   * @returns {Structure} the same structure, indexed
   */
  function index(structure) {
    structure.byCriterion = new Map(structure.criteria.map((criterion) => [criterion.id, criterion]));
    structure.byElement = new Map(structure.elements.map((element) => [element.id, element]));
    structure.answers = structure.levels.concat([UNSURE]);
    return structure;
  }

  /**
   * A level's name: "Not sure yet" for unsure, "Not rated" for anything that is not a level.
   *
   * @param {Structure} structure
   * @param {string} level
   * @returns {string}
   */
  function nameOf(structure, level) {
    if (level === UNSURE) return "Not sure yet";
    return has(structure.names, level) ? structure.names[level] : "Not rated";
  }

  /**
   * A status's name ("Not started"); "" for an id that is not a status.
   *
   * @param {string} id
   * @returns {string}
   */
  function statusName(id) {
    return STATUS_NAME.get(id) || "";
  }

  /**
   * A plan row from storage or a file, with its id and place (at) unless bare (a downloaded
   * file keeps version 3's format, without them).
   *
   * @param {unknown} raw
   * @param {boolean} [bare]
   * @returns {PlanRow}
   */
  function normaliseRow(raw, bare) {
    const row = isObject(raw) ? raw : {};
    const clean = Object.assign({
      actions: Array.isArray(row.actions) ? row.actions.filter((action) => typeof action === "string") : [],
      due: isDate(row.due) ? row.due : "",
      status: STATUS_NAME.has(row.status) ? row.status : "not-started",
    }, texts(ROW_TEXT_FIELDS, row));
    if (bare) return clean;
    if (typeof row.id === "string" && ROW_ID.test(row.id)) clean.id = row.id;
    if (Number.isFinite(row.at)) clean.at = row.at;
    return clean;
  }

  /**
   * The plan's rows, each with an id of its own and a place. A row saved before rows had ids,
   * or imported, is named by its place: the same name in every tab.
   *
   * @param {unknown[]} rows
   * @returns {PlanRow[]}
   */
  function normalisePlan(rows) {
    const ids = new Set();
    return rows.map((row, i) => {
      const clean = normaliseRow(row);
      if (!clean.id || ids.has(clean.id)) clean.id = "row-" + i;
      while (ids.has(clean.id)) clean.id += "-" + i;
      if (!has(clean, "at")) clean.at = i;
      ids.add(clean.id);
      return clean;
    });
  }

  /**
   * Anything read back from storage or a file, trusted only as far as the rules allow. Last
   * year's assessment is read one level deep: its own "previous", if any, is dropped, so a
   * hostile or damaged entry nested thousands deep cannot exhaust the stack.
   *
   * @param {unknown} raw
   * @param {Structure} structure
   * @param {boolean} [withoutPrevious] - drop raw.previous
   * @returns {State}
   */
  function normaliseState(raw, structure, withoutPrevious) {
    const state = emptyState(structure);
    if (!isObject(raw)) return state;
    state.about = texts(ABOUT_FIELDS, raw.about);
    if (structure.levels.indexOf(raw.target) >= 0) state.target = raw.target;
    if (isObject(raw.ratings)) {
      Object.keys(raw.ratings).forEach((id) => {
        const rating = raw.ratings[id];
        if (!structure.byCriterion.has(id) || !isObject(rating)) return;
        const level = structure.answers.indexOf(rating.level) >= 0 ? rating.level : "";
        state.ratings[id] = { level, note: text(rating.note) };
      });
    }
    if (isObject(raw.elements)) {
      Object.keys(raw.elements).forEach((id) => {
        if (!structure.byElement.has(id) || !isObject(raw.elements[id])) return;
        state.elements[id] = texts(COMMENT_FIELDS, raw.elements[id]);
      });
    }
    if (Array.isArray(raw.plan)) state.plan = normalisePlan(raw.plan);
    if (!withoutPrevious && isObject(raw.previous) && isObject(raw.previous.ratings)) {
      const previous = normaliseState(raw.previous, structure, true);
      state.previous = {
        label: text(raw.previous.label) || "Previous", ratings: previous.ratings, plan: previous.plan,
      };
    }
    Object.assign(state, texts(["savedAt", "downloadedAt"], raw));
    // When each field last changed (selfcheck-merge.js): numbers only, under the fields' own names.
    if (isObject(raw.stamps)) {
      Object.keys(raw.stamps).forEach((field) => {
        if (STAMPED.test(field) && Number.isFinite(raw.stamps[field])) state.stamps[field] = raw.stamps[field];
      });
    }
    if (Number.isFinite(raw.replacedAt)) state.replacedAt = raw.replacedAt;
    return state;
  }

  /**
   * The file a person downloads: their answers, not the comparison they loaded.
   *
   * @param {State} state
   * @param {string} today - YYYY-MM-DD
   * @returns {object}
   */
  function exportState(state, today) {
    return {
      format: FORMAT, version: VERSION, exported: today, about: state.about, target: state.target,
      ratings: state.ratings, elements: state.elements,
      plan: state.plan.map((row) => normaliseRow(row, true)),
    };
  }

  /**
   * An element's status: not started, in progress or completed (once every criterion has a
   * level).
   *
   * @param {Structure} structure
   * @param {{criteria: string[]}} element
   * @param {State} state
   * @returns {{status: string, rated: number, total: number, label: string}}
   */
  function elementStatus(structure, element, state) {
    const rated = assess.countRated(element.criteria, state.ratings, structure.levels);
    const touched = element.criteria.some((id) => own(state.ratings, id).level || own(state.ratings, id).note);
    let status = "not-started";
    if (rated === element.criteria.length) status = "completed";
    else if (touched) status = "in-progress";
    return { status, rated, total: element.criteria.length, label: ELEMENT_STATUS[status] };
  }

  /**
   * Each element's and section's level, rolled up by the structure's rules.
   *
   * @param {Structure} structure
   * @param {State["ratings"]} ratings
   * @returns {{elements: Record<string, string | null>, sections: Record<string, string | null>}}
   */
  function levels(structure, ratings) {
    const elementLevel = assess.elementLevels(
      structure.elements, ratings, structure.levels, structure.rules.element,
    );
    const sectionLevel = {};
    structure.sections.forEach((section) => {
      const values = structure.elements
        .filter((element) => element.sectionId === section.id)
        .map((element) => elementLevel[element.id]);
      sectionLevel[section.id] = assess.rollup(structure.rules.section, structure.levels, values);
    });
    return { elements: elementLevel, sections: sectionLevel };
  }

  /**
   * The plan rows the gaps below the target call for, with a plain sentence for each: the first
   * thing a reader of the plan sees. A criterion already in the plan is not added again.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {PlanRow[]}
   */
  function gapRows(structure, state) {
    const planned = new Set(state.plan.map((row) => row.criterion));
    const ids = structure.criteria.map((criterion) => criterion.id);
    return assess.gaps(ids, state.ratings, structure.levels, state.target)
      .filter((gap) => !planned.has(gap.criterion))
      .map((gap) => {
        const criterion = structure.byCriterion.get(gap.criterion);
        const next = nameOf(structure, gap.next);
        return normaliseRow({
          focusArea: structure.byElement.get(criterion.elementId).title,
          criterion: criterion.id,
          recommendation: "Raise “" + criterion.title + "” from " + nameOf(structure, gap.level) +
            " to " + next + ", as the " + next + " description for this criterion sets out.",
        });
      });
  }

  /**
   * A file name part: lower case letters and digits joined by hyphens, accents and macrons
   * dropped ("Te Puni Kōkiri" -> "te-puni-kokiri"), at most 40 characters.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function slug(value) {
    return text(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").slice(0, 40).replace(/^-+|-+$/g, "");
  }

  /**
   * dpup-self-check-ratings-<agency>-<period>-<date>.csv; parts not given are left out. The JSON
   * copy and the spreadsheet (kind "xlsx": the ratings and the plan) are named without a kind.
   *
   * @param {string} kind - "json", "xlsx", "ratings" or "plan"
   * @param {{agency?: string, period?: string}} about
   * @param {string} today - YYYY-MM-DD
   * @returns {string}
   */
  function fileName(kind, about, today) {
    const whole = kind === "json" || kind === "xlsx";
    const parts = ["dpup-self-check", whole ? "" : kind, slug(about.agency), slug(about.period), today];
    return parts.filter(Boolean).join("-") + "." + (whole ? kind : "csv");
  }

  /**
   * Whether a row's action is still to do: neither done nor one with no action planned.
   *
   * @param {PlanRow} row
   * @returns {boolean}
   */
  function isOpen(row) {
    return row.status !== "done" && row.status !== "no-action";
  }

  /**
   * A planned action not done by its target date.
   *
   * @param {PlanRow} row
   * @param {string} today - YYYY-MM-DD, the person's own day
   * @returns {boolean}
   */
  function isOverdue(row, today) {
    return isDate(row.due) && row.due < today && isOpen(row);
  }

  /**
   * Whether nothing has been entered: no rating or note, no plan row, no comment or cover detail.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {boolean}
   */
  function isEmpty(structure, state) {
    // An element's comments and the cover hold only their text fields (texts()).
    const filled = (values) => Object.values(values).some(Boolean);
    const rated = Object.values(state.ratings).some((rating) => rating.level || rating.note);
    return !rated && state.plan.length === 0 && !Object.values(state.elements).some(filled) &&
      !filled(state.about);
  }

  /**
   * Previous and current as words: "Up from Informal to Foundational", never colour alone.
   *
   * @param {Structure} structure
   * @param {string | null | undefined} before
   * @param {string | null | undefined} after
   * @returns {{previous: string, current: string, text: string}}
   */
  function changeOf(structure, before, after) {
    const rankBefore = structure.levels.indexOf(before);
    const rankAfter = structure.levels.indexOf(after);
    const previous = before ? nameOf(structure, before) : "Not rated";
    const current = after ? nameOf(structure, after) : "Not rated";
    let words = "No change";
    if (rankBefore < 0 || rankAfter < 0) words = "Cannot compare";
    else if (rankAfter !== rankBefore) {
      words = (rankAfter > rankBefore ? "Up" : "Down") + " from " + previous + " to " + current;
    }
    return { previous, current, text: words };
  }

  /**
   * Each criterion's and element's change since last year's file; null without one.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {{label: string, criteria: object, elements: object} | null} the changes by id
   */
  function compare(structure, state) {
    if (!state.previous) return null;
    const now = levels(structure, state.ratings);
    const then = levels(structure, state.previous.ratings);
    const criteria = {};
    const elements = {};
    structure.criteria.forEach((criterion) => {
      criteria[criterion.id] = changeOf(structure,
        own(state.previous.ratings, criterion.id).level, own(state.ratings, criterion.id).level);
    });
    structure.elements.forEach((element) => {
      elements[element.id] = changeOf(structure, then.elements[element.id], now.elements[element.id]);
    });
    return { label: state.previous.label, criteria, elements };
  }

  /**
   * Last year's actions not done: offered to this year's plan, once each.
   *
   * @param {State} state
   * @returns {PlanRow[]} new rows, marked as carried from last year's file
   */
  function openActions(state) {
    if (!state.previous) return [];
    const named = (row) => row.focusArea + "\n" + row.recommendation;
    const here = new Set(state.plan.map(named));
    return state.previous.plan
      .filter((row) => isOpen(row) && !here.has(named(row)))
      .map((row) => Object.assign(normaliseRow(row), { carriedFrom: state.previous.label }));
  }

  DPUP.selfcheckCore = {
    FORMAT, VERSION, STATUS, MAX_FILE_BYTES, MAX_PLAN_ROWS, ABOUT_FIELDS, COMMENT_FIELDS,
    has, own, isObject, isDate, texts, index, emptyState, normaliseState, normaliseRow,
    exportState, elementStatus, levels, gapRows, isEmpty, compare, openActions, nameOf,
    statusName, fileName, isOverdue,
  };
})(window.DPUP = window.DPUP || {});
