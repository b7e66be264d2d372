/* The checklists' and the purpose statement's rules, with no DOM, tested under Node
   (checklist.test.js) and exported as DPUP.checklistCore: a saved answer read back, one field
   changed without touching the other (so two tabs never undo each other's field), what the
   page says when another tab's text replaced typing here, the summary, and the downloads.
   Needs answers-core.js for CSV. */
(function (DPUP) {
  "use strict";

  /**
   * A checklist item's saved entry: its answer's id ("" for none) and its note.
   *
   * @typedef {object} Entry
   * @property {string} answer
   * @property {string} note
   */

  /**
   * A checklist item as the summary needs it.
   *
   * @typedef {object} SummaryItem
   * @property {string} id
   * @property {string} text - the question
   * @property {boolean} scored - the item has answers to choose from, not only a note
   * @property {string} answer - the chosen answer's id, "" for none
   * @property {boolean} needsAttention - the chosen answer is one that needs attention
   */

  /**
   * @typedef {object} Summary
   * @property {number} scored - items with answers to choose from
   * @property {number} answered - of those, the items answered
   * @property {SummaryItem[]} attention - the answered items that need attention, in order
   */

  /**
   * A checklist item as its CSV row needs it.
   *
   * @typedef {object} CsvItem
   * @property {string} id
   * @property {string} text - the question
   * @property {string} label - the chosen answer's words, "" for none
   * @property {string} note
   */

  // What the sync line says first whenever another tab's change is shown here.
  const UPDATED = "Updated with changes made in another tab or window.";

  // How many quotes of replaced typing the sync line keeps: enough to find the words again,
  // few enough to read.
  const QUOTES_KEPT = 3;

  /**
   * A saved value as text: anything else stored there reads as nothing.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function text(value) {
    return typeof value === "string" ? value : "";
  }

  /**
   * A saved checklist entry, trusted only as far as its two text fields.
   *
   * @param {unknown} saved
   * @returns {Entry}
   */
  function answerOf(saved) {
    const entry = saved !== null && typeof saved === "object" ? saved : {};
    return { answer: text(entry.answer), note: text(entry.note) };
  }

  /**
   * The entry as stored now, with only the field this tab changed replaced: the other field
   * keeps whatever another tab saved there.
   *
   * @param {unknown} saved
   * @param {"answer" | "note"} field
   * @param {string} value
   * @returns {Entry}
   */
  function withField(saved, field, value) {
    const entry = answerOf(saved);
    entry[field] = text(value);
    return entry;
  }

  /**
   * Another tab or window saved a box this tab typed in: its text replaces this tab's. The
   * words that quote what was typed here, unless the other tab's text already holds it.
   *
   * @param {string} where - the box's name: "the note on “Notices”"
   * @param {string} mine - the box's text in this tab
   * @param {unknown} theirs - the text the other tab saved (null when it cleared the box)
   * @param {boolean} typedHere - the box holds this tab's own typing, not text shown from
   *   another tab
   * @returns {string} "" when nothing typed here is lost
   */
  function lostTyping(where, mine, theirs, typedHere) {
    if (!typedHere || mine.trim() === "" || text(theirs).indexOf(mine) >= 0) return "";
    return "A later change there replaced what you typed in " + where + ": “" + mine + "”.";
  }

  /**
   * What the sync line says after another tab's change: that the page was updated, then the
   * quotes of typing it replaced. Quotes stay through later updates (the last few), not just
   * until the next one, so a person who looks away can still find what they lost.
   */
  class SyncLine {
    /** @type {string[]} the quotes shown, oldest first */
    #quotes = [];

    /**
     * The line after a change that replaced `lost` typing here (none, perhaps).
     *
     * @param {string[]} lost - lostTyping's words, "" for a box that lost nothing
     * @returns {string}
     */
    after(lost) {
      this.#quotes = this.#quotes.concat(lost.filter(Boolean)).slice(-QUOTES_KEPT);
      return [UPDATED].concat(this.#quotes).join(" ");
    }
  }

  /**
   * What the summary says: how many items are answered and which need attention.
   *
   * @param {SummaryItem[]} items
   * @returns {Summary}
   */
  function summary(items) {
    const scored = items.filter((item) => item.scored);
    const answered = scored.filter((item) => item.answer);
    return {
      scored: scored.length,
      answered: answered.length,
      attention: answered.filter((item) => item.needsAttention),
    };
  }

  /**
   * A download's name says which tool and which day, as the self-check's files do.
   *
   * @param {string} toolId - "tool-check-your-actions"
   * @param {string} day - YYYY-MM-DD
   * @param {string} extension - "csv"
   * @returns {string} "dpup-check-your-actions-2026-12-06.csv"
   */
  function fileName(toolId, day, extension) {
    return "dpup-" + toolId.replace(/^tool-/, "") + "-" + day + "." + extension;
  }

  /**
   * The checklist as CSV, one row per item.
   *
   * @param {CsvItem[]} items
   * @returns {string}
   */
  function csv(items) {
    const rows = items.map((item) => [item.id, item.text, item.label, item.note]);
    return DPUP.answersCore.toCsv([[["Item", "Question", "Answer", "Note"]].concat(rows)]);
  }

  /**
   * The checklist's answers as the JSON download.
   *
   * @param {string} toolId
   * @param {Record<string, Entry>} answers - by item id
   * @param {string} today - YYYY-MM-DD
   * @returns {string}
   */
  function json(toolId, answers, today) {
    const file = { format: "dpup-checklist", version: 1, tool: toolId, exported: today, answers };
    return JSON.stringify(file, null, 2);
  }

  /**
   * The purpose statement as text: the title, then each heading and what was written under it.
   *
   * @param {string} title
   * @param {{heading: string, value: string}[]} fields
   * @returns {string}
   */
  function statement(title, fields) {
    const parts = fields.map((field) => {
      return field.heading + "\n" + (field.value.trim() || "(not written yet)");
    });
    return [title].concat(parts).join("\n\n") + "\n";
  }

  DPUP.checklistCore = {
    answerOf, withField, lostTyping, SyncLine, summary, fileName, csv, json, statement,
  };
})(window.DPUP = window.DPUP || {});
