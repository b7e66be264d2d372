/* The printed report: built from the state, so paper never shows form controls. Its paper
   layout is in print.css. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";

  const { one, make, dateText, today, withChange, elementName } = DPUP.selfcheckParts.dom;
  const SVG = "http://www.w3.org/2000/svg";
  const COMMENTS = [
    ["achievements", "Achievements"], ["challenges", "Challenges"], ["focus", "Areas of future focus"],
  ];
  const PLAN_HEADINGS = ["Focus area", "Recommendations", "Planned actions", "Owner", "Target date", "Status"];

  /**
   * @typedef {import("./selfcheck-core.js").State} State
   * @typedef {import("./selfcheck-core.js").PlanRow} PlanRow
   */

  /**
   * Table cells, one per value.
   *
   * @param {Array<string | Node | Array<string | Node>>} values
   * @returns {HTMLTableCellElement[]}
   */
  function cells(values) {
    return values.map((value) => make("td", {}, value));
  }

  /**
   * One of the report's tables: a caption, column headings, then rows of cells.
   *
   * @param {HTMLElement} $caption
   * @param {string[]} headings
   * @param {HTMLElement[][]} rows - each row's cells
   * @param {string} [className] - added to the table's class, after a space
   * @returns {HTMLTableElement}
   */
  function table($caption, headings, rows, className) {
    return make("table", { className: "dpup-report__table" + (className || "") }, [
      $caption,
      make("thead", {}, make("tr", {}, headings.map((heading) => make("th", { scope: "col" }, heading)))),
      make("tbody", {}, rows.map((row) => make("tr", {}, row))),
    ]);
  }

  /**
   * [term, description] pairs as a definition list; a description left empty says so.
   *
   * @param {string} className
   * @param {Array<[string, string]>} pairs
   * @returns {HTMLDListElement}
   */
  function definitions(className, pairs) {
    const items = pairs.flatMap(([term, description]) => [
      make("dt", {}, term), make("dd", {}, description || "Not given"),
    ]);
    return make("dl", { className }, items);
  }

  /**
   * Whether this browser draws page-margin boxes, where print.css writes the running footer: a
   * browser without them drops the margin rule from a style sheet it parses (print.css says
   * more).
   *
   * @returns {boolean}
   */
  function drawsMarginBoxes() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync("@page { @bottom-center { content: 'x' } }");
      return sheet.cssRules[0].cssRules.length > 0;
    } catch (error) {
      return false;  // no constructable style sheets, or a page rule without rules of its own
    }
  }

  /**
   * The report: sets sc.scheduleReport and sc.renderReport.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function report(sc) {
    const { structure, core, $root } = sc;
    const $report = one($root, ".dpup-report");
    const $rule = one($root, ".dpup-selfcheck__rule");
    $report.classList.toggle("dpup-report--no-margin-boxes", !drawsMarginBoxes());

    /**
     * A level's name, or what to say for one not rated.
     *
     * @param {string | null} level
     * @param {string} unrated
     * @returns {string}
     */
    const levelName = (level, unrated) => (level ? structure.names[level] : unrated);

    /**
     * A row of a table of elements: the element's number and title, then the cells.
     *
     * @param {{number: string, title: string}} element
     * @param {Array<string | Node>} values
     * @returns {HTMLElement[]}
     */
    const elementRow = (element, values) => {
      return [make("th", { scope: "row" }, elementName(element))].concat(cells(values));
    };

    /**
     * The cover: who, when, each section's level and each element's (with its change).
     *
     * @param {State} state
     * @param {object} found - core.levels
     * @param {object | null} comparison - core.compare
     * @returns {HTMLElement}
     */
    function cover(state, found, comparison) {
      const about = state.about;
      const facts = [
        ["Agency", about.agency], ["Assessment period", about.period], ["Assessed by", about.assessor],
        ["Date of assessment", dateText(about.date)],
      ];
      // The label is never empty: normaliseState and the label field both give one.
      if (comparison) facts.push(["Compared with", comparison.label]);
      const sections = structure.sections.map((section) => make("p", { className: "dpup-report__section-level" },
        section.title + ": " + levelName(found.sections[section.id], "not yet rated")));
      const headings = ["Element", "Level"].concat(comparison ? [comparison.label, "Change"] : []);
      const rows = structure.elements.map((element) => {
        const change = comparison ? comparison.elements[element.id] : null;
        const level = levelName(found.elements[element.id], "Not yet rated");
        return elementRow(element, [level].concat(change ? [change.previous, change.text] : []));
      });
      return make("div", { className: "dpup-report__cover" }, [
        make("p", { className: "dpup-report__kicker" }, "Privacy Maturity Assessment Framework"),
        make("h2", {}, "Privacy maturity self-assessment" + (about.agency ? ": " + about.agency : "")),
        definitions("dpup-report__facts", facts),
        ...sections,
        table(make("caption", {}, "Element levels"), headings, rows),
        make("p", {}, $rule.textContent.replace(" Why this rule.", "")),
      ]);
    }

    /**
     * The heat map, then the same rows (elements) and cells (criteria) in words, as a table.
     *
     * @param {object | null} comparison - core.compare
     * @returns {HTMLElement}
     */
    function heatMap(comparison) {
      const $svg = document.createElementNS(SVG, "svg");
      $svg.setAttribute("role", "img");
      $svg.setAttribute("aria-label", "Heat map of the ratings; the table below gives the same information.");
      sc.drawChart($svg, comparison);
      const columns = [];
      structure.elements.forEach((element) => {
        element.criteria.forEach((id, i) => {
          columns[i] = "Criterion " + (i + 1);
        });
      });
      const letters = structure.levels.map((level) => sc.letter(level) + " " + structure.names[level]).join(", ");
      const was = comparison ? "; “was” gives " + comparison.label + "’s rating." : ".";
      const rows = structure.elements.map((element) => elementRow(element, columns.map((column, i) => {
        const id = element.criteria[i];
        if (!id) return "";
        const rating = sc.levelName(sc.ratingOf(id).level);
        return rating + (comparison ? " (was " + comparison.criteria[id].previous + ")" : "");
      })));
      return make("div", {}, [
        make("h3", {}, "Heat map"),
        $svg,
        make("p", {}, "Letters: " + letters + ", ? Not sure yet, – not rated" + was),
        table(make("caption", {}, "The heat map as a table"), ["Element"].concat(columns), rows),
      ]);
    }

    /**
     * Each element's ratings, notes and comments.
     *
     * @param {State} state
     * @param {object} found - core.levels
     * @param {object | null} comparison - core.compare
     * @returns {HTMLElement}
     */
    function detail(state, found, comparison) {
      const elements = structure.elements.map((element) => {
        const $element = make("div", {}, make("h4", {}, elementName(element) + ": " +
          levelName(found.elements[element.id], "not yet rated")));
        element.criteria.forEach((id) => {
          const criterion = sc.byCriterion.get(id);
          const rating = sc.ratingOf(id);
          const line = withChange(criterion.label + ", " + criterion.title + ": " + sc.levelName(rating.level),
            comparison, comparison && comparison.criteria[id]);
          $element.appendChild(make("p", { className: "dpup-report__criterion" }, make("strong", {}, line)));
          if (rating.note) $element.appendChild(make("p", { className: "dpup-report__note" }, rating.note));
        });
        const comments = state.elements[element.id] || {};
        const given = COMMENTS
          .filter(([field]) => comments[field])
          .map(([field, title]) => [title, comments[field]]);
        if (given.length) $element.appendChild(definitions("dpup-report__comments", given));
        return $element;
      });
      return make("div", {}, [make("h3", {}, "Ratings and comments"), ...elements]);
    }

    /**
     * A plan row's cells: its actions numbered across the plan, its owner and resources, its
     * date and its status in words.
     *
     * @param {PlanRow} row
     * @param {{row: PlanRow, number: number | string, action: string}[]} numbered
     * @returns {HTMLElement[]}
     */
    function planCells(row, numbered) {
      const $actions = make("ol", {}, numbered
        .filter((entry) => entry.row === row && entry.number)
        .map((entry) => make("li", { value: entry.number }, entry.action)));
      const reason = row.status === "no-action" && row.reason ? ": " + row.reason : "";
      const overdue = core.isOverdue(row, today()) ? " (overdue)" : "";
      const status = core.statusName(row.status) + reason + overdue;
      const resources = row.resources
        ? make("span", { className: "dpup-report__resources" }, "Resources: " + row.resources)
        : "";
      return cells([
        row.focusArea, row.recommendation, $actions.children.length ? $actions : "None yet",
        [row.owner || "Not set", resources].filter(Boolean),
        dateText(row.due, "short") || "Not set",
        status + (row.carriedFrom ? " (from " + row.carriedFrom + ")" : ""),
      ]);
    }

    /**
     * The improvement plan, as a table.
     *
     * @param {State} state
     * @returns {HTMLElement}
     */
    function planTable(state) {
      const numbered = sc.assess.numberedActions(state.plan);
      const rows = state.plan.map((row) => planCells(row, numbered));
      const caption = make("caption", { className: "dpup-visually-hidden" }, "Improvement plan");
      return make("div", { className: "dpup-report__plan" }, [
        make("h3", {}, "Improvement plan"),
        rows.length ? table(caption, PLAN_HEADINGS, rows, " dpup-report__plan-table") : make("p", {}, "No plan yet."),
      ]);
    }

    sc.scheduleReport = () => {
      clearTimeout(sc.reportTimer);
      sc.reportTimer = setTimeout(sc.renderReport, 300);
    };

    sc.renderReport = () => {
      clearTimeout(sc.reportTimer);
      const state = sc.state;
      const about = state.about;
      const found = core.levels(structure, state.ratings);
      const comparison = core.compare(structure, state);
      // The running footer of every printed page (print.css, @page): agency and period, as a
      // CSS string.
      const running = [about.agency, about.period].filter(Boolean).join(" · ").replace(/\s+/g, " ");
      document.documentElement.style.setProperty("--dpup-report-running",
        "\"" + (running ? running + " · " : "").replace(/[\\"]/g, "\\$&") + "\"");
      $report.replaceChildren(
        cover(state, found, comparison), heatMap(comparison), detail(state, found, comparison),
        planTable(state),
        make("p", { className: "dpup-report__footer" },
          "Prepared with the DPUP Toolkit self-check on " + dateText(today()) + "."),
      );
    };
  }

  DPUP.selfcheckParts.report = report;
})(window.DPUP = window.DPUP || {});
