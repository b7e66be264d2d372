/* Checking a self-check file before anything is replaced (continuing from a file, last year's
   file, colleagues' files). Only visits that open a file need it, so the page loads this file
   when a person chooses one (selfcheck-files.js, through widgets.js's DPUP.loadScript), not with the
   rest. Needs selfcheck-core.js. */
(function (DPUP) {
  "use strict";
  var core = DPUP.selfcheckCore;
  var has = core.has, isObject = core.isObject, isDate = core.isDate;
  // 1: ratings, plan and target only; 2 adds the cover, element comments and plan fields;
  // 3 is read as 2 (files of version 3 name their agency, period and assessor in their file names).
  var VERSIONS = [1, 2, 3];

  /* A value from a file, quoted in a message: String() would run a "toString" key of the file
     (and throw), so lists and objects (and a missing value) are named, and only text, numbers,
     true, false and null are shown as they are. */
  function shown(value) {
    if (Array.isArray(value)) return "a list";
    return isObject(value) ? "an object" : String(value).slice(0, 40);
  }

  /* Check a whole file before anything is replaced; every problem at once, in people's words. */
  function validateFile(content, structure, size, name) {
    if (size > core.MAX_FILE_BYTES) {
      return { ok: false, errors: ["The file is " + (size / 1000000).toFixed(1) + " MB; a self-check file is under 30 MB. Check that you chose the right file."] };
    }
    var data;
    try {
      data = JSON.parse(content);
    } catch (error) {
      // The CSVs are for spreadsheets; only the JSON copy carries everything back.
      if (/\.csv$/i.test(name) || /^\uFEFF?"?(Section|Focus area)"?,/.test(content)) {
        return { ok: false, errors: ["This is a CSV file, made for spreadsheets, and it cannot be read back. " +
          "Choose the JSON copy instead: the file ending in .json, made with “Download a copy (JSON)”."] };
      }
      return { ok: false, errors: ["The file is not a JSON file. Choose the JSON copy: the file ending in .json, made with “Download a copy (JSON)”."] };
    }
    if (!isObject(data) || data.format !== core.FORMAT) return { ok: false, errors: ["The file is not a DPUP self-check file."] };
    if (VERSIONS.indexOf(data.version) < 0) {
      var which = has(data, "version") ? "is version " + shown(data.version).slice(0, 20) + " of the self-check format" :
        "does not say which version of the self-check format it is";
      return { ok: false, errors: ["The file " + which + "; this page reads versions " +
        VERSIONS.slice(0, -1).join(", ") + " and " + core.VERSION + "."] };
    }
    if (!isObject(data.ratings) || (has(data, "plan") && !Array.isArray(data.plan))) {
      return { ok: false, errors: ["The file has no ratings, or its plan is not a list."] };
    }
    if (has(data, "plan") && data.plan.length > 2 * core.MAX_PLAN_ROWS) {
      return { ok: false, errors: ["The plan has " + data.plan.length + " rows; a self-check plan has at most " + 2 * core.MAX_PLAN_ROWS + "."] };
    }
    var errors = [];
    var skipped = [];
    var allowed = structure.answers.map(function (l) { return core.nameOf(structure, l); }).join(", ");
    Object.keys(data.ratings).forEach(function (id) {
      var rating = data.ratings[id], c = structure.byCriterion.get(id);
      if (!c) { skipped.push(id); return; }
      var where = "Criterion “" + c.title + "” (" + structure.byElement.get(c.elementId).title + ", " + c.label + ")";
      if (!isObject(rating)) errors.push(where + " has no rating.");
      else if (rating.level && structure.answers.indexOf(rating.level) < 0) {
        errors.push(where + ": the rating “" + shown(rating.level) + "” is not one of " + allowed + ".");
      } else if (has(rating, "note") && typeof rating.note !== "string") {
        errors.push(where + ": the note is not text.");
      }
    });
    if (has(data, "target") && structure.levels.indexOf(data.target) < 0) {
      errors.push("The target level “" + shown(data.target) + "” is not one of " +
        structure.levels.map(function (l) { return core.nameOf(structure, l); }).join(", ") + ".");
    }
    (data.plan || []).forEach(function (row, i) {
      var where = "Plan row " + (i + 1);
      if (!isObject(row)) { errors.push(where + " is not a plan row."); return; }
      if (has(row, "status") && core.statusName(row.status) === "") {
        errors.push(where + ": the status “" + shown(row.status) + "” is not one of " +
          core.STATUS.map(function (s) { return s[1]; }).join(", ") + ".");
      }
      if (has(row, "due") && row.due !== "" && !isDate(row.due)) {
        errors.push(where + ": the target date “" + shown(row.due) + "” is not a date written as YYYY-MM-DD.");
      }
      // Any number of actions: they are lines of one box, cheap to draw, and the file's size bounds them.
      if (has(row, "actions") && !Array.isArray(row.actions)) errors.push(where + ": the planned actions are not a list.");
    });
    if (errors.length) return { ok: false, errors: errors };
    // A downloaded file never carries a comparison (exportState leaves it out): ignore one if present.
    return { ok: true, state: core.normaliseState(data, structure, true), skipped: skipped };
  }

  core.validateFile = validateFile;
})(window.DPUP = window.DPUP || {});
