/* Undoing (or redoing) the self-check's last clear, import or undo. Few visits need it, so the page
   loads this file only once an undo is offered (sc.showUndo, through widgets.js's DPUP.loadScript), not
   with the rest. Needs selfcheck-merge.js.

   The copy kept before the clear or import comes back with every field changed since laid over
   it, so nothing typed after it (in this tab or another) is undone with it. While nothing has
   changed since, one click undoes; after later work the page asks first, counting what the undo
   would change or remove, as Clear does. */
(function (DPUP) {
  "use strict";
  var core = DPUP.selfcheckCore;
  var has = core.has;
  var ROW_FIELDS = Object.keys(core.normaliseRow({}));

  /* The copy, with the fields of `current` changed since its last replacement laid over it. The
     caller stamps the result as a replacement (sc.replaceState). */
  function undoState(structure, current, copy) {
    var now = core.fields(current), kept = core.fields(copy), chosen = {};
    Object.keys(kept).forEach(function (field) { chosen[field] = [kept[field], 0]; });
    var later = core.laterWork(current);
    // A plan row touched since comes back whole, not as the one field that was typed in it.
    var touchedRows = new Set(later.filter(function (field) { return field.indexOf("plan/") === 0; })
      .map(function (field) { return field.split("/")[1]; }));
    current.plan.forEach(function (row) {
      if (!touchedRows.has(row.id)) return;
      later.push(core.rowKey(row));
      ROW_FIELDS.forEach(function (f) { later.push(core.rowKey(row, f)); });
    });
    later.forEach(function (field) { chosen[field] = [has(now, field) ? now[field] : null, 0]; });
    return core.build(structure, chosen, 0);
  }

  /* What going from one state to another takes away: ratings and notes given before that change or
     go, plan rows removed, and comments and cover details written before that change or go. What
     only comes back (an empty field filled) is not counted. */
  function losses(structure, before, after) {
    var lost = { ratings: 0, notes: 0 };
    structure.criteria.forEach(function (c) {
      var was = has(before.ratings, c.id) ? before.ratings[c.id] : {}, now = has(after.ratings, c.id) ? after.ratings[c.id] : {};
      if (was.level && was.level !== now.level) lost.ratings += 1;
      if (was.note && was.note !== now.note) lost.notes += 1;
    });
    var kept = new Set(after.plan.map(function (row) { return row.id; }));
    lost.rows = before.plan.filter(function (row) { return !kept.has(row.id); }).length;
    var was = core.fields(before), now = core.fields(after);
    lost.other = Object.keys(was).filter(function (field) {
      return /^(elements|about)\//.test(field) && was[field] && was[field] !== (has(now, field) ? now[field] : "");
    }).length;
    return lost;
  }

  /* "2 ratings, 1 plan row and 3 comments or cover details" */
  function counted(lost) {
    var parts = [[lost.ratings, " rating", " ratings"], [lost.notes, " note", " notes"], [lost.rows, " plan row", " plan rows"],
      [lost.other, " comment or cover detail", " comments or cover details"]]
      .filter(function (part) { return part[0]; })
      .map(function (part) { return part[0] + (part[0] === 1 ? part[1] : part[2]); });
    return parts.join(", ").replace(/, ([^,]*)$/, " and $1");
  }

  /* The button's action; sc is the shared object made in selfcheck.js. */
  function undoLast(sc) {
    var S = sc.S;
    var was = sc.undo.action, label = DPUP.dom.one(sc.$root, "[data-action=undo]").textContent;
    var restored = undoState(S, sc.state, core.normaliseState(sc.undo.state, S));
    var lost = counted(losses(S, sc.state, restored));
    var kept = core.laterWork(sc.state).length ? ", with what was changed since" : "";
    var asked = !kept || !lost ? Promise.resolve("undo") : sc.ask(label + "?", [
      "Your answers have changed since then. Those changes are kept, but this changes or removes " + lost + " that you have now.",
      "Download a copy first if you may need them."],
      [{ label: "Download a copy first", style: "secondary", action: function ($text) {
        sc.downloadJson();
        $text.appendChild(DPUP.dom.make("p", { role: "status" }, "Copy downloaded."));
      } },
      { label: label, value: "undo", style: "danger" },
      { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" }]);
    asked.then(function (choice) {
      if (choice !== "undo") { sc.message("clear", "Nothing undone; your answers are unchanged."); return; }
      if (!sc.replaceState(restored, "undo")) { sc.message("clear", sc.notReplaced("undone")); return; }
      sc.message("clear", (was === "undo" ? "Done again" : "Your answers are back as they were before the " +
        (was === "import" ? "import" : "clear")) + kept + ".");
    });
  }

  core.undoState = undoState;
  core.losses = losses;
  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.undoLast = undoLast;
})(window.DPUP = window.DPUP || {});
