/* Colleagues' ratings side by side: adding their files, which criteria they agree on, and a
   table to choose the agreed rating for each. Colleagues come only from files a person chooses,
   so the page loads this file with them (selfcheck-files.js, through widgets.js's
   DPUP.loadScript), not with the rest. Adds consolidate() to DPUP.selfcheckCore
   (selfcheck-core.js), and DPUP.selfcheckParts.colleagues: add() for selfcheck-files.js, draw()
   for selfcheck-plan.js. */
(function (DPUP) {
  "use strict";

  const core = DPUP.selfcheckCore;

  /**
   * @typedef {import("./selfcheck-core.js").Structure} Structure
   */

  /**
   * One criterion's ratings, side by side.
   *
   * @typedef {object} Agreement
   * @property {string} criterion - its id
   * @property {string[]} ratings - each assessor's level, "" for none
   * @property {boolean} agree - every assessor gave the same answer
   * @property {boolean} unrated - nobody has rated it yet
   * @property {string} agreed - the answer they agree on, or ""
   */

  /**
   * Colleagues' ratings side by side, one entry per criterion.
   *
   * @param {Structure} structure
   * @param {{ratings: object}[]} assessors
   * @returns {Agreement[]}
   */
  function consolidate(structure, assessors) {
    return structure.criteria.map((criterion) => {
      const given = assessors.map((assessor) => core.own(assessor.ratings, criterion.id).level || "");
      const distinct = given.filter((level, i) => given.indexOf(level) === i);
      const agreed = distinct.length === 1 ? distinct[0] : null;
      // Nobody has rated it yet: not a disagreement, only a gap (it was counted as one).
      return {
        criterion: criterion.id,
        ratings: given,
        agree: structure.answers.indexOf(agreed) >= 0,
        unrated: agreed === "",
        agreed: agreed || "",
      };
    });
  }

  /**
   * The sentence above the table: how many criteria differ, and how many nobody has rated.
   *
   * @param {Agreement[]} rows
   * @returns {string}
   */
  function summary(rows) {
    const differ = rows.filter((row) => !row.agree && !row.unrated).length;
    const unrated = rows.filter((row) => row.unrated).length;
    const said = differ
      ? differ + " of " + rows.length + " criteria have different ratings. Choose the agreed rating for each."
      : "No criterion has different ratings.";
    return said + (unrated ? " " + unrated + " not rated by anyone yet." : "");
  }

  /**
   * Draws the ratings side by side into `$box`: the person's own and each colleague's, with a
   * choice of the agreed rating that becomes the person's own.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   * @param {HTMLElement} $box
   */
  function drawSideBySide(sc, $box) {
    const { make } = DPUP.selfcheckParts.dom;
    const people = [{ name: "You", ratings: sc.state.ratings }].concat(sc.colleagues);
    const rows = consolidate(sc.structure, people);
    const headings = ["Criterion"].concat(people.map((person) => person.name), ["Agreement", "Agreed rating"]);
    const $head = make("tr", {}, headings.map((heading) => make("th", { scope: "col" }, heading)));

    /**
     * The choice of a criterion's agreed rating.
     *
     * @param {{id: string, title: string}} criterion
     * @param {string} name - the criterion, as its row names it
     * @returns {HTMLSelectElement}
     */
    function agreedChoice(criterion, name) {
      const $select = make("select", { id: "sc-agreed-" + criterion.id, "aria-label": "Agreed rating for " + name });
      [""].concat(sc.structure.levels, ["unsure"]).forEach((level) => {
        const selected = sc.ratingOf(criterion.id).level === level;
        $select.appendChild(make("option", { value: level, selected }, level ? sc.levelName(level) : "Choose"));
      });
      $select.addEventListener("change", () => {
        sc.state.ratings[criterion.id] = { level: $select.value, note: sc.ratingOf(criterion.id).note };
        sc.changed("ratings/" + criterion.id);
        sc.renderAnswers();
        sc.renderAfterRating();
        sc.renderConsolidation();
        sc.message("colleagues", "Agreed rating for " + criterion.title + ": " + sc.levelName($select.value) + ".");
      });
      return $select;
    }

    const $body = make("tbody", {}, rows.map((row) => {
      const criterion = sc.byCriterion.get(row.criterion);
      const name = criterion.label + ", " + criterion.title + " (" + sc.byElement.get(criterion.elementId).title + ")";
      const differs = !row.agree && !row.unrated;
      let agreement = "Differ";
      if (row.agree) agreement = "Agree";
      else if (row.unrated) agreement = "Not rated yet";
      const cells = [make("th", { scope: "row" }, name)]
        .concat(row.ratings.map((level) => make("td", {}, sc.levelName(level))))
        .concat([make("td", {}, agreement), make("td", {}, agreedChoice(criterion, name))]);
      const props = { "data-criterion-id": criterion.id, className: differs ? "dpup-selfcheck__differ" : "" };
      return make("tr", props, cells);
    }));
    const $table = make("table", { className: "dpup-selfcheck__side-by-side" }, [
      make("caption", {}, "Ratings side by side"), make("thead", {}, $head), $body,
    ]);
    $box.append(
      make("p", {}, summary(rows)),
      make("div", {
        className: "dpup-selfcheck__scroll", tabIndex: 0, role: "region", "aria-label": "Ratings side by side",
      }, $table),
    );
  }

  /**
   * Adds the colleagues whose files were read, then draws them and says what was loaded. The
   * same person's file twice (chosen again, or a copy) is one colleague, not two columns that
   * always agree; the same name with other ratings is a second file, told apart by a number.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   * @param {File[]} chosen
   * @param {import("./selfcheck-import.js").FileCheck[]} results - their checks, in the same order
   */
  function addColleagues(sc, chosen, results) {
    const colleagues = sc.colleagues;
    const problems = [];
    let added = 0;
    results.forEach((result, i) => {
      const file = chosen[i];
      if (!result.ok) {
        problems.push(file.name + " could not be loaded: " + result.errors.join(" "));
        return;
      }
      const name = result.state.about.assessor || file.name.replace(/\.json$/i, "");
      const ratings = result.state.ratings;
      const namesakes = colleagues.filter((colleague) => colleague.baseName === name);
      const twin = namesakes.find((colleague) => {
        const changes = core.ratingChanges(sc.structure, colleague.ratings, ratings);
        return !changes.ratings && !changes.notes;
      });
      if (twin) {
        problems.push(file.name + " is the same as a file already loaded (" + twin.name + ").");
        return;
      }
      const numbered = namesakes.length ? name + " (" + (namesakes.length + 1) + ")" : name;
      colleagues.push({ baseName: name, name: numbered, ratings });
      added += 1;
    });
    sc.renderConsolidation();
    const { counted } = DPUP.selfcheckParts.dom;
    sc.message("colleagues", counted(added, "file") + " loaded. " + problems.join(" "));
  }

  core.consolidate = consolidate;
  DPUP.selfcheckParts = DPUP.selfcheckParts || {};
  DPUP.selfcheckParts.colleagues = { add: addColleagues, draw: drawSideBySide };
})(window.DPUP = window.DPUP || {});
