/* The self-check's improvement plan rows, the comparison with last year and the colleagues'
   ratings side by side. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var all = dom.all, one = dom.one, make = dom.make;

  function plan(sc) {
    var S = sc.S, core = sc.core, $root = sc.$root;
    var $planRows = one($root, ".dpup-plan-builder__rows");
    var $rowTemplate = one($root, ".dpup-plan-builder__row");
    sc.$planRows = $planRows;

    function checkRow(row, $row) {
      var problem = row.status === "no-action" && !row.reason.trim() ? "Give a reason for taking no action." : "";
      one($row, ".dpup-plan-row__problem").textContent = problem;
      one($row, ".dpup-plan-row__reason").hidden = row.status !== "no-action" && !row.reason;
      // Overdue in words (never colour alone): a carried-over action keeps last year's date.
      var $overdue = one($row, ".dpup-plan-row__overdue");
      $overdue.hidden = !core.isOverdue(row, dom.today());
      $overdue.textContent = $overdue.hidden ? "" : "Overdue: the target date, " + dom.dateText(row.due) + ", has passed. Set a new date or change the status.";
    }

    function legend(row, number) { return "Plan row " + number + (row.focusArea ? ": " + row.focusArea : ""); }

    function drawRow(row, index) {
      var $row = $rowTemplate.content.firstElementChild.cloneNode(true);
      var number = index + 1;
      $row.dataset.rowId = row.id;
      one($row, "legend").textContent = legend(row, number);
      if (row.carriedFrom) {
        var $carried = one($row, ".dpup-plan-row__carried");
        $carried.textContent = "Carried over from " + row.carriedFrom + ".";
        $carried.hidden = false;
      }
      all($row, "[data-field]").forEach(function ($field) {
        var field = $field.dataset.field;
        $field.id = "sc-plan-" + number + "-" + field;
        $row.querySelector('[data-for="' + field + '"]').htmlFor = $field.id;
        $field.value = field === "actions" ? row.actions.join("\n") : row[field];
        // A select fires input as well as change when a person chooses.
        $field.addEventListener("input", function () {
          row[field] = field === "actions" ? $field.value.split("\n") : $field.value;
          if (field === "focusArea") one($row, "legend").textContent = legend(row, number);
          checkRow(row, $row);
          sc.changed("plan/" + row.id + "/" + field);
        });
      });
      // The reason's box is described by its problem, the date's by its overdue warning.
      [["problem", "reason"], ["overdue", "due"]].forEach(function (pair) {
        var id = "sc-plan-" + number + "-" + pair[0];
        one($row, ".dpup-plan-row__" + pair[0]).id = id;
        one($row, "[data-field=" + pair[1] + "]").setAttribute("aria-describedby", id);
      });
      checkRow(row, $row);
      var $remove = one($row, "[data-action=remove-row]");
      $remove.textContent = "Remove row " + number;
      $remove.addEventListener("click", function () {
        // One click removes a row with all its actions: it can be put back until the next removal.
        sc.removedRow = { index: index, row: core.removeRow(sc.state, index, Date.now()) };
        sc.save();
        sc.renderPlan();
        sc.message("plan", "Row " + number + " removed" + (row.focusArea ? " (" + row.focusArea + ")" : "") + ".");
        one($root, "[data-action=restore-row]").focus();
      });
      return $row;
    }

    /* Redrawn whole (after another tab's change too): the control a person is in, in a row that is
       still there, keeps the focus and the caret. */
    sc.renderPlan = function () {
      var $active = document.activeElement, $li = $planRows.contains($active) && $active.closest("li");
      var keep = $li && { id: $li.dataset.rowId, what: $active.dataset.field ? '[data-field="' + $active.dataset.field + '"]' : "[data-action]",
        start: $active.selectionStart, end: $active.selectionEnd };
      $planRows.textContent = "";
      sc.state.plan.forEach(function (row, index) { $planRows.appendChild(drawRow(row, index)); });
      // Row ids are letters, digits and hyphens (normaliseRow and addRows make them so).
      var $again = keep && $planRows.querySelector('[data-row-id="' + keep.id + '"] ' + keep.what);
      one($root, "[data-action=carry-over]").hidden = core.openActions(sc.state).length === 0;
      var $restore = one($root, "[data-action=restore-row]");
      var removed = sc.removedRow;
      $restore.hidden = !removed;
      if (removed) $restore.textContent = "Put back row " + (removed.index + 1) + (removed.row.focusArea ? " (" + removed.row.focusArea + ")" : "");
      if ($again) {
        $again.focus();
        if (typeof keep.start === "number") $again.setSelectionRange(keep.start, keep.end);
      } else if (keep) {
        // The row the person was in is gone (removed in another tab): its Put back button, or the plan's heading.
        var $heading = one($root, "#sc-plan-title");
        $heading.tabIndex = -1;
        (removed ? $restore : $heading).focus();
      }
    };

    sc.renderCompare = function () {
      var $forget = one($root, "[data-action=forget-previous]");
      var $label = one($root, "#sc-previous-label");
      $forget.hidden = !sc.state.previous;
      if (sc.state.previous && $label !== document.activeElement) $label.value = sc.state.previous.label;
    };

    sc.renderConsolidation = function () {
      var $box = one($root, ".dpup-selfcheck__consolidation");
      var colleagues = sc.colleagues;
      $box.hidden = colleagues.length === 0;
      $box.textContent = "";
      if (!colleagues.length) return;
      var people = [{ name: "You", ratings: sc.state.ratings }].concat(colleagues);
      var rows = core.consolidate(S, people);
      var differ = rows.filter(function (r) { return !r.agree && !r.unrated; }).length;
      var unrated = rows.filter(function (r) { return r.unrated; }).length;
      $box.appendChild(make("p", {}, (differ ? differ + " of " + rows.length + " criteria have different ratings. Choose the agreed rating for each." :
        "No criterion has different ratings.") + (unrated ? " " + unrated + " not rated by anyone yet." : "")));
      var $head = make("tr", {}, ["Criterion"].concat(people.map(function (p) { return p.name; }), ["Agreement", "Agreed rating"])
        .map(function (heading) { return make("th", { scope: "col" }, heading); }));
      var $body = make("tbody");
      rows.forEach(function (r) {
        var c = sc.byCriterion.get(r.criterion);
        var name = c.label + ", " + c.title + " (" + sc.byElement.get(c.elementId).title + ")";
        var $select = make("select", { id: "sc-agreed-" + c.id, "aria-label": "Agreed rating for " + name });
        [""].concat(S.levels, ["unsure"]).forEach(function (level) {
          $select.appendChild(make("option", { value: level, selected: sc.ratingOf(c.id).level === level }, level ? sc.levelName(level) : "Choose"));
        });
        $select.addEventListener("change", function () {
          sc.state.ratings[c.id] = { level: $select.value, note: sc.ratingOf(c.id).note };
          sc.changed("ratings/" + c.id);
          sc.renderAnswers();
          sc.renderAfterRating();
          sc.renderConsolidation();
          sc.message("colleagues", "Agreed rating for " + c.title + ": " + sc.levelName($select.value) + ".");
        });
        var differs = !r.agree && !r.unrated;
        $body.appendChild(make("tr", { "data-criterion-id": c.id, className: differs ? "dpup-selfcheck__differ" : "" },
          [make("th", { scope: "row" }, name)].concat(r.ratings.map(function (level) { return make("td", {}, sc.levelName(level)); }),
            [make("td", {}, r.agree ? "Agree" : r.unrated ? "Not rated yet" : "Differ"), make("td", {}, $select)])));
      });
      $box.appendChild(make("div", { className: "dpup-selfcheck__scroll", tabIndex: 0, "role": "region", "aria-label": "Ratings side by side" },
        make("table", { className: "dpup-selfcheck__side-by-side" }, [make("caption", {}, "Ratings side by side"), make("thead", {}, $head), $body])));
    };
  }

  DPUP.selfcheckParts.plan = plan;
})(window.DPUP = window.DPUP || {});
