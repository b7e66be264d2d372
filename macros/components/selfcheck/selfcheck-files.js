/* The self-check's files: downloads (JSON and two CSVs, each named after the agency, the period
   and the day), continuing from a file, last year's file and colleagues' files.
   sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var one = dom.one;

  function files(sc) {
    var S = sc.S, core = sc.core, A = sc.A, $root = sc.$root, store = sc.store;

    function offer(kind, text, type) {
      var name = core.fileName(kind, sc.state.about, dom.today());
      store.download(name, text, type);
      var now = new Date().toISOString();
      sc.state.downloadedAt = now;
      sc.save(now);
      sc.message("save", "Downloaded " + name + ". Keep it somewhere safe, such as your agency’s document system.");
    }

    sc.downloadJson = function () {
      offer("json", JSON.stringify(core.exportState(sc.state, dom.today()), null, 2), "application/json");
    };
    /* The spreadsheet files (the ratings or the plan as CSV, or both as one .xlsx workbook) are
       made by selfcheck-sheets.js, loaded only when one is asked for: the page's first load does
       not carry it. */
    function offerSheet(kind) {
      return function () {
        DPUP.loadScript("selfcheck-sheets.js").then(function () { DPUP.selfcheckSheets.offer(kind, sc, offer); },
          function () { sc.message("save", "The file could not be made. Check your connection and try again."); });
      };
    }
    sc.downloadRatings = offerSheet("ratings");
    sc.downloadPlan = offerSheet("plan");
    sc.downloadSpreadsheet = offerSheet("xlsx");

    function countRated(ratings) { return A.countRated(Object.keys(ratings), ratings, S.levels); }

    /* A file too large is not read: validateFile refuses it by its size alone. The check itself
       (selfcheck-import.js) is loaded with the first file chosen. */
    function readFile(file) {
      var checker = sc.loadPart("selfcheck-import.js", core.validateFile).then(null, function () {
        throw new Error("not loaded");
      });
      return checker.then(function () { return file.size > core.MAX_FILE_BYTES ? "" : file.text(); })
        .then(function (content) { return core.validateFile(content, S, file.size, file.name); })
        .catch(function (error) {  // unreadable (moved, locked) or a check that failed: say so, change nothing
          return { ok: false, errors: [error.message === "not loaded" ?
            "This page could not load the part that reads files. Check your connection and try again." :
            "The file could not be read as a self-check file."] };
        });
    }

    function importFile(file) {
      var $input = one($root, "#sc-import"), $error = one($root, "#sc-import-error");
      $error.textContent = "";
      sc.message("import", "");
      readFile(file).then(function (result) {
        if (!result.ok) {
          var problems = [file.name + " could not be imported; your answers are unchanged."].concat(result.errors);
          // GOV.UK's error message: it starts "Error:" for readers; showErrors marks the field invalid.
          $error.append(dom.make("span", { className: "dpup-visually-hidden" }, "Error: "), problems.join(" "));
          sc.showErrors(problems, $input);
          return;
        }
        sc.showErrors([], $input);
        var changes = core.ratingChanges(S, sc.state.ratings, result.state.ratings);
        var confirmed = core.isEmpty(S, sc.state) ? Promise.resolve("replace") : sc.ask("Replace your answers with this file?", [
          "Importing " + file.name + " replaces everything you have entered in this browser.",
          changes.ratings + " of " + S.criteria.length + " ratings and " + changes.notes + " notes would change; the plan would go from " +
            sc.state.plan.length + " to " + result.state.plan.length + " rows.",
          "You can undo the import afterwards."],
          [{ label: "Replace my answers", value: "replace" }, { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" }]);
        confirmed.then(function (choice) {
          if (choice !== "replace") { sc.message("import", "Nothing imported; your answers are unchanged."); return; }
          // The file's rows get names of their own, so that undoing the import cannot mistake
          // one for a row from before it that was also named by its place.
          result.state.plan.forEach(function (row, i) { row.id = "i" + Date.now().toString(36) + "-" + i; });
          if (!sc.replaceState(result.state, "import")) { sc.message("import", sc.notReplaced("imported")); return; }
          var state = sc.state;
          var rated = countRated(state.ratings);
          sc.message("import", "Imported " + rated + (rated === 1 ? " rating and " : " ratings and ") + state.plan.length +
            (state.plan.length === 1 ? " plan row from " : " plan rows from ") + file.name + "." + (result.skipped.length ? " Skipped " + result.skipped.length + " ratings for criteria this site does not have." : ""));
        });
      });
    }

    /* Last year's name: what the person typed in the box, or else the period the file names. */
    var $label = one($root, "#sc-previous-label");
    var labelTyped = false;
    function previousLabel(period) {
      var typed = $label.value.trim();
      return (labelTyped && typed) || period || typed || "Last year";
    }

    function loadPrevious(file) {
      readFile(file).then(function (result) {
        if (!result.ok) { sc.message("previous", file.name + " could not be loaded: " + result.errors.join(" ")); return; }
        var label = previousLabel(result.state.about.period.trim());
        labelTyped = false;
        $label.value = label;
        sc.state.previous = { label: label, ratings: result.state.ratings, plan: result.state.plan };
        sc.changed("previous");
        sc.renderAll();
        sc.message("previous", "Comparing with " + label + " (" + countRated(sc.state.previous.ratings) +
          " ratings, " + core.openActions(sc.state).length + " open actions). The results, heat map and report now show both.");
      });
    }

    /* The name can change after the file is loaded: the results, plan and report follow it, saved
       as it is typed (a tab closed while the box has the focus keeps it); said once, on leaving the box. */
    $label.addEventListener("input", function () {
      labelTyped = true;
      var previous = sc.state.previous;
      if (!previous) return;
      var label = previousLabel();
      var fields = ["previous"];
      previous.plan.forEach(function (row) { if (row.carriedFrom === previous.label) row.carriedFrom = label; });
      sc.state.plan.forEach(function (row) {
        if (row.carriedFrom === previous.label) { row.carriedFrom = label; fields.push("plan/" + row.id + "/carriedFrom"); }
      });
      previous.label = label;
      sc.changed(fields);
      sc.renderAll();
    });
    $label.addEventListener("change", function () {
      if (sc.state.previous) sc.message("previous", "Now comparing with “" + sc.state.previous.label + "”.");
    });

    function loadColleagues(chosen) {
      var colleagues = sc.colleagues;
      Promise.all(chosen.map(readFile)).then(function (results) {
        var problems = [];
        var added = 0;
        results.forEach(function (result, i) {
          var file = chosen[i];
          if (!result.ok) { problems.push(file.name + " could not be loaded: " + result.errors.join(" ")); return; }
          var name = result.state.about.assessor || file.name.replace(/\.json$/i, "");
          var ratings = result.state.ratings;
          // The same person's file twice (chosen again, or a copy) is one colleague, not two columns that
          // always agree; the same name with other ratings is a second file, told apart by a number.
          var namesakes = colleagues.filter(function (c) { return c.baseName === name; });
          var twin = namesakes.filter(function (c) {
            var changes = core.ratingChanges(S, c.ratings, ratings);
            return !changes.ratings && !changes.notes;
          })[0];
          if (twin) { problems.push(file.name + " is the same as a file already loaded (" + twin.name + ")."); return; }
          colleagues.push({ baseName: name, name: namesakes.length ? name + " (" + (namesakes.length + 1) + ")" : name, ratings: ratings });
          added += 1;
        });
        sc.renderConsolidation();
        sc.message("colleagues", added + (added === 1 ? " file" : " files") + " loaded. " + problems.join(" "));
      });
    }

    sc.openFiles = function ($input, chosen) {
      var kind = $input.dataset.file;
      if (kind === "import") importFile(chosen[0]);
      else if (kind === "previous") loadPrevious(chosen[0]);
      else loadColleagues(chosen);  // the page has three file inputs: import, previous and colleagues
    };
  }

  DPUP.selfcheckParts.files = files;
})(window.DPUP = window.DPUP || {});
