/* The maturity self-check's page: enhances the server-rendered form into steps, keeps it in step
   with the saved state (and with other tabs), and wires the buttons. The rules (levels, plan rows,
   files, CSV, merging) are in selfcheck-core.js; saving is answers-store.js. The structure
   (elements, criteria, levels, rule) is read from the markup, never hard-coded.

   The parts (selfcheck-dom, -steps, -render, -plan, -report, -files) share one object, sc: the
   structure (S), the one saved state (sc.state, replaced whole on import, clear, undo and merge),
   and the functions each part adds (sc.renderAll, sc.save, sc.go ...). Its shape, every member
   with its type and the part that sets it, is declared in code: SelfCheckContext in
   selfcheck-dom.js, sealed, so a member not declared there cannot be added. */
(function (DPUP) {
  "use strict";
  var NS = "selfcheck";
  var P = DPUP.selfcheckParts;
  var all = P.dom.all, one = P.dom.one, make = P.dom.make;

  function createContext($root) {
    var S = DPUP.selfcheckCore.index(P.dom.readStructure($root));  // S.byCriterion and S.byElement: Maps by id
    var sc = new P.Context($root, S);  // every member declared there, with its type; sealed
    sc.undo = DPUP.answerStore.get(NS, "undo", isEntry);
    return sc;
  }

  /* A saved state or undo copy is an object: anything else is kept aside by the store, unread. */
  function isEntry(value) { return typeof value === "object" && !Array.isArray(value); }

  /* Saving: one entry ("dpup.selfcheck.state"), written whole; each change stamps its field so
     that another tab's entry merges field by field instead of replacing this one. */
  function saving(sc) {
    var S = sc.S, core = sc.core, store = sc.store;

    sc.load = function () {
      var saved = store.get(NS, "state", isEntry);
      if (saved) return core.normaliseState(saved, S);
      // Version 1 kept one key per criterion plus "plan" and "target": write the new single
      // entry first and remove the old keys only once that has worked.
      // normaliseState keeps only the entries that are criteria on this page as ratings.
      var old = store.entries(NS);
      var migrated = core.normaliseState({ ratings: old, plan: old.plan, target: old.target }, S);
      if (Object.keys(old).length && store.set(NS, "state", migrated)) {
        Object.keys(old).forEach(function (id) { if (id !== "undo" && id !== "state") store.remove(NS, id); });
      }
      return migrated;
    };

    /* at: the time to record (a download records the same time as its save, so that the
       download is never older than the save it made). */
    sc.save = function (at) {
      var state = sc.state, previousSave = state.savedAt;
      state.savedAt = at || new Date().toISOString();
      sc.saveFailed = !store.set(NS, "state", state);
      if (sc.saveFailed) state.savedAt = previousSave;
      sc.showSaved();
      sc.scheduleReport();
      if (!sc.saveFailed && !sc.askedToPersist) {
        sc.askedToPersist = true;
        store.persist();
      }
    };

    /* A person changed a field or fields ("ratings/<id>", "about/agency", "plan/<row id>/owner" ...):
       stamp them and save. Fields typed here are remembered, to say so if another tab replaces them. */
    sc.changed = function (fields) {
      [].concat(fields).forEach(function (field) {
        core.stamp(sc.state, field, Date.now());
        if (field !== "target" && field !== "previous") sc.typed[field] = true;
      });
      sc.save();
    };

    /* Another tab saved: merge its entry with this one, field by field (the later change to each
       field wins; a clear or an import wins over what was typed before it), and write the merged
       entry back if this tab had something the other had not, so neither loses work. */
    sc.merge = function (value) {
      var theirs = core.normaliseState(value, S);
      var cleared = theirs.replacedAt > sc.state.replacedAt;
      var merged = core.mergeStates(S, sc.state, theirs);
      if (!core.sameState(merged, theirs)) store.set(NS, "state", merged);
      // Quoted typing stays in the message through later updates (the last three), not just until the next one.
      var lostText = cleared ? "" : core.textLost(S, sc.state, theirs, merged, sc.typed);
      if (lostText) sc.replacedTyping = (sc.replacedTyping || []).concat(lostText).slice(-3);
      if (core.sameState(merged, sc.state)) return;  // nothing new here (the other tab took this tab's changes)
      var news = core.planNews(sc.state, merged, sc.typed);
      sc.state = merged;
      // A row typed in here that the other tab's clear or import took can be put back, as one it removed can.
      sc.removedRow = news.orphan || (cleared ? null : sc.removedRow);
      if (cleared) sc.typed = {};
      sc.renderAll();
      sc.message("sync", cleared ? "Your answers were replaced in another tab or window (cleared, imported or undone); this page now shows them." :
        ["Updated with changes made in another tab or window.", news.text].concat(sc.replacedTyping || []).filter(Boolean).join(" "));
      // Kept beside the plan, where the person was typing, until the plan's next message.
      if (news.lost) sc.message("plan", news.lost);
    };

    sc.showSaved = function () {
      var state = sc.state, parts = [];
      if (sc.saveFailed) parts.push("Not saved: this browser refused to store your latest changes.");
      parts.push(state.savedAt ? "Last saved in this browser: " + P.dom.when(state.savedAt) + "." : "Nothing saved in this browser yet.");
      parts.push("Last downloaded copy: " + (state.downloadedAt ? P.dom.when(state.downloadedAt) : "none yet") + ".");
      var behind = !core.isEmpty(S, state) && (!state.downloadedAt || state.downloadedAt < state.savedAt || sc.saveFailed);
      if (behind) parts.push("Some browsers delete saved data after a week without a visit, so keep a downloaded copy.");
      one(sc.$root, ".dpup-selfcheck__saved-text").textContent = parts.join(" ");
      one(sc.$root, ".dpup-selfcheck__nudge").hidden = !behind;
    };

    /* Replace the whole state (import, clear, undo), keeping the old one as the undo copy. The copy
       is written first, and the new state only once it is saved: storage too full for the copy
       changes nothing and returns false (the caller says so), so an import never leaves behind an
       undo copy older than the answers it replaced. A browser that stores nothing at all keeps
       both in memory for this visit. */
    sc.replaceState = function (next, action) {
      var before = sc.state, undoBefore = sc.undo;
      var undo = { action: action, at: new Date().toISOString(), state: before };
      var guarded = store.get(NS, "state") !== null;  // saved answers that a failed write could orphan
      if (!store.set(NS, "undo", undo, guarded) && guarded) return false;
      next.previous = next.previous || before.previous;
      next.downloadedAt = before.downloadedAt;
      core.replaced(next, Math.max(Date.now(), before.replacedAt + 1));
      sc.state = next;
      sc.save();
      if (sc.saveFailed && guarded) {  // the stored answers are still the old ones: so is the page
        sc.state = before;
        if (undoBefore) store.set(NS, "undo", undoBefore);
        else store.remove(NS, "undo");
        sc.save();
        return false;
      }
      sc.removedRow = null;
      sc.typed = {};
      sc.undo = undo;
      sc.renderAll();
      sc.showUndo();
      return true;
    };

    /* What to say when storage was too full to replace the answers: what was and was not saved. */
    sc.notReplaced = function (what) {
      return "Nothing " + what + ": this browser’s storage is too full to keep the copy that would let you undo it. " +
        "Your answers are unchanged and still saved here. Download a copy, then free some space in this browser " +
        "(for example by removing other sites’ data) and try again.";
    };

    sc.showUndo = function () {
      var $undo = one(sc.$root, "[data-action=undo]");
      var undo = sc.undo;
      $undo.hidden = !undo || !undo.state;
      if (undo && undo.state) {
        var names = { clear: "Undo the clear", "import": "Undo the import", undo: "Redo what was undone" };
        // The saved action is untrusted: "constructor" must not name a property of Object.
        $undo.textContent = Object.hasOwn(names, undo.action) ? names[undo.action] : "Undo";
      }
      sc.dropStaleMessages();
      // Its code arrives once an undo is offered, before it is pressed.
      if (!$undo.hidden) sc.loadPart("selfcheck-undo.js", P.undoLast).catch(function () { /* tried again on the click */ });
    };

    /* A part few visits need (the undo, checking a file), loaded when it is needed: `loaded` is
       what the part defines, there already when the page was built with every part inlined. */
    sc.loadPart = function (file, loaded) { return loaded ? Promise.resolve() : DPUP.loadScript(file); };
  }

  function messages(sc) {
    var $errors = one(sc.$root, ".dpup-selfcheck__errors");
    sc.message = function (name, text) { one(sc.$root, '[data-message="' + name + '"]').textContent = text; };
    /* A message naming a button that comes and goes (“Undo the clear”, “Put back row 2”) loses that
       clause once no button shown on the page has the name; the rest (typing it quotes) stays. */
    sc.dropStaleMessages = function () {
      var shown = all(sc.$root, "button").filter(function ($b) { return !$b.hidden; }).map(function ($b) { return $b.textContent; });
      all(sc.$root, "[data-message]").forEach(function ($message) {
        var text = $message.textContent.replace(/(:| Use) “((?:Undo|Redo|Put back)[^”]*)”[^.]*\./g, function (clause, lead, name) {
          return shown.indexOf(name) >= 0 ? clause : lead === ":" ? "." : "";
        });
        if (text !== $message.textContent) $message.textContent = text;
      });
    };
    /* The error summary, and the control marked invalid (GOV.UK's pattern). Without $control (on
       moving to another step) only the summary goes: the control keeps its message. */
    sc.showErrors = function (problems, $control) {
      if ($control) $control.setAttribute("aria-invalid", problems.length > 0);
      var $list = one($errors, "ul");
      $list.textContent = "";
      problems.forEach(function (problem) {
        $list.appendChild(make("li", {}, make("a", { href: "#" + $control.id }, problem)));
      });
      $errors.hidden = problems.length === 0;
      if (problems.length) $errors.focus();
    };
  }

  function watchForm(sc) {
    var S = sc.S, $root = sc.$root;
    S.criteria.forEach(function (c) {
      var element = sc.byElement.get(c.elementId);
      function remember() {
        var $chosen = c.$radios.filter(function ($radio) { return $radio.checked; })[0];
        sc.state.ratings[c.id] = { level: $chosen ? $chosen.value : "", note: c.$note.value };
        sc.changed("ratings/" + c.id);
      }
      c.$radios.forEach(function ($radio) {
        $radio.addEventListener("change", function () {
          remember();
          sc.renderAfterRating();
          sc.announceElement(element);
        });
      });
      c.$note.addEventListener("input", function () {
        remember();
        sc.renderProgress();
      });
    });
    S.elements.forEach(function (e) {
      all(e.$section, "[data-comment]").forEach(function ($box) {
        $box.addEventListener("input", function () {
          // An element's id (from the page) starts "element-", so it never names a property of Object.
          if (!sc.state.elements[e.id]) sc.state.elements[e.id] = sc.core.texts(sc.core.COMMENT_FIELDS);
          sc.state.elements[e.id][$box.dataset.comment] = $box.value;
          sc.changed("elements/" + e.id + "/" + $box.dataset.comment);
        });
      });
    });
    all($root, "[data-about]").forEach(function ($input) {
      $input.addEventListener("input", function () {
        sc.state.about[$input.dataset.about] = $input.value;
        sc.changed("about/" + $input.dataset.about);
      });
    });
    one($root, ".dpup-selfcheck__target").addEventListener("change", function (event) {
      sc.state.target = event.target.value;
      sc.changed("target");
      sc.renderGaps();
    });
    $root.addEventListener("click", function (event) {
      var $link = event.target.closest('a[href^="#"]');
      if ($link && sc.go($link.getAttribute("href").slice(1))) event.preventDefault();
    });
    all($root, "[data-file]").forEach(function ($input) {
      $input.addEventListener("change", function () {
        var chosen = Array.from($input.files);
        if (chosen.length) sc.openFiles($input, chosen);
        $input.value = "";
      });
    });
  }

  /* The plan's limit is kept here, where rows are made, so that every plan the page makes imports again. */
  function addPlanRows(sc, rows, text) {
    var max = sc.core.MAX_PLAN_ROWS;
    if (sc.state.plan.length + rows.length > max) {
      sc.message("plan", "No rows added: a plan holds at most " + max + " rows, and this one has " + sc.state.plan.length +
        ". Remove rows that are done, or keep them in a downloaded copy.");
      return false;
    }
    sc.core.addRows(sc.state, rows, Date.now());
    sc.save();
    sc.renderPlan();
    sc.message("plan", text);
    return true;
  }

  function actions(sc) {
    var S = sc.S, core = sc.core;
    function clear() {
      var state = sc.state;
      if (core.isEmpty(S, state)) { sc.message("clear", "There is nothing to clear."); return; }
      var rated = sc.A.countRated(Object.keys(state.ratings), state.ratings, S.levels);
      sc.ask("Clear all your answers?", [
        "This removes " + rated + (rated === 1 ? " rating" : " ratings") + ", every note and comment, the cover details and " +
          state.plan.length + (state.plan.length === 1 ? " plan row" : " plan rows") + " from this browser.",
        "You can undo it afterwards, but download a copy first if you may need these answers later."],
        [{ label: "Download a copy first", style: "secondary", action: function ($text) {
          sc.downloadJson();
          $text.appendChild(make("p", { role: "status" }, "Copy downloaded."));
        } },
        { label: "Clear my answers", value: "clear", style: "danger" },
        { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" }]).then(function (choice) {
        if (choice !== "clear") { sc.message("clear", "Nothing cleared; your answers are unchanged."); return; }
        sc.message("clear", sc.replaceState(core.emptyState(S), "clear") ?
          "Your answers have been cleared. Use “Undo the clear” to bring them back." : sc.notReplaced("cleared"));
      });
    }
    return {
      "previous-step": function () { sc.step(-1); },
      "next-step": function () { sc.step(1); },
      "add-gaps": function () {
        var rows = core.gapRows(S, sc.state);
        addPlanRows(sc, rows, rows.length ? rows.length + " rows added to the plan." : "Every gap is already in the plan.");
      },
      "add-row": function () {
        if (addPlanRows(sc, [core.normaliseRow({})], "")) sc.$planRows.lastElementChild.querySelector("[data-field]").focus();
      },
      "restore-row": function () {  // shown only while there is a removed row (sc.renderPlan)
        var removed = sc.removedRow;
        // It goes back to its own place among the rows (kept in row.at), as it is in other tabs.
        core.addRows(sc.state, [removed.row], Date.now(), true);
        var at = sc.state.plan.indexOf(removed.row);
        sc.removedRow = null;
        sc.save();
        sc.renderPlan();
        sc.message("plan", "Row " + (at + 1) + " is back.");
        sc.$planRows.children[at].querySelector("[data-field]").focus();
      },
      "carry-over": function () {
        var rows = core.openActions(sc.state);
        var overdue = rows.filter(function (row) { return core.isOverdue(row, P.dom.today()); }).length;
        addPlanRows(sc, rows, rows.length + " open actions carried over from " + sc.state.previous.label + "." +
          (overdue ? " " + overdue + " of them are overdue: give them new target dates." : ""));
      },
      "forget-previous": function () {
        sc.state.previous = null;
        sc.changed("previous");
        sc.renderAll();
        sc.message("previous", "No longer comparing with last year.");
      },
      json: sc.downloadJson,
      "ratings-csv": sc.downloadRatings,
      "plan-csv": sc.downloadPlan,
      spreadsheet: sc.downloadSpreadsheet,
      print: function () {
        sc.renderReport();
        window.print();
      },
      clear: clear,
      undo: function () {  // shown only while there is a state to go back to (sc.showUndo)
        sc.loadPart("selfcheck-undo.js", P.undoLast).then(function () { P.undoLast(sc); }, function () {
          sc.message("clear", "Nothing undone: this page could not load the part that undoes. Check your connection and try again.");
        });
      }
    };
  }

  function initSelfCheck($root) {
    var sc = createContext($root);
    messages(sc);
    saving(sc);
    P.steps(sc);
    P.render(sc);
    P.plan(sc);
    P.report(sc);
    P.files(sc);
    sc.state = sc.load();
    watchForm(sc);
    var handlers = actions(sc);
    $root.addEventListener("click", function (event) {
      var $button = event.target.closest("[data-action]");
      if ($button && Object.hasOwn(handlers, $button.dataset.action)) handlers[$button.dataset.action]();
    });
    window.addEventListener("beforeprint", sc.renderReport);
    sc.store.onFailure(function () { sc.saveFailed = true; sc.showSaved(); });
    sc.store.watch(NS, "state", sc.merge);
    sc.store.watch(NS, "undo", function (value) { sc.undo = value; sc.showUndo(); });

    $root.classList.add("dpup-selfcheck--steps");
    all($root, ".dpup-selfcheck__js-only").forEach(function ($part) { $part.hidden = false; });
    sc.renderAll();
    sc.showUndo();
    // A step's address (#sc-...) opens that step, focused, after a reload or from a bookmark.
    sc.fromAddress(true, false);
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.selfcheck = initSelfCheck;
})(window.DPUP = window.DPUP || {});
