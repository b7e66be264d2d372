/* Undoing (or redoing) the self-check's last clear, import or undo. Few visits need it, so the
   page loads this file only once an undo is offered (sc.showUndo, through widgets.js's
   DPUP.loadScript), not with the rest. Needs selfcheck-merge.js; adds to DPUP.selfcheckCore and
   sets DPUP.selfcheckParts.undoLast.

   The copy kept before the clear or import comes back with every field changed since laid over
   it, so nothing typed after it (in this tab or another) is undone with it. While nothing has
   changed since, one click undoes; after later work the page asks first, counting what the undo
   would change or remove, as Clear does. */
(function (DPUP) {
  "use strict";

  const core = DPUP.selfcheckCore;
  const has = core.has;
  const ROW_FIELDS = Object.keys(core.normaliseRow({}));

  /**
   * @typedef {import("./selfcheck-core.js").Structure} Structure
   * @typedef {import("./selfcheck-core.js").State} State
   */

  /**
   * What an undo takes away, counted.
   *
   * @typedef {object} Losses
   * @property {number} ratings - ratings given before that change or go
   * @property {number} notes - notes written before that change or go
   * @property {number} rows - plan rows removed
   * @property {number} other - comments and cover details written before that change or go
   */

  /**
   * The copy, with the fields of `current` changed since its last replacement laid over it. The
   * caller stamps the result as a replacement (sc.replaceState).
   *
   * @param {Structure} structure
   * @param {State} current
   * @param {State} copy
   * @returns {State}
   */
  function undoState(structure, current, copy) {
    const now = core.fields(current);
    const kept = core.fields(copy);
    const chosen = {};
    Object.keys(kept).forEach((field) => {
      chosen[field] = [kept[field], 0];
    });
    const later = core.laterWork(current);
    // A plan row touched since comes back whole, not as the one field that was typed in it.
    const touchedRows = new Set(later
      .filter((field) => field.indexOf("plan/") === 0)
      .map((field) => field.split("/")[1]));
    current.plan.forEach((row) => {
      if (!touchedRows.has(row.id)) return;
      later.push(core.rowKey(row));
      ROW_FIELDS.forEach((field) => later.push(core.rowKey(row, field)));
    });
    later.forEach((field) => {
      chosen[field] = [has(now, field) ? now[field] : null, 0];
    });
    return core.build(structure, chosen, 0);
  }

  /**
   * What going from one state to another takes away. What only comes back (an empty field
   * filled) is not counted.
   *
   * @param {Structure} structure
   * @param {State} before
   * @param {State} after
   * @returns {Losses}
   */
  function losses(structure, before, after) {
    const lost = { ratings: 0, notes: 0 };
    structure.criteria.forEach((criterion) => {
      const was = core.own(before.ratings, criterion.id);
      const now = core.own(after.ratings, criterion.id);
      if (was.level && was.level !== now.level) lost.ratings += 1;
      if (was.note && was.note !== now.note) lost.notes += 1;
    });
    const kept = new Set(after.plan.map((row) => row.id));
    lost.rows = before.plan.filter((row) => !kept.has(row.id)).length;
    const was = core.fields(before);
    const now = core.fields(after);
    lost.other = Object.keys(was).filter((field) => {
      return /^(elements|about)\//.test(field) && was[field] && was[field] !== (has(now, field) ? now[field] : "");
    }).length;
    return lost;
  }

  /**
   * The losses in words: "2 ratings, 1 plan row and 3 comments or cover details".
   *
   * @param {Losses} lost
   * @returns {string} "" for none
   */
  function counted(lost) {
    const parts = [
      [lost.ratings, " rating", " ratings"],
      [lost.notes, " note", " notes"],
      [lost.rows, " plan row", " plan rows"],
      [lost.other, " comment or cover detail", " comments or cover details"],
    ]
      .filter(([count]) => count)
      .map(([count, one, many]) => count + (count === 1 ? one : many));
    return parts.join(", ").replace(/, ([^,]*)$/, " and $1");
  }

  /**
   * The Undo button's action: asks first when the undo would take away later work.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function undoLast(sc) {
    const structure = sc.structure;
    const choices = DPUP.selfcheckParts.choices;
    const was = sc.undo.action;
    const label = DPUP.answersDom.one(sc.$root, "[data-action=undo]").textContent;
    const restored = undoState(structure, sc.state, core.normaliseState(sc.undo.state, structure));
    const lost = counted(losses(structure, sc.state, restored));
    const kept = core.laterWork(sc.state).length ? ", with what was changed since" : "";
    const asked = !kept || !lost ? Promise.resolve("undo") : sc.ask(label + "?", [
      "Your answers have changed since then. Those changes are kept, but this changes or removes " + lost +
        " that you have now.",
      "Download a copy first if you may need them.",
    ], [choices.downloadFirst(sc), { label, value: "undo", style: "danger" }, choices.KEEP]);
    asked.then((choice) => {
      if (choice !== "undo") {
        sc.message("clear", "Nothing undone; your answers are unchanged.");
        return;
      }
      if (!sc.replaceState(restored, "undo")) {
        sc.message("clear", sc.notReplaced("undone"));
        return;
      }
      const before = "Your answers are back as they were before the " + (was === "import" ? "import" : "clear");
      sc.message("clear", (was === "undo" ? "Done again" : before) + kept + ".");
    });
  }

  Object.assign(core, { undoState, losses });
  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.undoLast = undoLast;
})(window.DPUP = window.DPUP || {});
