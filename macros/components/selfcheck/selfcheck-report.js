/* The printed report: built from the state, so paper never shows form controls. Its paper
   layout is in print.css. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var one = dom.one, make = dom.make, dateText = dom.dateText, lowerFirst = dom.lowerFirst;
  var SVG = "http://www.w3.org/2000/svg";

  function report(sc) {
    var S = sc.S, core = sc.core, A = sc.A, $root = sc.$root;
    var $report = one($root, ".dpup-report");

    sc.scheduleReport = function () {
      clearTimeout(sc.reportTimer);
      sc.reportTimer = setTimeout(sc.renderReport, 300);
    };

  sc.renderReport = function () {
    clearTimeout(sc.reportTimer);
    var found = core.levels(S, sc.state.ratings);
    var comparison = core.compare(S, sc.state);
    var about = sc.state.about, state = sc.state;
    $report.textContent = "";
    // The running footer of every printed page (print.css, @page): agency and period, as a CSS string.
    var running = [about.agency, about.period].filter(Boolean).join(" · ").replace(/\s+/g, " ");
    document.documentElement.style.setProperty("--dpup-report-running",
      "\"" + (running ? running + " · " : "").replace(/[\\"]/g, "\\$&") + "\"");
    var $cover = make("div", { className: "dpup-report__cover" }, [
      make("p", { className: "dpup-report__kicker" }, "Privacy Maturity Assessment Framework"),
      make("h2", {}, "Privacy maturity self-assessment" + (about.agency ? ": " + about.agency : ""))]);
    var $facts = make("dl", { className: "dpup-report__facts" });
    [["Agency", about.agency], ["Assessment period", about.period], ["Assessed by", about.assessor],
      ["Date of assessment", dateText(about.date)], ["Compared with", comparison ? comparison.label : ""]].forEach(function (pair) {
      if (pair[0] === "Compared with" && !pair[1]) return;
      $facts.appendChild(make("dt", {}, pair[0]));
      $facts.appendChild(make("dd", {}, pair[1] || "Not given"));
    });
    $cover.appendChild($facts);
    S.sections.forEach(function (section) {
      var level = found.sections[section.id];
      $cover.appendChild(make("p", { className: "dpup-report__section-level" },
        section.title + ": " + (level ? S.names[level] : "not yet rated")));
    });
    var $levels = make("tbody");
    S.elements.forEach(function (e) {
      var cells = [make("th", { scope: "row" }, e.number + ". " + e.title), make("td", {}, found.elements[e.id] ? S.names[found.elements[e.id]] : "Not yet rated")];
      if (comparison) cells.push(make("td", {}, comparison.elements[e.id].previous), make("td", {}, comparison.elements[e.id].text));
      $levels.appendChild(make("tr", {}, cells));
    });
    var headings = ["Element", "Level"].concat(comparison ? [comparison.label, "Change"] : []);
    $cover.appendChild(make("table", { className: "dpup-report__table" }, [make("caption", {}, "Element levels"),
      make("thead", {}, make("tr", {}, headings.map(function (h) { return make("th", { scope: "col" }, h); }))), $levels]));
    $cover.appendChild(make("p", { className: "dpup-report__rule" }, one($root, ".dpup-selfcheck__rule").textContent.replace(" Why this rule.", "")));
    $report.appendChild($cover);

    var $map = make("div", { className: "dpup-report__map" }, make("h3", {}, "Heat map"));
    var $svg = document.createElementNS(SVG, "svg");
    $svg.setAttribute("role", "img");
    $svg.setAttribute("aria-label", "Heat map of the ratings; the table below gives the same information.");
    sc.drawChart($svg, comparison);
    $map.appendChild($svg);
    $map.appendChild(make("p", { className: "dpup-report__key" }, "Letters: " + S.levels.map(function (l) { return sc.letter(l) + " " + S.names[l]; }).join(", ") +
      ", ? Not sure yet, – not rated" + (comparison ? "; “was” gives " + comparison.label + "’s rating." : ".")));
    // The heat map as a table: the same rows (elements) and cells (criteria), in words.
    var widest = Math.max.apply(null, S.elements.map(function (e) { return e.criteria.length; }));
    var $mapBody = make("tbody");
    S.elements.forEach(function (e) {
      var cells = [make("th", { scope: "row" }, e.number + ". " + e.title)];
      for (var i = 0; i < widest; i++) {
        var id = e.criteria[i];
        var text = id ? sc.levelName(sc.ratingOf(id).level) : "";
        if (id && comparison) text += " (was " + comparison.criteria[id].previous + ")";
        cells.push(make("td", {}, text));
      }
      $mapBody.appendChild(make("tr", {}, cells));
    });
    var mapHeadings = ["Element"];
    for (var column = 1; column <= widest; column++) mapHeadings.push("Criterion " + column);
    $map.appendChild(make("table", { className: "dpup-report__table" }, [make("caption", {}, "The heat map as a table"),
      make("thead", {}, make("tr", {}, mapHeadings.map(function (h) { return make("th", { scope: "col" }, h); }))), $mapBody]));
    $report.appendChild($map);

    var $detail = make("div", { className: "dpup-report__detail" }, make("h3", {}, "Ratings and comments"));
    S.elements.forEach(function (e) {
      var $element = make("div", { className: "dpup-report__element" }, make("h4", {}, e.number + ". " + e.title + ": " +
        (found.elements[e.id] ? S.names[found.elements[e.id]] : "not yet rated")));
      e.criteria.forEach(function (id) {
        var c = sc.byCriterion.get(id), rating = sc.ratingOf(id);
        var line = c.label + ", " + c.title + ": " + sc.levelName(rating.level);
        if (comparison) line += " (" + comparison.label + ": " + comparison.criteria[id].previous + "; " + lowerFirst(comparison.criteria[id].text) + ")";
        $element.appendChild(make("p", { className: "dpup-report__criterion" }, make("strong", {}, line)));
        if (rating.note) $element.appendChild(make("p", { className: "dpup-report__note" }, rating.note));
      });
      var comments = state.elements[e.id] || {};
      var $comments = make("dl", { className: "dpup-report__comments" });
      [["achievements", "Achievements"], ["challenges", "Challenges"], ["focus", "Areas of future focus"]].forEach(function (pair) {
        if (!comments[pair[0]]) return;
        $comments.appendChild(make("dt", {}, pair[1]));
        $comments.appendChild(make("dd", {}, comments[pair[0]]));
      });
      if ($comments.children.length) $element.appendChild($comments);
      $detail.appendChild($element);
    });
    $report.appendChild($detail);

    var $plan = make("div", { className: "dpup-report__plan" }, make("h3", {}, "Improvement plan"));
    if (!state.plan.length) $plan.appendChild(make("p", {}, "No plan yet."));
    else {
      var $planBody = make("tbody");
      var numbered = A.numberedActions(state.plan);
      state.plan.forEach(function (row) {
        var $actions = make("ol");
        numbered.filter(function (entry) { return entry.row === row && entry.number; }).forEach(function (entry) {
          $actions.appendChild(make("li", { value: entry.number }, entry.action));
        });
        var status = core.statusName(row.status) + (row.status === "no-action" && row.reason ? ": " + row.reason : "") +
            (core.isOverdue(row, dom.today()) ? " (overdue)" : "");
        $planBody.appendChild(make("tr", {}, [make("td", {}, row.focusArea), make("td", {}, row.recommendation),
          make("td", {}, $actions.children.length ? $actions : "None yet"),
          make("td", {}, [row.owner || "Not set", row.resources ? make("span", { className: "dpup-report__resources" }, "Resources: " + row.resources) : ""].filter(Boolean)),
          make("td", {}, dateText(row.due, "short") || "Not set"), make("td", {}, status + (row.carriedFrom ? " (from " + row.carriedFrom + ")" : ""))]));
      });
      $plan.appendChild(make("table", { className: "dpup-report__table dpup-report__plan-table" }, [make("caption", { className: "dpup-visually-hidden" }, "Improvement plan"),
        make("thead", {}, make("tr", {}, ["Focus area", "Recommendations", "Planned actions", "Owner", "Target date", "Status"].map(function (h) {
          return make("th", { scope: "col" }, h);
        }))), $planBody]));
    }
    $report.appendChild($plan);
    $report.appendChild(make("p", { className: "dpup-report__footer" }, "Prepared with the DPUP Toolkit self-check on " +
      new Date().toLocaleDateString("en-NZ", { day: "numeric", month: "long", year: "numeric" }) + "."));
  };
  }

  DPUP.selfcheckParts.report = report;
})(window.DPUP = window.DPUP || {});
