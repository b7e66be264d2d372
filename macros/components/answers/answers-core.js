/* The answer engine shared by the self-check and the checklists: pure functions, no DOM, so
   the rules can be tested on their own (answers.test.js). Levels are ids in order, least mature
   first. Exported as DPUP.answersCore. */
(function (DPUP) {
  "use strict";

  /**
   * A level's place in the order, least mature first; -1 for one that is not a level.
   *
   * @param {string[]} levels
   * @param {string | null | undefined} level
   * @returns {number}
   */
  function rank(levels, level) {
    return levels.indexOf(level);
  }

  /* Combine levels with a rule declared in the content. Only "lowest" exists today: the
     conservative choice, as the framework publishes no rule. Unrated parts give no result. */
  const RULES = {
    lowest: (levels, values) => values.reduce((low, value) => (rank(levels, value) < rank(levels, low) ? value : low)),
  };

  /**
   * Levels combined by a rule.
   *
   * @param {string} rule - a rule named in the content: "lowest"
   * @param {string[]} levels
   * @param {Array<string | null>} values
   * @returns {string | null} null while any part is unrated
   * @throws {Error} for a rule that does not exist
   */
  function rollup(rule, levels, values) {
    if (!Object.hasOwn(RULES, rule)) throw new Error("DPUP: unknown rollup rule " + rule);
    if (values.length === 0 || values.some((value) => rank(levels, value) < 0)) return null;
    return RULES[rule](levels, values);
  }

  /**
   * Each element's level, from its criteria's ratings.
   *
   * @param {{id: string, criteria: string[]}[]} elements
   * @param {Record<string, {level: string, note: string}>} ratings - by criterion id
   * @param {string[]} levels
   * @param {string} rule
   * @returns {Record<string, string | null>} by element id
   */
  function elementLevels(elements, ratings, levels, rule) {
    const result = {};
    elements.forEach((element) => {
      const values = element.criteria.map((id) => (ratings[id] ? ratings[id].level : null));
      result[element.id] = rollup(rule, levels, values);
    });
    return result;
  }

  /**
   * How many of `ids` have a level.
   *
   * @param {string[]} ids
   * @param {Record<string, {level: string}>} ratings
   * @param {string[]} levels
   * @returns {number}
   */
  function countRated(ids, ratings, levels) {
    return ids.filter((id) => ratings[id] && rank(levels, ratings[id].level) >= 0).length;
  }

  /**
   * Rated criteria below the target, with the level one step up (what to aim for next).
   *
   * @param {string[]} criteria - ids
   * @param {Record<string, {level: string}>} ratings
   * @param {string[]} levels
   * @param {string} target
   * @returns {{criterion: string, level: string, next: string}[]}
   */
  function gaps(criteria, ratings, levels, target) {
    return criteria.filter((id) => {
      const level = ratings[id] && ratings[id].level;
      return rank(levels, level) >= 0 && rank(levels, level) < rank(levels, target);
    }).map((id) => {
      const level = ratings[id].level;
      return { criterion: id, level, next: levels[rank(levels, level) + 1] };
    });
  }

  /**
   * Plan rows to numbered actions, numbered across the whole plan as in an agency's plan.
   *
   * @param {{actions: string[]}[]} plan
   * @returns {{row: object, number: number | string, action: string}[]} a row without actions
   *   once, with number and action ""
   */
  function numberedActions(plan) {
    let number = 0;
    const rows = [];
    plan.forEach((row) => {
      const actions = (row.actions || []).filter((action) => action.trim() !== "");
      if (actions.length === 0) rows.push({ row, number: "", action: "" });
      actions.forEach((action) => {
        number += 1;
        rows.push({ row, number, action });
      });
    });
    return rows;
  }

  /* OWASP ASVS 5.0, V1.2.10: a field that starts with = + - @, a tab or NUL is one a spreadsheet
     may run as a formula. Also guarded: those signs after spaces (some imports trim them), in the
     full-width forms some spreadsheets accept, and a leading carriage return. */
  const FORMULA = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\0]/;
  /* The one exception: a field that is strictly a plain number (-5000, -5,000, 12.5), which a
     spreadsheet reads as that number, is left as it is. A phone number (+64 21 555 0101) is not. */
  const PLAIN_NUMBER = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

  /**
   * Whether a cell's text would be read as a formula: CSV cells get a leading ', spreadsheet
   * cells are marked as text (selfcheck-sheets.js).
   *
   * @param {string} text
   * @returns {boolean}
   */
  function formulaLike(text) {
    return FORMULA.test(text) && !PLAIN_NUMBER.test(text);
  }

  /**
   * One CSV cell, quoted where it must be (RFC 4180). A cell a spreadsheet could run gets a
   * leading ', so that it is read as text.
   *
   * @param {string | number | null | undefined} value
   * @returns {string}
   */
  function csvCell(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (formulaLike(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /**
   * CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends, quoted cells.
   *
   * @param {Array<Array<Array<string | number | null>>>} tables - each a list of rows, with an
   *   empty line between tables
   * @returns {string}
   */
  function toCsv(tables) {
    const lines = [];
    tables.forEach((rows, index) => {
      if (index > 0) lines.push("");
      rows.forEach((row) => lines.push(row.map(csvCell).join(",")));
    });
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  }

  /**
   * A date as YYYY-MM-DD on the person's own calendar (toISOString alone gives the day in UTC,
   * yesterday's date on a New Zealand morning).
   *
   * @param {Date} date
   * @returns {string}
   */
  function localDay(date) {
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }

  DPUP.answersCore = {
    rank, rollup, elementLevels, countRated, gaps, numberedActions, toCsv, formulaLike, localDay,
  };
})(window.DPUP = window.DPUP || {});
