/* The checklists' and the purpose statement's rules, with no DOM: a saved answer read back, one
   field changed without touching the other (so two tabs never undo each other's field), the
   summary, and the downloads. Needs answers-core.js for CSV. */
(function (DPUP) {
  "use strict";

  function text(value) { return typeof value === "string" ? value : ""; }

  /* A saved checklist entry, trusted only as far as its two text fields. */
  function answerOf(saved) {
    var entry = saved !== null && typeof saved === "object" ? saved : {};
    return { answer: text(entry.answer), note: text(entry.note) };
  }

  /* The entry as stored now, with only the field this tab changed replaced: the other field keeps
     whatever another tab saved there. */
  function withField(saved, field, value) {
    var entry = answerOf(saved);
    entry[field] = text(value);
    return entry;
  }

  /* Another tab or window saved a box this tab typed in: its text replaces this tab's. The words
     for the message that quotes what was typed here, unless the other tab's text already holds it
     ("" then). where: the box's name; typedHere: the box holds this tab's own typing. */
  function lostTyping(where, mine, theirs, typedHere) {
    if (!typedHere || mine.trim() === "" || text(theirs).indexOf(mine) >= 0) return "";
    return "A later change there replaced what you typed in " + where + ": “" + mine + "”.";
  }

  /* items: [{id, text, scored, answer, needsAttention}] -> what the summary says. */
  function summary(items) {
    var scored = items.filter(function (item) { return item.scored; });
    var answered = scored.filter(function (item) { return item.answer; });
    return { scored: scored.length, answered: answered.length,
      attention: answered.filter(function (item) { return item.needsAttention; }) };
  }

  /* A download's name says which tool and which day, as the self-check's files do:
     "dpup-check-your-actions-2026-12-06.csv" for tool-check-your-actions. */
  function fileName(toolId, day, extension) {
    return "dpup-" + toolId.replace(/^tool-/, "") + "-" + day + "." + extension;
  }

  /* A date as YYYY-MM-DD on the person's own calendar (toISOString alone gives the day in UTC,
     yesterday's date on a New Zealand morning). */
  function localDay(date) {
    return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  /* items: [{id, text, label, note}]. */
  function csv(items) {
    return DPUP.assess.toCsv([[["Item", "Question", "Answer", "Note"]].concat(items.map(function (item) {
      return [item.id, item.text, item.label, item.note];
    }))]);
  }

  function json(toolId, answers, today) {
    return JSON.stringify({ format: "dpup-checklist", version: 1, tool: toolId, exported: today, answers: answers }, null, 2);
  }

  /* The purpose statement as text: the title, then each heading and what was written under it. */
  function statement(title, fields) {
    return [title].concat(fields.map(function (field) {
      return field.heading + "\n" + (field.value.trim() || "(not written yet)");
    })).join("\n\n") + "\n";
  }

  DPUP.checklistCore = { answerOf: answerOf, withField: withField, lostTyping: lostTyping, summary: summary,
    fileName: fileName, localDay: localDay, csv: csv, json: json, statement: statement };
})(window.DPUP = window.DPUP || {});
