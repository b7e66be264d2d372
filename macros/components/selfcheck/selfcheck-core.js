/* The self-check's rules, with no DOM: the saved state, what each element's status and level is,
   the plan, the two CSV files, comparing with last year and combining colleagues' ratings
   (checking an imported file is selfcheck-import.js, loaded when a file is chosen). selfcheck.js draws; this file decides. Needs answers-core.js.

   `structure` is read from the page once and given to index(): { levels: [ids, least mature first],
   names: {id: name}, rules: {element, section}, defaultTarget, sections: [{id, title}],
   elements: [{id, title, sectionId, criteria: [ids]}], criteria: [{id, title, label, elementId}] }.
   Every lookup by an id from a file goes through a Map or Object.hasOwn, so an id such as
   "__proto__" or "constructor" is an unknown id, never a property of Object. */
(function (DPUP) {
  "use strict";
  var A = DPUP.assess;
  var FORMAT = "dpup-self-check";
  // The version files are written in; selfcheck-import.js says which versions it reads.
  var VERSION = 3;
  // Whatever the page saves it must import again. A browser keeps at most about 5 million
  // characters for a site, and a character takes at most 6 bytes in a JSON file ("\u001f"), so a
  // file made from saved answers is under 30 MB; a larger file is not one (a film chosen by mistake).
  var MAX_FILE_BYTES = 30000000;
  // A year's plan has tens of rows; more than this would freeze the page drawing it. "Add row" and
  // the other buttons stop here; a file may hold twice as many, as two tabs adding rows at the same
  // moment can each reach the limit before they merge.
  var MAX_PLAN_ROWS = 500;
  var UNSURE = "unsure";
  var STATUS = [
    ["not-started", "Not started"], ["in-progress", "In progress"], ["done", "Done"],
    ["deferred", "Deferred"], ["no-action", "No action planned"]
  ];
  var STATUS_NAME = new Map(STATUS);
  var ABOUT_FIELDS = ["agency", "period", "assessor", "date"];
  var COMMENT_FIELDS = ["achievements", "challenges", "focus"];
  var ROW_TEXT_FIELDS = ["focusArea", "recommendation", "owner", "resources", "reason", "criterion", "carriedFrom"];
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var STAMPED = /^(ratings|elements|about|plan)\/.|^(target|previous)$/;  // fields with a change time
  var ROW_ID = /^[a-z0-9][a-z0-9-]{0,79}$/i;  // a plan row's own name, for merging two tabs' plans

  function has(object, key) { return object !== null && typeof object === "object" && Object.hasOwn(object, key); }
  /* A rating or an element's comments by id: its own entry, or an empty one. */
  function own(object, key) { return has(object, key) ? object[key] : {}; }
  function text(value) { return typeof value === "string" ? value : ""; }
  /* The named fields of a value from storage or a file, each as text ("" when missing or not text). */
  function texts(fields, raw) {
    var clean = {};
    fields.forEach(function (f) { clean[f] = text(raw && raw[f]); });
    return clean;
  }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isDate(value) { return typeof value === "string" && DATE.test(value); }
  function emptyState(structure) {
    return { about: texts(ABOUT_FIELDS), target: structure.defaultTarget,
      ratings: {}, elements: {}, plan: [], previous: null, savedAt: "", downloadedAt: "",
      stamps: {}, replacedAt: 0 };
  }

  /* Made once, before anything else here is called (selfcheck.js does it as it reads the page):
     criteria and elements by id, and every answer a rating may hold. */
  function index(structure) {
    structure.byCriterion = new Map(structure.criteria.map(function (c) { return [c.id, c]; }));
    structure.byElement = new Map(structure.elements.map(function (e) { return [e.id, e]; }));
    structure.answers = structure.levels.concat([UNSURE]);
    return structure;
  }

  function nameOf(structure, level) {
    if (level === UNSURE) return "Not sure yet";
    return has(structure.names, level) ? structure.names[level] : "Not rated";
  }

  /* A plan row; with its id and place (at) unless bare (a file keeps version 3's format without them). */
  function normaliseRow(row, bare) {
    row = isObject(row) ? row : {};
    var clean = Object.assign({ actions: Array.isArray(row.actions) ? row.actions.filter(function (a) { return typeof a === "string"; }) : [],
      due: isDate(row.due) ? row.due : "", status: STATUS_NAME.has(row.status) ? row.status : "not-started" }, texts(ROW_TEXT_FIELDS, row));
    if (bare) return clean;
    if (typeof row.id === "string" && ROW_ID.test(row.id)) clean.id = row.id;
    if (Number.isFinite(row.at)) clean.at = row.at;
    return clean;
  }

  /* Anything read back from storage, trusted only as far as the rules allow. Last year's
     assessment is read one level deep: its own "previous", if any, is dropped, so a hostile or
     damaged entry nested thousands deep cannot exhaust the stack. */
  function normaliseState(raw, structure, withoutPrevious) {
    var state = emptyState(structure);
    if (!isObject(raw)) return state;
    state.about = texts(ABOUT_FIELDS, raw.about);
    if (structure.levels.indexOf(raw.target) >= 0) state.target = raw.target;
    if (isObject(raw.ratings)) {
      Object.keys(raw.ratings).forEach(function (id) {
        var rating = raw.ratings[id];
        if (!structure.byCriterion.has(id) || !isObject(rating)) return;
        state.ratings[id] = { level: structure.answers.indexOf(rating.level) >= 0 ? rating.level : "", note: text(rating.note) };
      });
    }
    if (isObject(raw.elements)) {
      Object.keys(raw.elements).forEach(function (id) {
        if (!structure.byElement.has(id) || !isObject(raw.elements[id])) return;
        state.elements[id] = texts(COMMENT_FIELDS, raw.elements[id]);
      });
    }
    if (Array.isArray(raw.plan)) {
      var ids = new Set();
      state.plan = raw.plan.map(function (row, i) {
        // A row saved before rows had ids, or imported, is named by its place: the same name in every tab.
        var clean = normaliseRow(row);
        if (!clean.id || ids.has(clean.id)) clean.id = "row-" + i;
        while (ids.has(clean.id)) clean.id += "-" + i;
        if (!has(clean, "at")) clean.at = i;
        ids.add(clean.id);
        return clean;
      });
    }
    if (!withoutPrevious && isObject(raw.previous) && isObject(raw.previous.ratings)) {
      var previous = normaliseState(raw.previous, structure, true);
      state.previous = { label: text(raw.previous.label) || "Previous", ratings: previous.ratings, plan: previous.plan };
    }
    Object.assign(state, texts(["savedAt", "downloadedAt"], raw));
    // When each field last changed (selfcheck-merge.js): numbers only, under the fields' own names.
    if (isObject(raw.stamps)) {
      Object.keys(raw.stamps).forEach(function (field) {
        if (STAMPED.test(field) && Number.isFinite(raw.stamps[field])) state.stamps[field] = raw.stamps[field];
      });
    }
    if (Number.isFinite(raw.replacedAt)) state.replacedAt = raw.replacedAt;
    return state;
  }

  /* The file a person downloads: their answers, not the comparison they loaded. */
  function exportState(state, today) {
    return { format: FORMAT, version: VERSION, exported: today, about: state.about, target: state.target,
      ratings: state.ratings, elements: state.elements, plan: state.plan.map(function (row) { return normaliseRow(row, true); }) };
  }

  /* Not started, in progress or completed: completed once every criterion has a level. */
  function elementStatus(structure, element, state) {
    var rated = A.countRated(element.criteria, state.ratings, structure.levels);
    var touched = element.criteria.some(function (id) { return own(state.ratings, id).level || own(state.ratings, id).note; });
    var status = rated === element.criteria.length ? "completed" : touched ? "in-progress" : "not-started";
    return { status: status, rated: rated, total: element.criteria.length,
      label: { completed: "Completed", "in-progress": "In progress", "not-started": "Not started" }[status] };
  }

  function levels(structure, ratings) {
    var elementLevel = A.elementLevels(structure.elements, ratings, structure.levels, structure.rules.element);
    var sectionLevel = {};
    structure.sections.forEach(function (section) {
      var values = structure.elements.filter(function (e) { return e.sectionId === section.id; })
        .map(function (e) { return elementLevel[e.id]; });
      sectionLevel[section.id] = A.rollup(structure.rules.section, structure.levels, values);
    });
    return { elements: elementLevel, sections: sectionLevel };
  }

  /* The plan rows the gaps below the target call for, with a plain sentence for each: the first
     thing a reader of the plan sees. */
  function gapRows(structure, state) {
    var planned = new Set(state.plan.map(function (row) { return row.criterion; }));
    return A.gaps(structure.criteria.map(function (c) { return c.id; }), state.ratings, structure.levels, state.target)
      .filter(function (gap) { return !planned.has(gap.criterion); })
      .map(function (gap) {
        var c = structure.byCriterion.get(gap.criterion);
        var next = nameOf(structure, gap.next);
        return normaliseRow({ focusArea: structure.byElement.get(c.elementId).title, criterion: c.id,
          recommendation: "Raise “" + c.title + "” from " + nameOf(structure, gap.level) + " to " + next +
            ", as the " + next + " description for this criterion sets out." });
      });
  }

  /* A file name part: lower case letters and digits joined by hyphens, accents and macrons
     dropped ("Te Puni Kōkiri" -> "te-puni-kokiri"), at most 40 characters. */
  function slug(value) {
    return text(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").slice(0, 40).replace(/^-+|-+$/g, "");
  }

  /* dpup-self-check-ratings-<agency>-<period>-<date>.csv; parts not given are left out. The JSON
     copy and the spreadsheet (kind "xlsx": the ratings and the plan) are named without a kind. */
  function fileName(kind, about, today) {
    var whole = kind === "json" || kind === "xlsx";
    var parts = ["dpup-self-check", whole ? "" : kind, slug(about.agency), slug(about.period), today];
    return parts.filter(Boolean).join("-") + "." + (whole ? kind : "csv");
  }

  /* A planned action not done by its target date (today is YYYY-MM-DD, the person's own day). */
  function isOverdue(row, today) {
    return isDate(row.due) && row.due < today && row.status !== "done" && row.status !== "no-action";
  }

  /* How many criteria's ratings and notes differ between two sets of ratings: what importing a
     file would change, and whether a colleague's file is one already loaded. */
  function ratingChanges(structure, before, after) {
    var changes = { ratings: 0, notes: 0 };
    structure.criteria.forEach(function (c) {
      var was = own(before, c.id), now = own(after, c.id);
      if ((was.level || "") !== (now.level || "")) changes.ratings += 1;
      if ((was.note || "") !== (now.note || "")) changes.notes += 1;
    });
    return changes;
  }

  function isEmpty(structure, state) {
    // An element's comments and the cover hold only their text fields (texts()).
    function filled(values) { return Object.values(values).some(Boolean); }
    return !Object.values(state.ratings).some(function (rating) { return rating.level || rating.note; }) &&
      state.plan.length === 0 && !Object.values(state.elements).some(filled) && !filled(state.about);
  }

  /* Previous and current as words: "Up from Informal to Foundational", never colour alone. */
  function changeOf(structure, before, after) {
    var rankBefore = structure.levels.indexOf(before), rankAfter = structure.levels.indexOf(after);
    var result = { previous: before ? nameOf(structure, before) : "Not rated", current: after ? nameOf(structure, after) : "Not rated" };
    result.text = rankBefore < 0 || rankAfter < 0 ? "Cannot compare" : rankAfter === rankBefore ? "No change" :
      (rankAfter > rankBefore ? "Up" : "Down") + " from " + result.previous + " to " + result.current;
    return result;
  }

  function compare(structure, state) {
    if (!state.previous) return null;
    var now = levels(structure, state.ratings), then = levels(structure, state.previous.ratings);
    var criteria = {}, elements = {};
    structure.criteria.forEach(function (c) {
      criteria[c.id] = changeOf(structure, own(state.previous.ratings, c.id).level, own(state.ratings, c.id).level);
    });
    structure.elements.forEach(function (e) { elements[e.id] = changeOf(structure, then.elements[e.id], now.elements[e.id]); });
    return { label: state.previous.label, criteria: criteria, elements: elements };
  }

  /* Last year's actions not done: offered to this year's plan, once each. */
  function openActions(state) {
    if (!state.previous) return [];
    var here = new Set(state.plan.map(function (row) { return row.focusArea + "\n" + row.recommendation; }));
    return state.previous.plan.filter(function (row) {
      return row.status !== "done" && row.status !== "no-action" && !here.has(row.focusArea + "\n" + row.recommendation);
    }).map(function (row) { return Object.assign(normaliseRow(row), { carriedFrom: state.previous.label }); });
  }

  /* Colleagues' ratings side by side: [{ criterion, ratings: [level per assessor], agree, unrated, agreed }]. */
  function consolidate(structure, assessors) {
    return structure.criteria.map(function (c) {
      var given = assessors.map(function (a) { return own(a.ratings, c.id).level || ""; });
      var distinct = given.filter(function (level, i) { return given.indexOf(level) === i; });
      var agreed = distinct.length === 1 ? distinct[0] : null;
      // Nobody has rated it yet: not a disagreement, only a gap (it was counted as one).
      return { criterion: c.id, ratings: given, agree: structure.answers.indexOf(agreed) >= 0, unrated: agreed === "", agreed: agreed || "" };
    });
  }

  DPUP.selfcheckCore = {
    FORMAT: FORMAT, VERSION: VERSION, STATUS: STATUS, isObject: isObject, isDate: isDate,
    MAX_FILE_BYTES: MAX_FILE_BYTES, MAX_PLAN_ROWS: MAX_PLAN_ROWS, texts: texts, ABOUT_FIELDS: ABOUT_FIELDS, COMMENT_FIELDS: COMMENT_FIELDS, index: index,
    emptyState: emptyState, normaliseState: normaliseState, normaliseRow: normaliseRow,
    exportState: exportState, elementStatus: elementStatus, levels: levels,
    gapRows: gapRows, ratingChanges: ratingChanges,
    isEmpty: isEmpty, compare: compare, openActions: openActions, consolidate: consolidate,
    nameOf: nameOf, statusName: function (id) { return STATUS_NAME.get(id) || ""; }, fileName: fileName,
    isOverdue: isOverdue, has: has
  };
})(window.DPUP = window.DPUP || {});
