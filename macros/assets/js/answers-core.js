/* The answer engine shared by the self-check and the checklists: pure functions, no DOM, so
   the rules can be tested on their own. Levels are ids in order, least mature first. */
(function (DPUP) {
  "use strict";

  function rank(levels, level) {
    return levels.indexOf(level);
  }

  /* Combine levels with a rule declared in the content. Only "lowest" exists today: the
     conservative choice, as the framework publishes no rule. Unrated parts give no result. */
  var RULES = {
    lowest: function (levels, values) {
      return values.reduce(function (low, value) { return rank(levels, value) < rank(levels, low) ? value : low; });
    }
  };

  function rollup(rule, levels, values) {
    if (!RULES[rule]) throw new Error("DPUP: unknown rollup rule " + rule);
    if (values.length === 0 || values.some(function (v) { return rank(levels, v) < 0; })) return null;
    return RULES[rule](levels, values);
  }

  /* elements: [{id, criteria: [criterion ids]}]; ratings: {criterionId: {level, note}}. */
  function elementLevels(elements, ratings, levels, rule) {
    var result = {};
    elements.forEach(function (element) {
      result[element.id] = rollup(rule, levels, element.criteria.map(function (id) {
        return ratings[id] ? ratings[id].level : null;
      }));
    });
    return result;
  }

  function countRated(ids, ratings, levels) {
    return ids.filter(function (id) { return ratings[id] && rank(levels, ratings[id].level) >= 0; }).length;
  }

  /* Rated criteria below the target, with the level one step up (what to aim for next). */
  function gaps(criteria, ratings, levels, target) {
    return criteria.filter(function (id) {
      var level = ratings[id] && ratings[id].level;
      return rank(levels, level) >= 0 && rank(levels, level) < rank(levels, target);
    }).map(function (id) {
      var level = ratings[id].level;
      return { criterion: id, level: level, next: levels[rank(levels, level) + 1] };
    });
  }

  /* Plan rows to numbered actions, numbered across the whole plan as in an agency's plan. */
  function numberedActions(plan) {
    var number = 0;
    var rows = [];
    plan.forEach(function (row) {
      var actions = (row.actions || []).filter(function (a) { return a.trim() !== ""; });
      if (actions.length === 0) rows.push({ row: row, number: "", action: "" });
      actions.forEach(function (action) { number += 1; rows.push({ row: row, number: number, action: action }); });
    });
    return rows;
  }

  /* CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends, quoted cells.
     A cell starting with = + @ or a tab is prefixed with ' so that Excel does not run it. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(tables) {
    var lines = [];
    tables.forEach(function (rows, index) {
      if (index > 0) lines.push("");
      rows.forEach(function (row) { lines.push(row.map(csvCell).join(",")); });
    });
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  }

  /* Check an imported file completely before anything is replaced. */
  function validateImport(text, expected) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: "it is not a JSON file." };
    }
    if (!data || typeof data !== "object" || data.format !== expected.format) {
      return { ok: false, error: "it is not a " + expected.label + " export." };
    }
    if (data.version !== expected.version) {
      return { ok: false, error: "it is version " + data.version + " of the format; this page reads version " + expected.version + "." };
    }
    if (!data.ratings || typeof data.ratings !== "object" || !Array.isArray(data.plan || [])) {
      return { ok: false, error: "its ratings or plan are missing." };
    }
    var problems = [];
    Object.keys(data.ratings).forEach(function (id) {
      var rating = data.ratings[id];
      if (!rating || typeof rating !== "object") problems.push(id + " has no rating");
      else if (rating.level && expected.answers.indexOf(rating.level) < 0) problems.push(id + " has an unknown level '" + rating.level + "'");
    });
    if (data.target && expected.levels.indexOf(data.target) < 0) problems.push("unknown target level '" + data.target + "'");
    if (problems.length) return { ok: false, error: problems.join("; ") + "." };
    var known = {};
    var skipped = [];
    Object.keys(data.ratings).forEach(function (id) {
      if (expected.criteria.indexOf(id) >= 0) known[id] = data.ratings[id]; else skipped.push(id);
    });
    return { ok: true, ratings: known, skipped: skipped, target: data.target || null, plan: data.plan || [] };
  }

  DPUP.assess = { rank: rank, rollup: rollup, elementLevels: elementLevels, countRated: countRated, gaps: gaps,
    numberedActions: numberedActions, toCsv: toCsv, validateImport: validateImport };
})(window.DPUP = window.DPUP || {});
