/* Checking a self-check file before anything is replaced (continuing from a file, last year's
   file, colleagues' files), counting what it would change, and continuing from it: asking
   first, then replacing the answers. Only visits that open a file need it, so the page loads
   this file when a person chooses one (selfcheck-files.js, through widgets.js's
   DPUP.loadScript), not with the rest. Adds validateFile and ratingChanges to
   DPUP.selfcheckCore (selfcheck-core.js), and importChecked to DPUP.selfcheckParts. */
(function (DPUP) {
  "use strict";

  const core = DPUP.selfcheckCore;
  const { has, isObject, isDate } = core;
  // 1: ratings, plan and target only; 2 adds the cover, element comments and plan fields;
  // 3 is read as 2 (files of version 3 name their agency, period and assessor in their file names).
  const VERSIONS = [1, 2, 3];
  const JSON_COPY = "the file ending in .json, made with “Download a copy (JSON)”.";

  /**
   * @typedef {import("./selfcheck-core.js").Structure} Structure
   * @typedef {import("./selfcheck-core.js").State} State
   */

  /**
   * What checking a file found: its state, or every problem in people's words.
   *
   * @typedef {object} FileCheck
   * @property {boolean} ok
   * @property {string[]} [errors] - when not ok
   * @property {State} [state] - when ok, without a comparison
   * @property {string[]} [skipped] - when ok: the ids of ratings for criteria this page lacks
   */

  /**
   * A value from a file, quoted in a message: String() would run a "toString" key of the file
   * (and throw), so lists and objects (and a missing value) are named, and only text, numbers,
   * true, false and null are shown as they are.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function shown(value) {
    if (Array.isArray(value)) return "a list";
    return isObject(value) ? "an object" : String(value).slice(0, 40);
  }

  /**
   * A refusal for a problem that stops the check.
   *
   * @param {string} error
   * @returns {FileCheck}
   */
  function refused(error) {
    return { ok: false, errors: [error] };
  }

  /**
   * What a file that is not JSON is, in words: the CSVs are for spreadsheets, and only the
   * JSON copy carries everything back.
   *
   * @param {string} content
   * @param {string} [name]
   * @returns {string}
   */
  function notJson(content, name) {
    if (/\.csv$/i.test(name) || /^\uFEFF?"?(Section|Focus area)"?,/.test(content)) {
      return "This is a CSV file, made for spreadsheets, and it cannot be read back. " +
        "Choose the JSON copy instead: " + JSON_COPY;
    }
    return "The file is not a JSON file. Choose the JSON copy: " + JSON_COPY;
  }

  /**
   * The problem with the file's version, format or size that stops it being read; "" for none.
   *
   * @param {object} data
   * @returns {string}
   */
  function formatProblem(data) {
    if (VERSIONS.indexOf(data.version) < 0) {
      const which = has(data, "version")
        ? "is version " + shown(data.version).slice(0, 20) + " of the self-check format"
        : "does not say which version of the self-check format it is";
      return "The file " + which + "; this page reads versions " + VERSIONS.slice(0, -1).join(", ") +
        " and " + core.VERSION + ".";
    }
    if (!isObject(data.ratings) || (has(data, "plan") && !Array.isArray(data.plan))) {
      return "The file has no ratings, or its plan is not a list.";
    }
    const most = 2 * core.MAX_PLAN_ROWS;
    if (has(data, "plan") && data.plan.length > most) {
      return "The plan has " + data.plan.length + " rows; a self-check plan has at most " + most + ".";
    }
    return "";
  }

  /**
   * The levels' names, as a list in a message.
   *
   * @param {Structure} structure
   * @param {string[]} levels
   * @returns {string}
   */
  function levelNames(structure, levels) {
    return levels.map((level) => core.nameOf(structure, level)).join(", ");
  }

  /**
   * The problems with the file's ratings, each naming its criterion. Ratings for criteria this
   * page does not have are skipped, their ids added to `skipped`.
   *
   * @param {Structure} structure
   * @param {object} ratings
   * @param {string[]} skipped
   * @returns {string[]}
   */
  function ratingProblems(structure, ratings, skipped) {
    const errors = [];
    const allowed = levelNames(structure, structure.answers);
    Object.keys(ratings).forEach((id) => {
      const rating = ratings[id];
      const criterion = structure.byCriterion.get(id);
      if (!criterion) {
        skipped.push(id);
        return;
      }
      const where = "Criterion “" + criterion.title + "” (" +
        structure.byElement.get(criterion.elementId).title + ", " + criterion.label + ")";
      if (!isObject(rating)) errors.push(where + " has no rating.");
      else if (rating.level && structure.answers.indexOf(rating.level) < 0) {
        errors.push(where + ": the rating “" + shown(rating.level) + "” is not one of " + allowed + ".");
      } else if (has(rating, "note") && typeof rating.note !== "string") {
        errors.push(where + ": the note is not text.");
      }
    });
    return errors;
  }

  /**
   * The problems with the file's plan rows, each naming its row.
   *
   * @param {unknown[]} plan
   * @returns {string[]}
   */
  function planProblems(plan) {
    const errors = [];
    const statuses = core.STATUS.map((status) => status[1]).join(", ");
    plan.forEach((row, i) => {
      const where = "Plan row " + (i + 1);
      if (!isObject(row)) {
        errors.push(where + " is not a plan row.");
        return;
      }
      if (has(row, "status") && core.statusName(row.status) === "") {
        errors.push(where + ": the status “" + shown(row.status) + "” is not one of " + statuses + ".");
      }
      if (has(row, "due") && row.due !== "" && !isDate(row.due)) {
        errors.push(where + ": the target date “" + shown(row.due) + "” is not a date written as YYYY-MM-DD.");
      }
      // Any number of actions: they are lines of one box, cheap to draw, and the file's size
      // bounds them.
      if (has(row, "actions") && !Array.isArray(row.actions)) {
        errors.push(where + ": the planned actions are not a list.");
      }
    });
    return errors;
  }

  /**
   * Checks a whole file before anything is replaced: every problem at once, in people's words.
   *
   * @param {string} content - the file's text ("" for one too large to read)
   * @param {Structure} structure
   * @param {number} size - in bytes
   * @param {string} [name] - the file's name
   * @returns {FileCheck}
   */
  function validateFile(content, structure, size, name) {
    if (size > core.MAX_FILE_BYTES) {
      return refused("The file is " + (size / 1000000).toFixed(1) + " MB; a self-check file is under " +
        "30 MB. Check that you chose the right file.");
    }
    let data;
    try {
      data = JSON.parse(content);
    } catch (error) {
      return refused(notJson(content, name));
    }
    if (!isObject(data) || data.format !== core.FORMAT) return refused("The file is not a DPUP self-check file.");
    const problem = formatProblem(data);
    if (problem) return refused(problem);
    const skipped = [];
    const errors = ratingProblems(structure, data.ratings, skipped);
    if (has(data, "target") && structure.levels.indexOf(data.target) < 0) {
      errors.push("The target level “" + shown(data.target) + "” is not one of " +
        levelNames(structure, structure.levels) + ".");
    }
    errors.push(...planProblems(data.plan || []));
    if (errors.length) return { ok: false, errors };
    // A downloaded file never carries a comparison (exportState leaves it out): ignore one if
    // present.
    return { ok: true, state: core.normaliseState(data, structure, true), skipped };
  }

  /**
   * How many criteria's ratings and notes differ between two sets of ratings: what importing a
   * file would change, and whether a colleague's file is one already loaded.
   *
   * @param {Structure} structure
   * @param {State["ratings"]} before
   * @param {State["ratings"]} after
   * @returns {{ratings: number, notes: number}}
   */
  function ratingChanges(structure, before, after) {
    const changes = { ratings: 0, notes: 0 };
    structure.criteria.forEach((criterion) => {
      const was = core.own(before, criterion.id);
      const now = core.own(after, criterion.id);
      if ((was.level || "") !== (now.level || "")) changes.ratings += 1;
      if ((was.note || "") !== (now.note || "")) changes.notes += 1;
    });
    return changes;
  }

  /**
   * Asks before a file replaces answers already given, counting what would change.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   * @param {File} file
   * @param {FileCheck} result - its check, which passed
   * @returns {Promise<string>} "replace", or another choice
   */
  function confirmImport(sc, file, result) {
    const structure = sc.structure;
    if (core.isEmpty(structure, sc.state)) return Promise.resolve("replace");
    const changes = ratingChanges(structure, sc.state.ratings, result.state.ratings);
    return sc.ask("Replace your answers with this file?", [
      "Importing " + file.name + " replaces everything you have entered in this browser.",
      changes.ratings + " of " + structure.criteria.length + " ratings and " + changes.notes +
        " notes would change; the plan would go from " + sc.state.plan.length + " to " +
        result.state.plan.length + " rows.",
      "You can undo the import afterwards.",
    ], [
      { label: "Replace my answers", value: "replace" },
      DPUP.selfcheckParts.choices.KEEP,
    ]);
  }

  /**
   * "Continue from a downloaded file", once the file has passed its check: asks, then replaces
   * the answers with the file's and says what came in.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   * @param {File} file
   * @param {FileCheck} result - its check, which passed
   */
  function importChecked(sc, file, result) {
    const { counted } = DPUP.selfcheckParts.dom;
    confirmImport(sc, file, result).then((choice) => {
      if (choice !== "replace") {
        sc.message("import", "Nothing imported; your answers are unchanged.");
        return;
      }
      // The file's rows get names of their own, so that undoing the import cannot mistake one
      // for a row from before it that was also named by its place.
      result.state.plan.forEach((row, i) => {
        row.id = "i" + Date.now().toString(36) + "-" + i;
      });
      if (!sc.replaceState(result.state, "import")) {
        sc.message("import", sc.notReplaced("imported"));
        return;
      }
      const state = sc.state;
      const rated = sc.assess.countRated(Object.keys(state.ratings), state.ratings, sc.structure.levels);
      const skipped = result.skipped.length
        ? " Skipped " + result.skipped.length + " ratings for criteria this site does not have."
        : "";
      sc.message("import", "Imported " + counted(rated, "rating") + " and " +
        counted(state.plan.length, "plan row") + " from " + file.name + "." + skipped);
    });
  }

  Object.assign(core, { validateFile, ratingChanges });
  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.importChecked = importChecked;
})(window.DPUP = window.DPUP || {});
