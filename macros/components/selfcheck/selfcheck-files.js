/* The self-check's files: downloads (the JSON copy here; the CSVs and the workbook in
   selfcheck-sheets.js, each named after the agency, the period and the day), continuing from a
   file, last year's file and colleagues' files. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";

  const selfcheckParts = DPUP.selfcheckParts;
  const { one, make, today } = selfcheckParts.dom;
  const NOT_LOADED = "not loaded";

  /**
   * @typedef {import("./selfcheck-import.js").FileCheck} FileCheck
   */

  /**
   * The files: sets sc.downloadJson, sc.downloadRatings, sc.downloadPlan,
   * sc.downloadSpreadsheet and sc.openFiles.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function files(sc) {
    const { structure, core, $root, store } = sc;
    const $import = one($root, "#sc-import");
    const $importError = one($root, "#sc-import-error");
    const $label = one($root, "#sc-previous-label");
    // Whether the person typed last year's name since its file was loaded.
    let labelTyped = false;

    /**
     * Downloads a file made from the state, and records when, so the page can say how old the
     * last downloaded copy is.
     *
     * @param {string} kind - the kind of file (core.fileName)
     * @param {string | Uint8Array} content
     * @param {string} type - its media type
     */
    function offer(kind, content, type) {
      const name = core.fileName(kind, sc.state.about, today());
      store.download(name, content, type);
      const now = new Date().toISOString();
      sc.state.downloadedAt = now;
      sc.save(now);
      sc.message("save", "Downloaded " + name + ". Keep it somewhere safe, such as your agency’s document system.");
    }

    /**
     * The action of a button for a spreadsheet file (the ratings or the plan as CSV, or both as
     * one .xlsx workbook): they are made by selfcheck-sheets.js, loaded only when one is asked
     * for, so the page's first load does not carry it.
     *
     * @param {string} kind - "ratings", "plan" or "xlsx"
     * @returns {function(): void}
     */
    function offerSheet(kind) {
      return () => {
        DPUP.loadScript("selfcheck-sheets.js").then(
          () => DPUP.selfcheckSheets.offer(kind, sc, offer),
          () => sc.message("save", "The file could not be made. Check your connection and try again."),
        );
      };
    }

    /**
     * How many criteria have a level.
     *
     * @param {object} ratings
     * @returns {number}
     */
    function countRated(ratings) {
      return sc.assess.countRated(Object.keys(ratings), ratings, structure.levels);
    }

    /**
     * A chosen file, checked. A file too large is not read: validateFile refuses it by its size
     * alone. The check itself (selfcheck-import.js) is loaded with the first file chosen.
     *
     * @param {File} file
     * @returns {Promise<FileCheck>} never rejected: a file that cannot be read is a problem
     */
    function readFile(file) {
      const checker = sc.loadPart("selfcheck-import.js", core.validateFile).then(null, () => {
        throw new Error(NOT_LOADED);
      });
      return checker
        .then(() => (file.size > core.MAX_FILE_BYTES ? "" : file.text()))
        .then((content) => core.validateFile(content, structure, file.size, file.name))
        .catch((error) => {
          // Unreadable (moved, locked) or a check that failed: say so, change nothing.
          const problem = error.message === NOT_LOADED
            ? "This page could not load the part that reads files. Check your connection and try again."
            : "The file could not be read as a self-check file.";
          return { ok: false, errors: [problem] };
        });
    }

    /**
     * "Continue from a downloaded file": checks it, asks, then replaces the answers.
     *
     * @param {File} file
     */
    function importFile(file) {
      $importError.textContent = "";
      sc.message("import", "");
      readFile(file).then((result) => {
        if (!result.ok) {
          const problems = [file.name + " could not be imported; your answers are unchanged."].concat(result.errors);
          // GOV.UK's error message: it starts "Error:" for readers; showErrors marks the field
          // invalid.
          $importError.append(make("span", { className: "dpup-visually-hidden" }, "Error: "), problems.join(" "));
          sc.showErrors(problems, $import);
          return;
        }
        sc.showErrors([], $import);
        // The file's check (selfcheck-import.js) has loaded: so has what asks and replaces.
        selfcheckParts.importChecked(sc, file, result);
      });
    }

    /**
     * Last year's name: what the person typed in the box, or else the period the file names.
     *
     * @param {string} [period]
     * @returns {string}
     */
    function previousLabel(period) {
      const typed = $label.value.trim();
      return (labelTyped && typed) || period || typed || "Last year";
    }

    /**
     * "Load last year's file": the results, heat map and report compare with it.
     *
     * @param {File} file
     */
    function loadPrevious(file) {
      readFile(file).then((result) => {
        if (!result.ok) {
          sc.message("previous", file.name + " could not be loaded: " + result.errors.join(" "));
          return;
        }
        const label = previousLabel(result.state.about.period.trim());
        labelTyped = false;
        $label.value = label;
        sc.state.previous = { label, ratings: result.state.ratings, plan: result.state.plan };
        sc.changed("previous");
        sc.renderAll();
        sc.message("previous", "Comparing with " + label + " (" + countRated(sc.state.previous.ratings) +
          " ratings, " + core.openActions(sc.state).length +
          " open actions). The results, heat map and report now show both.");
      });
    }

    /**
     * "Load colleagues' files": their ratings side by side with the person's own. The part that
     * draws them (selfcheck-colleagues.js) is loaded with the files.
     *
     * @param {File[]} chosen
     */
    function loadColleagues(chosen) {
      const drawing = sc.loadPart("selfcheck-colleagues.js", selfcheckParts.colleagues);
      Promise.all(chosen.map(readFile)).then((results) => drawing.then(
        () => selfcheckParts.colleagues.add(sc, chosen, results),
        () => sc.message("colleagues", "No files loaded: this page could not load the part that shows " +
          "colleagues’ ratings. Check your connection and try again."),
      ));
    }

    // The name can change after the file is loaded: the results, plan and report follow it,
    // saved as it is typed (a tab closed while the box has the focus keeps it); said once, on
    // leaving the box.
    $label.addEventListener("input", () => {
      labelTyped = true;
      const previous = sc.state.previous;
      if (!previous) return;
      const label = previousLabel();
      const fields = ["previous"];
      previous.plan.forEach((row) => {
        if (row.carriedFrom === previous.label) row.carriedFrom = label;
      });
      sc.state.plan.forEach((row) => {
        if (row.carriedFrom !== previous.label) return;
        row.carriedFrom = label;
        fields.push("plan/" + row.id + "/carriedFrom");
      });
      previous.label = label;
      sc.changed(fields);
      sc.renderAll();
    });
    $label.addEventListener("change", () => {
      if (sc.state.previous) sc.message("previous", "Now comparing with “" + sc.state.previous.label + "”.");
    });

    sc.downloadJson = () => {
      offer("json", JSON.stringify(core.exportState(sc.state, today()), null, 2), "application/json");
    };
    sc.downloadRatings = offerSheet("ratings");
    sc.downloadPlan = offerSheet("plan");
    sc.downloadSpreadsheet = offerSheet("xlsx");
    sc.openFiles = ($input, chosen) => {
      const kind = $input.dataset.file;
      if (kind === "import") importFile(chosen[0]);
      else if (kind === "previous") loadPrevious(chosen[0]);
      else loadColleagues(chosen);  // the page has three file inputs: import, previous and colleagues
    };
  }

  DPUP.selfcheckParts.files = files;
})(window.DPUP = window.DPUP || {});
