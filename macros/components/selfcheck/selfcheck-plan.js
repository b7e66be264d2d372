/* The self-check's improvement plan rows, the comparison with last year and the box for
   colleagues' ratings side by side. sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";

  const selfcheckParts = DPUP.selfcheckParts;
  const { all, one, today, dateText } = selfcheckParts.dom;

  /**
   * @typedef {import("./selfcheck-core.js").PlanRow} PlanRow
   */

  /**
   * A plan row's name in its legend: "Plan row 2: Governance".
   *
   * @param {PlanRow} row
   * @param {number} number
   * @returns {string}
   */
  function legend(row, number) {
    return "Plan row " + number + (row.focusArea ? ": " + row.focusArea : "");
  }

  /**
   * The plan: sets sc.$planRows, sc.renderPlan, sc.renderCompare and sc.renderConsolidation.
   *
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   */
  function plan(sc) {
    const { core, $root } = sc;
    const $planRows = one($root, ".dpup-plan-builder__rows");
    const $rowTemplate = one($root, ".dpup-plan-builder__row");
    const $carryOver = one($root, "[data-action=carry-over]");
    const $restore = one($root, "[data-action=restore-row]");
    const $heading = one($root, "#sc-plan-title");
    const $forget = one($root, "[data-action=forget-previous]");
    const $label = one($root, "#sc-previous-label");
    const $consolidation = one($root, ".dpup-selfcheck__consolidation");
    sc.$planRows = $planRows;

    /**
     * A row's problem (no reason for taking no action) and its overdue warning, in words (never
     * colour alone): a carried-over action keeps last year's date.
     *
     * @param {PlanRow} row
     * @param {HTMLElement} $row
     */
    function checkRow(row, $row) {
      const noReason = row.status === "no-action" && !row.reason.trim();
      one($row, ".dpup-plan-row__problem").textContent = noReason ? "Give a reason for taking no action." : "";
      one($row, ".dpup-plan-row__reason").hidden = row.status !== "no-action" && !row.reason;
      const $overdue = one($row, ".dpup-plan-row__overdue");
      $overdue.hidden = !core.isOverdue(row, today());
      $overdue.textContent = $overdue.hidden ? "" : "Overdue: the target date, " + dateText(row.due) +
        ", has passed. Set a new date or change the status.";
    }

    /**
     * Fills a row's fields and saves each change as it is typed.
     *
     * @param {PlanRow} row
     * @param {HTMLElement} $row
     * @param {number} number
     */
    function wireFields(row, $row, number) {
      all($row, "[data-field]").forEach(($field) => {
        const field = $field.dataset.field;
        $field.id = "sc-plan-" + number + "-" + field;
        one($row, '[data-for="' + field + '"]').htmlFor = $field.id;
        $field.value = field === "actions" ? row.actions.join("\n") : row[field];
        // A select fires input as well as change when a person chooses.
        $field.addEventListener("input", () => {
          row[field] = field === "actions" ? $field.value.split("\n") : $field.value;
          if (field === "focusArea") one($row, "legend").textContent = legend(row, number);
          checkRow(row, $row);
          sc.changed("plan/" + row.id + "/" + field);
        });
      });
      // The reason's box is described by its problem, the date's by its overdue warning.
      [["problem", "reason"], ["overdue", "due"]].forEach(([message, field]) => {
        const id = "sc-plan-" + number + "-" + message;
        one($row, ".dpup-plan-row__" + message).id = id;
        one($row, "[data-field=" + field + "]").setAttribute("aria-describedby", id);
      });
    }

    /**
     * One row of the plan, from the page's template.
     *
     * @param {PlanRow} row
     * @param {number} index
     * @returns {HTMLElement}
     */
    function drawRow(row, index) {
      const $row = $rowTemplate.content.firstElementChild.cloneNode(true);
      const number = index + 1;
      $row.dataset.rowId = row.id;
      one($row, "legend").textContent = legend(row, number);
      if (row.carriedFrom) {
        const $carried = one($row, ".dpup-plan-row__carried");
        $carried.textContent = "Carried over from " + row.carriedFrom + ".";
        $carried.hidden = false;
      }
      wireFields(row, $row, number);
      checkRow(row, $row);
      const $remove = one($row, "[data-action=remove-row]");
      $remove.textContent = "Remove row " + number;
      $remove.addEventListener("click", () => {
        // One click removes a row with all its actions: it can be put back until the next
        // removal.
        sc.removedRow = { index, row: core.removeRow(sc.state, index, Date.now()) };
        sc.save();
        sc.renderPlan();
        sc.message("plan", "Row " + number + " removed" + (row.focusArea ? " (" + row.focusArea + ")" : "") + ".");
        $restore.focus();
      });
      return $row;
    }

    /* Redrawn whole (after another tab's change too): the control a person is in, in a row
       that is still there, keeps the focus and the caret. */
    sc.renderPlan = () => {
      const $active = document.activeElement;
      const $li = $planRows.contains($active) && $active.closest("li");
      const keep = $li && {
        id: $li.dataset.rowId,
        what: $active.dataset.field ? '[data-field="' + $active.dataset.field + '"]' : "[data-action]",
        start: $active.selectionStart,
        end: $active.selectionEnd,
      };
      $planRows.textContent = "";
      sc.state.plan.forEach((row, index) => $planRows.appendChild(drawRow(row, index)));
      // Row ids are letters, digits and hyphens (normaliseRow and addRows make them so).
      const $again = keep && $planRows.querySelector('[data-row-id="' + keep.id + '"] ' + keep.what);
      $carryOver.hidden = core.openActions(sc.state).length === 0;
      const removed = sc.removedRow;
      $restore.hidden = !removed;
      if (removed) $restore.textContent = "Put back " + core.rowName(removed.row, removed.index + 1);
      if ($again) {
        $again.focus();
        if (typeof keep.start === "number") $again.setSelectionRange(keep.start, keep.end);
      } else if (keep) {
        // The row the person was in is gone (removed in another tab): its Put back button, or
        // the plan's heading.
        $heading.tabIndex = -1;
        (removed ? $restore : $heading).focus();
      }
    };

    sc.renderCompare = () => {
      $forget.hidden = !sc.state.previous;
      if (sc.state.previous && $label !== document.activeElement) $label.value = sc.state.previous.label;
    };

    // Colleagues come only from files, so the part that draws them (selfcheck-colleagues.js)
    // has loaded once there are any.
    sc.renderConsolidation = () => {
      $consolidation.hidden = sc.colleagues.length === 0;
      $consolidation.textContent = "";
      if (sc.colleagues.length) selfcheckParts.colleagues.draw(sc, $consolidation);
    };
  }

  selfcheckParts.plan = plan;
})(window.DPUP = window.DPUP || {});
