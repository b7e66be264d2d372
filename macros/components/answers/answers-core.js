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

  /* OWASP ASVS 5.0, V1.2.10: a field that starts with = + - @, a tab or NUL is one a spreadsheet
     may run as a formula. Also guarded: those signs after spaces (some imports trim them), in the
     full-width forms some spreadsheets accept, and a leading carriage return. */
  var FORMULA = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\0]/;
  /* The one exception: a field that is strictly a plain number (-5000, -5,000, 12.5), which a
     spreadsheet reads as that number, is left as it is. A phone number (+64 21 555 0101) is not. */
  var PLAIN_NUMBER = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

  /* Whether a cell's text would be read as a formula: CSV cells get a leading ', spreadsheet
     cells are marked as text (selfcheck-sheets.js). */
  function formulaLike(text) {
    return FORMULA.test(text) && !PLAIN_NUMBER.test(text);
  }

  /* CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends, quoted cells
     (RFC 4180). A cell a spreadsheet could run gets a leading ', so that it is read as text. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (formulaLike(text)) text = "'" + text;
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

  DPUP.assess = { rank: rank, rollup: rollup, elementLevels: elementLevels, countRated: countRated, gaps: gaps,
    numberedActions: numberedActions, toCsv: toCsv, formulaLike: formulaLike };
})(window.DPUP = window.DPUP || {});
