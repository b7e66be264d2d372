/* The printed report: built from the state, so paper never shows form controls. Its paper
   layout is in print.css. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var one = dom.one, make = dom.make, dateText = dom.dateText, withChange = dom.withChange;
  var SVG = "http://www.w3.org/2000/svg";

  function cells(values) { return values.map(function (value) { return make("td", {}, value); }); }

  /* The report's tables: a caption, column headings, then rows of cells. */
  function table($caption, headings, rows, className) {
    return make("table", { className: "dpup-report__table" + (className || "") }, [$caption,
      make("thead", {}, make("tr", {}, headings.map(function (h) { return make("th", { scope: "col" }, h); }))),
      make("tbody", {}, rows.map(function (row) { return make("tr", {}, row); }))]);
  }

  /* [term, description] pairs as a definition list; a description left empty says so. */
  function definitions(className, pairs) {
    return make("dl", { className: className }, pairs.flatMap(function (pair) { return [make("dt", {}, pair[0]), make("dd", {}, pair[1] || "Not given")]; }));
  }

  /* Whether this browser draws page-margin boxes, where print.css writes the running footer: a
     browser without them drops the margin rule from a style sheet it parses (print.css says more). */
  function drawsMarginBoxes() {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync("@page { @bottom-center { content: 'x' } }");
      return sheet.cssRules[0].cssRules.length > 0;
    } catch (error) {
      return false;  // no constructable style sheets, or a page rule without rules of its own
    }
  }

  function report(sc) {
    var S = sc.S, core = sc.core, A = sc.A, $root = sc.$root;
    var $report = one($root, ".dpup-report");
    $report.classList.toggle("dpup-report--no-margin-boxes", !drawsMarginBoxes());

    function levelName(level, unrated) { return level ? S.names[level] : unrated; }
    function elementRow(e, values) { return [make("th", { scope: "row" }, e.number + ". " + e.title)].concat(cells(values)); }

    function cover(state, found, comparison) {
      var about = state.about;
      var facts = [["Agency", about.agency], ["Assessment period", about.period], ["Assessed by", about.assessor],
        ["Date of assessment", dateText(about.date)]];
      // The label is never empty: normaliseState and the label field both give one.
      if (comparison) facts.push(["Compared with", comparison.label]);
      return make("div", { className: "dpup-report__cover" }, [
        make("p", { className: "dpup-report__kicker" }, "Privacy Maturity Assessment Framework"),
        make("h2", {}, "Privacy maturity self-assessment" + (about.agency ? ": " + about.agency : "")),
        definitions("dpup-report__facts", facts)
      ].concat(S.sections.map(function (section) {
        return make("p", { className: "dpup-report__section-level" }, section.title + ": " + levelName(found.sections[section.id], "not yet rated"));
      }), [
        table(make("caption", {}, "Element levels"), ["Element", "Level"].concat(comparison ? [comparison.label, "Change"] : []),
          S.elements.map(function (e) {
            var change = comparison ? comparison.elements[e.id] : null;
            return elementRow(e, [levelName(found.elements[e.id], "Not yet rated")].concat(change ? [change.previous, change.text] : []));
          })),
        make("p", {}, one($root, ".dpup-selfcheck__rule").textContent.replace(" Why this rule.", ""))
      ]));
    }

    function heatMap(comparison) {
      var $svg = document.createElementNS(SVG, "svg");
      $svg.setAttribute("role", "img");
      $svg.setAttribute("aria-label", "Heat map of the ratings; the table below gives the same information.");
      sc.drawChart($svg, comparison);
      // The heat map as a table: the same rows (elements) and cells (criteria), in words.
      var columns = [];
      S.elements.forEach(function (e) { e.criteria.forEach(function (id, i) { columns[i] = "Criterion " + (i + 1); }); });
      return make("div", {}, [make("h3", {}, "Heat map"), $svg,
        make("p", {}, "Letters: " + S.levels.map(function (l) { return sc.letter(l) + " " + S.names[l]; }).join(", ") +
          ", ? Not sure yet, – not rated" + (comparison ? "; “was” gives " + comparison.label + "’s rating." : ".")),
        table(make("caption", {}, "The heat map as a table"), ["Element"].concat(columns), S.elements.map(function (e) {
          return elementRow(e, columns.map(function (column, i) {
            var id = e.criteria[i];
            return !id ? "" : sc.levelName(sc.ratingOf(id).level) + (comparison ? " (was " + comparison.criteria[id].previous + ")" : "");
          }));
        }))]);
    }

    function detail(state, found, comparison) {
      return make("div", {}, [make("h3", {}, "Ratings and comments")].concat(S.elements.map(function (e) {
        var $element = make("div", {}, make("h4", {}, e.number + ". " + e.title + ": " +
          levelName(found.elements[e.id], "not yet rated")));
        e.criteria.forEach(function (id) {
          var c = sc.byCriterion.get(id), rating = sc.ratingOf(id);
          var line = withChange(c.label + ", " + c.title + ": " + sc.levelName(rating.level), comparison,
            comparison && comparison.criteria[id]);
          $element.appendChild(make("p", { className: "dpup-report__criterion" }, make("strong", {}, line)));
          if (rating.note) $element.appendChild(make("p", { className: "dpup-report__note" }, rating.note));
        });
        var comments = state.elements[e.id] || {};
        var given = [["achievements", "Achievements"], ["challenges", "Challenges"], ["focus", "Areas of future focus"]]
          .filter(function (pair) { return comments[pair[0]]; })
          .map(function (pair) { return [pair[1], comments[pair[0]]]; });
        if (given.length) $element.appendChild(definitions("dpup-report__comments", given));
        return $element;
      })));
    }

    function plan(state) {
      var numbered = A.numberedActions(state.plan);
      var rows = state.plan.map(function (row) {
        var $actions = make("ol", {}, numbered.filter(function (entry) { return entry.row === row && entry.number; }).map(function (entry) {
          return make("li", { value: entry.number }, entry.action);
        }));
        var status = core.statusName(row.status) + (row.status === "no-action" && row.reason ? ": " + row.reason : "") +
            (core.isOverdue(row, dom.today()) ? " (overdue)" : "");
        return cells([row.focusArea, row.recommendation, $actions.children.length ? $actions : "None yet",
          [row.owner || "Not set", row.resources ? make("span", { className: "dpup-report__resources" }, "Resources: " + row.resources) : ""].filter(Boolean),
          dateText(row.due, "short") || "Not set", status + (row.carriedFrom ? " (from " + row.carriedFrom + ")" : "")]);
      });
      return make("div", { className: "dpup-report__plan" }, [make("h3", {}, "Improvement plan"), rows.length ?
        table(make("caption", { className: "dpup-visually-hidden" }, "Improvement plan"),
          ["Focus area", "Recommendations", "Planned actions", "Owner", "Target date", "Status"], rows, " dpup-report__plan-table") :
        make("p", {}, "No plan yet.")]);
    }

    sc.scheduleReport = function () {
      clearTimeout(sc.reportTimer);
      sc.reportTimer = setTimeout(sc.renderReport, 300);
    };

    sc.renderReport = function () {
      clearTimeout(sc.reportTimer);
      var state = sc.state, about = state.about;
      var found = core.levels(S, state.ratings);
      var comparison = core.compare(S, state);
      // The running footer of every printed page (print.css, @page): agency and period, as a CSS string.
      var running = [about.agency, about.period].filter(Boolean).join(" · ").replace(/\s+/g, " ");
      document.documentElement.style.setProperty("--dpup-report-running",
        "\"" + (running ? running + " · " : "").replace(/[\\"]/g, "\\$&") + "\"");
      $report.replaceChildren(cover(state, found, comparison), heatMap(comparison), detail(state, found, comparison), plan(state),
        make("p", { className: "dpup-report__footer" }, "Prepared with the DPUP Toolkit self-check on " + dateText(dom.today()) + "."));
    };
  }

  DPUP.selfcheckParts.report = report;
})(window.DPUP = window.DPUP || {});
