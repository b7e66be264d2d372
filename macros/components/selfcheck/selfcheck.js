/* The maturity self-check's page: enhances the server-rendered form into steps, keeps it in step
   with the saved state (and with other tabs), and wires the buttons. The rules (levels, plan
   rows, files, merging) are in selfcheck-core.js and selfcheck-merge.js; saving is
   answers-store.js. The structure (elements, criteria, levels, rule) is read from the markup,
   never hard-coded.

   The parts (selfcheck-dom, -steps, -render, -plan, -report, -files, and this file's saving,
   messages and form) share one object, sc: the structure, the one saved state (sc.state,
   replaced whole on import, clear, undo and merge), and the functions each part adds
   (sc.renderAll, sc.save, sc.go ...). Its shape, every member with its type and the part that
   sets it, is declared in code: SelfCheckContext in selfcheck-dom.js, sealed, so a member not
   declared there cannot be added. */
(function (DPUP) {
  "use strict";

  const NS = "selfcheck";
  const selfcheckParts = DPUP.selfcheckParts;
  const { all, one, make, when, today, counted } = selfcheckParts.dom;
  const UNDO_NAMES = { clear: "Undo the clear", "import": "Undo the import", undo: "Redo what was undone" };

  /**
   * @typedef {import("./selfcheck-core.js").State} State
   * @typedef {import("./selfcheck-core.js").PlanRow} PlanRow
   */

  /**
   * Whether a saved value can be a state or an undo copy: an object. Anything else is kept
   * aside by the store, unread.
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isEntry(value) {
    return typeof value === "object" && !Array.isArray(value);
  }

  /**
   * Saving: sets sc.load, sc.save, sc.changed, sc.merge, sc.showSaved, sc.replaceState,
   * sc.notReplaced, sc.showUndo and sc.loadPart. One entry ("dpup.selfcheck.state"), written
   * whole; each change stamps its field so that another tab's entry merges field by field
   * instead of replacing this one.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function saving(sc) {
    const { structure, core, store, $root } = sc;
    const $savedText = one($root, ".dpup-selfcheck__saved-text");
    const $nudge = one($root, ".dpup-selfcheck__nudge");
    const $undo = one($root, "[data-action=undo]");

    sc.load = () => {
      const saved = store.get(NS, "state", isEntry);
      if (saved) return core.normaliseState(saved, structure);
      // Version 1 kept one key per criterion plus "plan" and "target": write the new single
      // entry first and remove the old keys only once that has worked. normaliseState keeps
      // only the entries that are criteria on this page as ratings.
      const old = store.entries(NS);
      const migrated = core.normaliseState({ ratings: old, plan: old.plan, target: old.target }, structure);
      if (Object.keys(old).length && store.set(NS, "state", migrated)) {
        Object.keys(old).forEach((id) => {
          if (id !== "undo" && id !== "state") store.remove(NS, id);
        });
      }
      return migrated;
    };

    // `at`: the time to record (a download records the same time as its save, so that the
    // download is never older than the save it made).
    sc.save = (at) => {
      const state = sc.state;
      const previousSave = state.savedAt;
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

    // Fields typed here are remembered, to say so if another tab replaces them.
    sc.changed = (fields) => {
      [].concat(fields).forEach((field) => {
        core.stamp(sc.state, field, Date.now());
        if (field !== "target" && field !== "previous") sc.typed[field] = true;
      });
      sc.save();
    };

    // Another tab saved: merge its entry with this one, field by field (the later change to
    // each field wins; a clear or an import wins over what was typed before it), and write the
    // merged entry back if this tab had something the other had not, so neither loses work.
    sc.merge = (value) => {
      const theirs = core.normaliseState(value, structure);
      const cleared = theirs.replacedAt > sc.state.replacedAt;
      const merged = core.mergeStates(structure, sc.state, theirs);
      if (!core.sameState(merged, theirs)) store.set(NS, "state", merged);
      // Quoted typing stays in the message through later updates (the last three), not just
      // until the next one.
      const lostText = cleared ? "" : core.textLost(structure, sc.state, theirs, merged, sc.typed);
      if (lostText) sc.replacedTyping = (sc.replacedTyping || []).concat(lostText).slice(-3);
      // Nothing new here: the other tab took this tab's changes.
      if (core.sameState(merged, sc.state)) return;
      const news = core.planNews(sc.state, merged, sc.typed);
      sc.state = merged;
      // A row typed in here that the other tab's clear or import took can be put back, as one
      // it removed can.
      sc.removedRow = news.orphan || (cleared ? null : sc.removedRow);
      if (cleared) sc.typed = {};
      sc.renderAll();
      const updated = ["Updated with changes made in another tab or window.", news.text]
        .concat(sc.replacedTyping || []).filter(Boolean).join(" ");
      sc.message("sync", cleared
        ? "Your answers were replaced in another tab or window (cleared, imported or undone); " +
          "this page now shows them."
        : updated);
      // Kept beside the plan, where the person was typing, until the plan's next message.
      if (news.lost) sc.message("plan", news.lost);
    };

    sc.showSaved = () => {
      const state = sc.state;
      const parts = [];
      if (sc.saveFailed) parts.push("Not saved: this browser refused to store your latest changes.");
      parts.push(state.savedAt
        ? "Last saved in this browser: " + when(state.savedAt) + "."
        : "Nothing saved in this browser yet.");
      parts.push("Last downloaded copy: " + (state.downloadedAt ? when(state.downloadedAt) : "none yet") + ".");
      const stale = !state.downloadedAt || state.downloadedAt < state.savedAt || sc.saveFailed;
      const behind = !core.isEmpty(structure, state) && stale;
      if (behind) {
        parts.push("Some browsers delete saved data after a week without a visit, so keep a downloaded copy.");
      }
      $savedText.textContent = parts.join(" ");
      $nudge.hidden = !behind;
    };

    // Replace the whole state (import, clear, undo), keeping the old one as the undo copy. The
    // copy is written first, and the new state only once it is saved: storage too full for the
    // copy changes nothing and returns false (the caller says so), so an import never leaves
    // behind an undo copy older than the answers it replaced. A browser that stores nothing at
    // all keeps both in memory for this visit.
    sc.replaceState = (next, action) => {
      const before = sc.state;
      const undoBefore = sc.undo;
      const undo = { action, at: new Date().toISOString(), state: before };
      // Saved answers that a failed write could orphan.
      const guarded = store.get(NS, "state") !== null;
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

    sc.notReplaced = (what) => {
      return "Nothing " + what + ": this browser’s storage is too full to keep the copy that would " +
        "let you undo it. Your answers are unchanged and still saved here. Download a copy, then " +
        "free some space in this browser (for example by removing other sites’ data) and try again.";
    };

    sc.showUndo = () => {
      const undo = sc.undo;
      $undo.hidden = !undo || !undo.state;
      // The saved action is untrusted: "constructor" must not name a property of Object.
      if (!$undo.hidden) $undo.textContent = Object.hasOwn(UNDO_NAMES, undo.action) ? UNDO_NAMES[undo.action] : "Undo";
      sc.dropStaleMessages();
      // Its code arrives once an undo is offered, before it is pressed; tried again on the click.
      if (!$undo.hidden) sc.loadPart("selfcheck-undo.js", selfcheckParts.undoLast).catch(() => {});
    };

    // A part few visits need (the undo, checking a file), loaded when it is needed: `loaded` is
    // what the part defines, there already when the page was built with every part inlined.
    sc.loadPart = (file, loaded) => (loaded ? Promise.resolve() : DPUP.loadScript(file));
  }

  /**
   * Messages: sets sc.message, sc.dropStaleMessages and sc.showErrors.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function messages(sc) {
    const $root = sc.$root;
    const $errors = one($root, ".dpup-selfcheck__errors");
    const $errorList = one($errors, "ul");

    sc.message = (name, text) => {
      one($root, '[data-message="' + name + '"]').textContent = text;
    };

    // A message naming a button that comes and goes (“Undo the clear”, “Put back row 2”) loses
    // that clause once no button shown on the page has the name; the rest (typing it quotes)
    // stays.
    sc.dropStaleMessages = () => {
      const shown = all($root, "button").filter(($button) => !$button.hidden).map(($button) => $button.textContent);
      const clause = /(:| Use) “((?:Undo|Redo|Put back)[^”]*)”[^.]*\./g;
      all($root, "[data-message]").forEach(($message) => {
        const text = $message.textContent.replace(clause, (found, lead, name) => {
          if (shown.indexOf(name) >= 0) return found;
          return lead === ":" ? "." : "";
        });
        if (text !== $message.textContent) $message.textContent = text;
      });
    };

    // The error summary, and the control marked invalid (GOV.UK's pattern). Without $control
    // (on moving to another step) only the summary goes: the control keeps its message.
    sc.showErrors = (problems, $control) => {
      if ($control) $control.setAttribute("aria-invalid", problems.length > 0);
      $errorList.replaceChildren(...problems.map((problem) => {
        return make("li", {}, make("a", { href: "#" + $control.id }, problem));
      }));
      $errors.hidden = problems.length === 0;
      if (problems.length) $errors.focus();
    };
  }

  /**
   * Saves what a person enters in the form as they enter it, and follows the page's own links.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function watchForm(sc) {
    const { structure, core, $root } = sc;
    structure.criteria.forEach((criterion) => {
      const element = sc.byElement.get(criterion.elementId);
      const remember = () => {
        const $chosen = criterion.$radios.find(($radio) => $radio.checked);
        sc.state.ratings[criterion.id] = { level: $chosen ? $chosen.value : "", note: criterion.$note.value };
        sc.changed("ratings/" + criterion.id);
      };
      criterion.$radios.forEach(($radio) => {
        $radio.addEventListener("change", () => {
          remember();
          sc.renderAfterRating();
          sc.announceElement(element);
        });
      });
      criterion.$note.addEventListener("input", () => {
        remember();
        sc.renderProgress();
      });
    });
    structure.elements.forEach((element) => {
      all(element.$section, "[data-comment]").forEach(($box) => {
        $box.addEventListener("input", () => {
          // An element's id (from the page) starts "element-", so it never names a property of
          // Object.
          if (!sc.state.elements[element.id]) sc.state.elements[element.id] = core.texts(core.COMMENT_FIELDS);
          sc.state.elements[element.id][$box.dataset.comment] = $box.value;
          sc.changed("elements/" + element.id + "/" + $box.dataset.comment);
        });
      });
    });
    all($root, "[data-about]").forEach(($input) => {
      $input.addEventListener("input", () => {
        sc.state.about[$input.dataset.about] = $input.value;
        sc.changed("about/" + $input.dataset.about);
      });
    });
    one($root, ".dpup-selfcheck__target").addEventListener("change", (event) => {
      sc.state.target = event.target.value;
      sc.changed("target");
      sc.renderGaps();
    });
    $root.addEventListener("click", (event) => {
      const $link = event.target.closest('a[href^="#"]');
      if ($link && sc.go($link.getAttribute("href").slice(1))) event.preventDefault();
    });
    all($root, "[data-file]").forEach(($input) => {
      $input.addEventListener("change", () => {
        const chosen = Array.from($input.files);
        if (chosen.length) sc.openFiles($input, chosen);
        $input.value = "";
      });
    });
  }

  /**
   * Adds rows to the plan, within its limit: kept here, where rows are made, so that every plan
   * the page makes imports again.
   *
   * @param {object} sc - the self-check's shared object
   * @param {PlanRow[]} rows
   * @param {string} text - what to say once they are added
   * @returns {boolean} false when the plan would pass its limit (nothing added)
   */
  function addPlanRows(sc, rows, text) {
    const most = sc.core.MAX_PLAN_ROWS;
    if (sc.state.plan.length + rows.length > most) {
      sc.message("plan", "No rows added: a plan holds at most " + most + " rows, and this one has " +
        sc.state.plan.length + ". Remove rows that are done, or keep them in a downloaded copy.");
      return false;
    }
    sc.core.addRows(sc.state, rows, Date.now());
    sc.save();
    sc.renderPlan();
    sc.message("plan", text);
    return true;
  }

  /**
   * "Clear my answers": asks first, counting what it removes; it can be undone.
   *
   * @param {object} sc - the self-check's shared object
   */
  function clear(sc) {
    const { structure, core } = sc;
    const state = sc.state;
    if (core.isEmpty(structure, state)) {
      sc.message("clear", "There is nothing to clear.");
      return;
    }
    const rated = sc.assess.countRated(Object.keys(state.ratings), state.ratings, structure.levels);
    sc.ask("Clear all your answers?", [
      "This removes " + counted(rated, "rating") + ", every note and comment, the cover details and " +
        counted(state.plan.length, "plan row") + " from this browser.",
      "You can undo it afterwards, but download a copy first if you may need these answers later.",
    ], [
      selfcheckParts.choices.downloadFirst(sc),
      { label: "Clear my answers", value: "clear", style: "danger" },
      selfcheckParts.choices.KEEP,
    ]).then((choice) => {
      if (choice !== "clear") {
        sc.message("clear", "Nothing cleared; your answers are unchanged.");
        return;
      }
      sc.message("clear", sc.replaceState(core.emptyState(structure), "clear")
        ? "Your answers have been cleared. Use “Undo the clear” to bring them back."
        : sc.notReplaced("cleared"));
    });
  }

  /**
   * What each button does, by its data-action.
   *
   * @param {object} sc - the self-check's shared object
   * @returns {Record<string, function(): void>}
   */
  function actions(sc) {
    const { structure, core } = sc;
    return {
      "previous-step": () => sc.step(-1),
      "next-step": () => sc.step(1),
      "add-gaps": () => {
        const rows = core.gapRows(structure, sc.state);
        const said = rows.length ? rows.length + " rows added to the plan." : "Every gap is already in the plan.";
        addPlanRows(sc, rows, said);
      },
      "add-row": () => {
        if (addPlanRows(sc, [core.normaliseRow({})], "")) {
          sc.$planRows.lastElementChild.querySelector("[data-field]").focus();
        }
      },
      // Shown only while there is a removed row (sc.renderPlan).
      "restore-row": () => {
        const removed = sc.removedRow;
        // It goes back to its own place among the rows (kept in row.at), as it is in other tabs.
        core.addRows(sc.state, [removed.row], Date.now(), true);
        const at = sc.state.plan.indexOf(removed.row);
        sc.removedRow = null;
        sc.save();
        sc.renderPlan();
        sc.message("plan", "Row " + (at + 1) + " is back.");
        sc.$planRows.children[at].querySelector("[data-field]").focus();
      },
      "carry-over": () => {
        const rows = core.openActions(sc.state);
        const overdue = rows.filter((row) => core.isOverdue(row, today())).length;
        addPlanRows(sc, rows, rows.length + " open actions carried over from " + sc.state.previous.label + "." +
          (overdue ? " " + overdue + " of them are overdue: give them new target dates." : ""));
      },
      "forget-previous": () => {
        sc.state.previous = null;
        sc.changed("previous");
        sc.renderAll();
        sc.message("previous", "No longer comparing with last year.");
      },
      json: sc.downloadJson,
      "ratings-csv": sc.downloadRatings,
      "plan-csv": sc.downloadPlan,
      spreadsheet: sc.downloadSpreadsheet,
      print: () => {
        sc.renderReport();
        window.print();
      },
      clear: () => clear(sc),
      // Shown only while there is a state to go back to (sc.showUndo).
      undo: () => {
        sc.loadPart("selfcheck-undo.js", selfcheckParts.undoLast).then(() => selfcheckParts.undoLast(sc), () => {
          sc.message("clear", "Nothing undone: this page could not load the part that undoes. " +
            "Check your connection and try again.");
        });
      },
    };
  }

  /**
   * The self-check: [data-dpup-widget="selfcheck"]. Its parts each wire their share of the
   * shared object; this class makes it, loads the saved state and draws the page from it.
   */
  class SelfCheck extends DPUP.Widget {
    /** @type {object} the object the self-check's parts share (SelfCheckContext) */
    #sc;

    /**
     * @param {HTMLFormElement} $root
     */
    constructor($root) {
      super($root);
      const structure = DPUP.selfcheckCore.index(selfcheckParts.dom.readStructure($root));
      const sc = new selfcheckParts.Context($root, structure);
      this.#sc = sc;
      sc.undo = sc.store.get(NS, "undo", isEntry);
      messages(sc);
      saving(sc);
      selfcheckParts.steps(sc);
      selfcheckParts.render(sc);
      selfcheckParts.plan(sc);
      selfcheckParts.report(sc);
      selfcheckParts.files(sc);
      sc.state = sc.load();
      watchForm(sc);
      this.#listen();
      $root.classList.add("dpup-selfcheck--steps");
      all($root, ".dpup-selfcheck__js-only").forEach(($part) => {
        $part.hidden = false;
      });
      sc.renderAll();
      sc.showUndo();
      // A step's address (#sc-...) opens that step, focused, after a reload or from a bookmark.
      sc.fromAddress(true, false);
    }

    /**
     * The buttons, printing, and what this browser's storage and other tabs say.
     */
    #listen() {
      const sc = this.#sc;
      const handlers = actions(sc);
      this.$root.addEventListener("click", (event) => {
        const $button = event.target.closest("[data-action]");
        if ($button && Object.hasOwn(handlers, $button.dataset.action)) handlers[$button.dataset.action]();
      });
      window.addEventListener("beforeprint", sc.renderReport);
      sc.store.onFailure(() => {
        sc.saveFailed = true;
        sc.showSaved();
      });
      sc.store.watch(NS, "state", sc.merge);
      sc.store.watch(NS, "undo", (value) => {
        sc.undo = value;
        sc.showUndo();
      });
    }
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.selfcheck = ($root) => new SelfCheck($root);
})(window.DPUP = window.DPUP || {});
