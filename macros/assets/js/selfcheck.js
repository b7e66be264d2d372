/* The maturity self-check: rate each criterion, see element and section levels, the gaps to a
   target level, build an improvement plan, export and import. Enhances the server-rendered form;
   the structure (elements, criteria, levels, rule) is read from it, never hard-coded here.
   Needs answers-core.js and answers-store.js. */
(function (DPUP) {
  "use strict";
  var NS = "selfcheck";
  var FORMAT = { format: "dpup-self-check", version: 1, label: "DPUP self-check" };
  var SVG = "http://www.w3.org/2000/svg";
  var STATUS_LABELS = { "not-started": "Not started", "in-progress": "In progress", done: "Done", deferred: "Deferred" };

  function all($root, selector) { return Array.prototype.slice.call($root.querySelectorAll(selector)); }
  function one($root, selector) {
    var $found = $root.querySelector(selector);
    if (!$found) throw new Error("DPUP self-check: missing " + selector);
    return $found;
  }
  function text(value) { return typeof value === "string" ? value : ""; }

  function normaliseRow(row) {
    row = row && typeof row === "object" ? row : {};
    return {
      focusArea: text(row.focusArea), recommendation: text(row.recommendation),
      actions: Array.isArray(row.actions) ? row.actions.filter(function (a) { return typeof a === "string"; }) : [],
      owner: text(row.owner), due: /^\d{4}-\d{2}-\d{2}$/.test(row.due) ? row.due : "",
      status: STATUS_LABELS[row.status] ? row.status : "not-started",
      criterion: text(row.criterion)
    };
  }

  function initSelfCheck($root) {
    var A = DPUP.assess;
    var store = DPUP.answerStore;
    var levels = JSON.parse($root.dataset.levels);
    var names = JSON.parse($root.dataset.levelNames);
    names.unsure = "Not sure yet";
    var answers = levels.concat(["unsure"]);
    var rules = { element: $root.dataset.ruleElement, section: $root.dataset.ruleSection };
    var $status = one($root, ".dpup-selfcheck__status");
    var $error = one($root, ".dpup-selfcheck__import-error");
    var $target = one($root, ".dpup-selfcheck__target");
    var $gaps = one($root, ".dpup-selfcheck__gaps");
    var $planBody = one($root, ".dpup-plan-builder__table tbody");
    var $rowTemplate = one($root, "template.dpup-plan-builder__row");
    var $chart = one($root, ".dpup-selfcheck__chart");

    var criteria = all($root, "fieldset.dpup-selfcheck__criterion").map(function ($fieldset) {
      return {
        id: $fieldset.dataset.criterionId, title: $fieldset.dataset.criterionTitle, $fieldset: $fieldset,
        $radios: all($fieldset, "input[type=radio]"), $note: one($fieldset, "textarea"),
        elementId: $fieldset.closest("[data-element-id]").dataset.elementId
      };
    });
    var byId = {};
    criteria.forEach(function (c) { byId[c.id] = c; });
    var elements = all($root, "section.dpup-selfcheck__element").map(function ($section) {
      return {
        id: $section.dataset.elementId, title: $section.dataset.elementTitle,
        sectionId: $section.closest("[data-section-id]").dataset.sectionId,
        criteria: criteria.filter(function (c) { return c.elementId === $section.dataset.elementId; })
          .map(function (c) { return c.id; })
      };
    });
    var sections = all($root, "section.dpup-selfcheck__section").map(function ($section) {
      return { id: $section.dataset.sectionId, title: $section.dataset.sectionTitle };
    });

    var state = { ratings: {}, plan: [], target: $root.dataset.defaultTarget };

    function load() {
      criteria.forEach(function (c) {
        var saved = store.get(NS, c.id);
        if (saved && answers.indexOf(saved.level) >= 0) state.ratings[c.id] = { level: saved.level, note: text(saved.note) };
        else if (saved && text(saved.note)) state.ratings[c.id] = { level: "", note: saved.note };
      });
      var plan = store.get(NS, "plan");
      state.plan = Array.isArray(plan) ? plan.map(normaliseRow) : [];
      var target = store.get(NS, "target");
      if (levels.indexOf(target) >= 0) state.target = target;
    }

    function saveAll() {
      store.clear(NS);
      Object.keys(state.ratings).forEach(function (id) { store.set(NS, id, state.ratings[id]); });
      store.set(NS, "plan", state.plan);
      store.set(NS, "target", state.target);
    }

    function showAnswers() {
      criteria.forEach(function (c) {
        var rating = state.ratings[c.id] || {};
        c.$radios.forEach(function ($radio) { $radio.checked = $radio.value === rating.level; });
        c.$note.value = rating.note || "";
      });
      $target.value = state.target;
    }

    function levelName(level) { return level && names[level] ? names[level] : "Not rated"; }

    function showProgress() {
      var rated = A.countRated(criteria.map(function (c) { return c.id; }), state.ratings, levels);
      all($root, ".dpup-selfcheck__count").forEach(function ($count) {
        $count.textContent = rated + " of " + criteria.length + " criteria rated";
      });
      one($root, ".dpup-selfcheck__bar").value = rated;
      elements.forEach(function (element) {
        var $item = $root.querySelector('.dpup-selfcheck__overview [data-element-id="' + element.id + '"] .dpup-selfcheck__element-count');
        if ($item) $item.textContent = A.countRated(element.criteria, state.ratings, levels) + " of " + element.criteria.length + " rated";
      });
    }

    function showResults() {
      var elementLevel = A.elementLevels(elements, state.ratings, levels, rules.element);
      criteria.forEach(function (c) {
        var $cell = $root.querySelector('.dpup-selfcheck__ratings [data-criterion-id="' + c.id + '"] .dpup-selfcheck__rating');
        if ($cell) $cell.textContent = levelName((state.ratings[c.id] || {}).level);
      });
      elements.forEach(function (element) {
        var $cell = $root.querySelector('td.dpup-selfcheck__element-level[data-element-id="' + element.id + '"]');
        if ($cell) $cell.textContent = elementLevel[element.id] ? names[elementLevel[element.id]] : "Not yet rated";
      });
      sections.forEach(function (section) {
        var $line = $root.querySelector('.dpup-selfcheck__section-level[data-section-id="' + section.id + '"]');
        var values = elements.filter(function (e) { return e.sectionId === section.id; })
          .map(function (e) { return elementLevel[e.id]; });
        var level = A.rollup(rules.section, levels, values.map(function (v) { return v || ""; }));
        $line.hidden = !level;
        $line.textContent = level ? section.title + ": " + names[level] : "";
      });
      drawChart();
    }

    /* A heat map: one row per element, one cell per criterion, each cell lettered. */
    function drawChart() {
      var cell = 64, gap = 4, label = 40;
      var widest = Math.max.apply(null, elements.map(function (e) { return e.criteria.length; }));
      var width = label + widest * (cell + gap), height = elements.length * (36 + gap);
      $chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      $chart.setAttribute("width", width);
      $chart.setAttribute("height", height);
      while ($chart.firstChild) $chart.removeChild($chart.firstChild);
      function add(tag, attrs, content) {
        var $node = document.createElementNS(SVG, tag);
        Object.keys(attrs).forEach(function (name) { $node.setAttribute(name, attrs[name]); });
        if (content) $node.textContent = content;
        $chart.appendChild($node);
        return $node;
      }
      elements.forEach(function (element, row) {
        var y = row * (36 + gap);
        add("text", { x: 0, y: y + 23, "class": "dpup-chart__label" }, "E" + (row + 1));
        element.criteria.forEach(function (id, column) {
          var level = (state.ratings[id] || {}).level;
          var known = levels.indexOf(level) >= 0;
          var x = label + column * (cell + gap);
          add("rect", { x: x, y: y, width: cell, height: 36, rx: 4, "class": "dpup-chart__cell dpup-chart__cell--" + (known ? level : "none"), "data-criterion-id": id });
          add("text", { x: x + cell / 2, y: y + 23, "text-anchor": "middle", "class": "dpup-chart__letter" }, known ? names[level].charAt(0) : "?");
        });
      });
    }

    function descriptorOf(id, level) {
      return byId[id].$fieldset.querySelector('.dpup-level-option__descriptor[data-level="' + level + '"]');
    }

    function showGaps() {
      var found = A.gaps(criteria.map(function (c) { return c.id; }), state.ratings, levels, state.target);
      $gaps.textContent = "";
      one($root, ".dpup-selfcheck__gaps-empty").textContent = found.length ? "" :
        "No gaps: every rated criterion is at or above " + names[state.target] + ". Rate more criteria or raise the target.";
      found.forEach(function (gap) {
        var c = byId[gap.criterion];
        var $item = document.createElement("li");
        $item.dataset.criterionId = gap.criterion;
        var $title = document.createElement("p");
        $title.innerHTML = "<strong></strong>";
        $title.firstChild.textContent = c.title;
        $title.appendChild(document.createTextNode(" (" + elements.filter(function (e) { return e.id === c.elementId; })[0].title + "). Now: " + names[gap.level] + ". Next: " + names[gap.next] + "."));
        $item.appendChild($title);
        var $next = document.createElement("div");
        $next.className = "dpup-selfcheck__next-descriptor";
        $next.appendChild(descriptorOf(gap.criterion, gap.next).cloneNode(true));
        $item.appendChild($next);
        var $help = c.$fieldset.querySelector(".dpup-selfcheck__help");
        if ($help) $item.appendChild($help.cloneNode(true));
        $gaps.appendChild($item);
      });
      return found;
    }

    function update() {
      showProgress();
      showResults();
      showGaps();
    }

    function renderPlan() {
      $planBody.textContent = "";
      state.plan.forEach(function (row, index) {
        var $row = $rowTemplate.content.firstElementChild.cloneNode(true);
        all($row, "[data-field]").forEach(function ($field) {
          var field = $field.dataset.field;
          $field.value = field === "actions" ? row.actions.join("\n") : row[field];
          $field.setAttribute("aria-label", $field.getAttribute("aria-label") + ", row " + (index + 1));
          $field.addEventListener("input", function () {
            row[field] = field === "actions" ? $field.value.split("\n") : $field.value;
            store.set(NS, "plan", state.plan);
          });
        });
        var $remove = one($row, "[data-action=remove-row]");
        $remove.textContent = "Remove row " + (index + 1);
        $remove.addEventListener("click", function () {
          state.plan.splice(index, 1);
          store.set(NS, "plan", state.plan);
          renderPlan();
          $status.textContent = "Row " + (index + 1) + " removed.";
        });
        $planBody.appendChild($row);
      });
    }

    function addRows(rows) {
      rows.forEach(function (row) { state.plan.push(normaliseRow(row)); });
      store.set(NS, "plan", state.plan);
      renderPlan();
    }

    function exportData() {
      return { format: FORMAT.format, version: FORMAT.version, exported: new Date().toISOString().slice(0, 10),
        target: state.target, ratings: state.ratings, plan: state.plan };
    }

    function csv() {
      var ratingRows = [["Section", "Element", "Criterion ID", "Criterion", "Rating", "Notes"]];
      criteria.forEach(function (c) {
        var element = elements.filter(function (e) { return e.id === c.elementId; })[0];
        var section = sections.filter(function (s) { return s.id === element.sectionId; })[0];
        var rating = state.ratings[c.id] || {};
        ratingRows.push([section.title, element.title, c.id, c.title, rating.level ? names[rating.level] : "", rating.note || ""]);
      });
      var planRows = [["Focus area", "Recommendation", "Action number", "Planned action", "Owner", "Due date", "Status"]];
      A.numberedActions(state.plan).forEach(function (entry) {
        var row = entry.row;
        planRows.push([row.focusArea, row.recommendation, entry.number, entry.action, row.owner, row.due,
          STATUS_LABELS[row.status]]);
      });
      return A.toCsv([ratingRows, planRows]);
    }

    function importFile(file) {
      $error.textContent = "";
      file.text().then(function (content) {
        var result = A.validateImport(content, { format: FORMAT.format, version: FORMAT.version, label: FORMAT.label,
          levels: levels, answers: answers, criteria: Object.keys(byId) });
        if (!result.ok) {
          $error.textContent = "That file could not be imported: " + result.error + " Your current answers are unchanged.";
          return;
        }
        state.ratings = {};
        Object.keys(result.ratings).forEach(function (id) {
          state.ratings[id] = { level: text(result.ratings[id].level), note: text(result.ratings[id].note) };
        });
        state.plan = result.plan.map(normaliseRow);
        if (result.target) state.target = result.target;
        saveAll();
        showAnswers();
        renderPlan();
        update();
        var count = A.countRated(Object.keys(state.ratings), state.ratings, levels);
        $status.textContent = "Imported " + count + " ratings from the file." +
          (result.skipped.length ? " Skipped " + result.skipped.length + " for criteria this site does not have." : "");
      });
    }

    criteria.forEach(function (c) {
      function remember() {
        var $chosen = c.$radios.filter(function ($radio) { return $radio.checked; })[0];
        state.ratings[c.id] = { level: $chosen ? $chosen.value : "", note: c.$note.value };
        store.set(NS, c.id, state.ratings[c.id]);
      }
      c.$radios.forEach(function ($radio) {
        $radio.addEventListener("change", function () {
          remember();
          update();
          // Confirm each rating to screen reader users, who cannot glance at the progress bar.
          $status.textContent = one($root, ".dpup-selfcheck__count").textContent;
        });
      });
      c.$note.addEventListener("input", remember);
    });
    $target.addEventListener("change", function () {
      state.target = $target.value;
      store.set(NS, "target", state.target);
      showGaps();
    });
    one($root, "[data-action=add-gaps]").addEventListener("click", function () {
      var planned = state.plan.map(function (row) { return row.criterion; });
      var rows = showGaps().filter(function (gap) { return planned.indexOf(gap.criterion) < 0; }).map(function (gap) {
        var c = byId[gap.criterion];
        return { focusArea: elements.filter(function (e) { return e.id === c.elementId; })[0].title,
          recommendation: "Move " + c.title + " from " + names[gap.level] + " to " + names[gap.next],
          criterion: gap.criterion };
      });
      addRows(rows);
      $status.textContent = rows.length ? rows.length + " rows added to the plan." : "Every gap is already in the plan.";
    });
    one($root, "[data-action=add-row]").addEventListener("click", function () {
      addRows([{}]);
      $planBody.lastElementChild.querySelector("[data-field]").focus();
    });
    one($root, "[data-action=csv]").addEventListener("click", function () {
      store.download("dpup-self-check.csv", csv(), "text/csv;charset=utf-8");
    });
    one($root, "[data-action=json]").addEventListener("click", function () {
      store.download("dpup-self-check.json", JSON.stringify(exportData(), null, 2), "application/json");
    });
    one($root, "[data-action=print]").addEventListener("click", function () { window.print(); });
    one($root, "[data-action=clear]").addEventListener("click", function () {
      store.clear(NS);
      state = { ratings: {}, plan: [], target: $root.dataset.defaultTarget };
      showAnswers();
      renderPlan();
      update();
      $status.textContent = "Your answers have been cleared.";
    });
    var $import = one($root, ".dpup-selfcheck__import");
    $import.addEventListener("change", function () {
      if ($import.files.length) importFile($import.files[0]);
      $import.value = "";
    });
    $root.addEventListener("submit", function (event) { event.preventDefault(); });

    load();
    showAnswers();
    renderPlan();
    update();
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.selfcheck = initSelfCheck;
})(window.DPUP = window.DPUP || {});
