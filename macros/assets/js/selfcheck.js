/* The maturity self-check's page: enhances the server-rendered form into steps, keeps it in step
   with the saved state, and draws results, plan, comparison and the printed report. The rules
   (levels, plan rows, files, CSV) are in selfcheck-core.js; saving is answers-store.js.
   The structure (elements, criteria, levels, rule) is read from the markup, never hard-coded. */
(function (DPUP) {
  "use strict";
  var NS = "selfcheck";
  var SVG = "http://www.w3.org/2000/svg";
  var FALLBACK_COLOURS = ["#f6d5a8", "#b8d3f2", "#9fd8ad", "#d9c2ef", "#f2b8c6"];

  function all($root, selector) { return Array.prototype.slice.call($root.querySelectorAll(selector)); }
  function one($root, selector) {
    var $found = $root.querySelector(selector);
    if (!$found) throw new Error("DPUP self-check: missing " + selector);
    return $found;
  }
  /* make("p", {className: "x"}, "text", [$child]): text is always text, never HTML. */
  function make(tag, props, content) {
    var $node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name.indexOf("data-") === 0 || name.indexOf("aria-") === 0 || name === "scope" || name === "role") $node.setAttribute(name, props[name]);
      else $node[name] = props[name];
    });
    [].concat(content === undefined ? [] : content).forEach(function (part) {
      $node.appendChild(typeof part === "string" || typeof part === "number" ? document.createTextNode(String(part)) : part);
    });
    return $node;
  }
  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? "" : date.toLocaleString("en-NZ", { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
  }
  function lowerFirst(text) { return text.charAt(0).toLowerCase() + text.slice(1); }
  function dateText(value, month) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toLocaleDateString("en-NZ",
      { day: "numeric", month: month || "long", year: "numeric", timeZone: "UTC" }) : "";
  }

  function readStructure($root) {
    var levels = JSON.parse($root.dataset.levels);
    var colours = JSON.parse($root.dataset.levelColours || "[]");
    var structure = { levels: levels, names: JSON.parse($root.dataset.levelNames), defaultTarget: $root.dataset.defaultTarget,
      rules: { element: $root.dataset.ruleElement, section: $root.dataset.ruleSection }, colours: new Map(), sections: [] };
    levels.forEach(function (id, i) { structure.colours.set(id, colours[i] || FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]); });
    structure.elements = all($root, "section.dpup-selfcheck__element").map(function ($section) {
      if (!structure.sections.some(function (s) { return s.id === $section.dataset.sectionId; })) {
        structure.sections.push({ id: $section.dataset.sectionId, title: $section.dataset.sectionTitle });
      }
      return { id: $section.dataset.elementId, title: $section.dataset.elementTitle, number: $section.dataset.elementNumber,
        sectionId: $section.dataset.sectionId, $section: $section,
        criteria: all($section, "fieldset.dpup-selfcheck__criterion").map(function ($f) { return $f.dataset.criterionId; }) };
    });
    structure.criteria = all($root, "fieldset.dpup-selfcheck__criterion").map(function ($fieldset) {
      return { id: $fieldset.dataset.criterionId, title: $fieldset.dataset.criterionTitle, label: $fieldset.dataset.criterionLabel,
        elementId: $fieldset.closest("[data-element-id]").dataset.elementId, $fieldset: $fieldset,
        $radios: all($fieldset, "input[type=radio]"), $note: one($fieldset, "textarea") };
    });
    return structure;
  }

  function initSelfCheck($root) {
    var core = DPUP.selfcheckCore;
    var A = DPUP.assess;
    var store = DPUP.answerStore;
    var S = readStructure($root);
    var byCriterion = new Map(S.criteria.map(function (c) { return [c.id, c]; }));
    var byElement = new Map(S.elements.map(function (e) { return [e.id, e]; }));
    var $steps = all($root, "[data-step]");
    var $planRows = one($root, ".dpup-plan-builder__rows");
    var $rowTemplate = one($root, "template.dpup-plan-builder__row");
    var $dialog = one($root, "dialog.dpup-dialog");
    var $report = one($root, ".dpup-report");
    var $errors = one($root, ".dpup-selfcheck__errors");
    var colleagues = [];
    var undo = store.get(NS, "undo");
    var removedRow = null;  // the plan row removed last, with its place, until it is put back
    var saveFailed = false;
    var askedToPersist = false;
    var current = 0;
    var reportTimer = null;
    var state = load();

    function message(name, text) { one($root, '[data-message="' + name + '"]').textContent = text; }

    /* ---- Saving ---- */
    function load() {
      var saved = store.get(NS, "state");
      if (saved) return core.normaliseState(saved, S);
      // Version 1 kept one key per criterion plus "plan" and "target": write the new single
      // entry first and remove the old keys only once that has worked.
      var old = store.entries(NS);
      var ratings = {};
      Object.keys(old).forEach(function (id) { if (byCriterion.has(id)) ratings[id] = old[id]; });
      var migrated = core.normaliseState({ ratings: ratings, plan: old.plan, target: old.target }, S);
      if (Object.keys(old).length && store.set(NS, "state", migrated)) {
        Object.keys(old).forEach(function (id) { if (id !== "undo" && id !== "state") store.remove(NS, id); });
      }
      return migrated;
    }

    function save() {
      var previousSave = state.savedAt;
      state.savedAt = new Date().toISOString();
      saveFailed = !store.set(NS, "state", state);
      if (saveFailed) state.savedAt = previousSave;
      showSaved();
      scheduleReport();
      if (!saveFailed && !askedToPersist) {
        askedToPersist = true;
        store.persist();
      }
    }

    function showSaved() {
      var $line = one($root, ".dpup-selfcheck__saved");
      var parts = [];
      if (saveFailed) parts.push("Not saved: this browser refused to store your latest changes.");
      parts.push(state.savedAt ? "Last saved in this browser: " + when(state.savedAt) + "." : "Nothing saved in this browser yet.");
      parts.push("Last downloaded copy: " + (state.downloadedAt ? when(state.downloadedAt) : "none yet") + ".");
      var behind = !core.isEmpty(S, state) && (!state.downloadedAt || state.downloadedAt < state.savedAt || saveFailed);
      if (behind) parts.push("Some browsers delete saved data after a week without a visit, so keep a downloaded copy.");
      one($line, ".dpup-selfcheck__saved-text").textContent = parts.join(" ");
      one($line, ".dpup-selfcheck__nudge").hidden = !behind;
      $line.hidden = false;
    }

    function showErrors(problems, $control) {
      var $list = one($errors, "ul");
      $list.textContent = "";
      problems.forEach(function (problem) {
        $list.appendChild(make("li", {}, make("a", { href: "#" + $control.id }, problem)));
      });
      $errors.hidden = problems.length === 0;
      if (problems.length) $errors.focus();
    }

    /* Replace the whole state (import, clear, undo), keeping the old one as the undo copy:
       the new state is written before anything is dropped, and a failed write changes nothing stored. */
    function replaceState(next, action) {
      var before = state;
      removedRow = null;
      next.previous = next.previous || before.previous;
      next.downloadedAt = before.downloadedAt;
      state = next;
      save();
      // The old state becomes the undo copy, kept in memory even if storage refuses it.
      undo = { action: action, at: new Date().toISOString(), state: before };
      store.set(NS, "undo", undo);
      renderAll();
      showUndo();
    }

    function showUndo() {
      var $undo = one($root, "[data-action=undo]");
      $undo.hidden = !undo || !undo.state;
      if (undo && undo.state) {
        var names = { clear: "Undo the clear", "import": "Undo the import", undo: "Redo what was undone" };
        // The saved action is untrusted: "constructor" must not name a property of Object.
        $undo.textContent = Object.hasOwn(names, undo.action) ? names[undo.action] : "Undo";
      }
    }

    /* ---- Dialogs: a question with buttons; Escape or "Keep" answers no ---- */
    function ask(title, paragraphs, choices) {
      one($dialog, "h2").textContent = title;
      var $text = one($dialog, "#sc-dialog-text");
      $text.textContent = "";
      paragraphs.forEach(function (p) { $text.appendChild(make("p", {}, p)); });
      var $buttons = one($dialog, ".dpup-dialog__buttons");
      $buttons.textContent = "";
      return new Promise(function (resolve) {
        choices.forEach(function (choice) {
          var $button = make("button", { type: "button", className: "dpup-button" + (choice.style ? " dpup-button--" + choice.style : "") }, choice.label);
          $button.addEventListener("click", function () {
            if (choice.keepOpen) { choice.action($text); return; }
            $dialog.close(choice.value);
          });
          $buttons.appendChild($button);
        });
        $dialog.addEventListener("close", function done() {
          $dialog.removeEventListener("close", done);
          resolve($dialog.returnValue || "keep");
        });
        $dialog.returnValue = "";
        $dialog.showModal();
        $buttons.querySelector(".dpup-button--safe").focus();
      });
    }

    /* ---- Steps ---- */
    function stepTitle($step) { return $step.querySelector("h2").textContent; }

    function showStep(index, focus) {
      current = Math.max(0, Math.min(index, $steps.length - 1));
      $steps.forEach(function ($step, i) { $step.hidden = i !== current; });
      all($root, ".dpup-selfcheck__steps a").forEach(function ($link) {
        if ($link.dataset.stepLink === $steps[current].id) $link.setAttribute("aria-current", "step");
        else $link.removeAttribute("aria-current");
      });
      var $previous = one($root, "[data-action=previous-step]"), $next = one($root, "[data-action=next-step]");
      $previous.hidden = current === 0;
      $next.hidden = current === $steps.length - 1;
      if (current > 0) $previous.textContent = "Previous: " + stepTitle($steps[current - 1]);
      if (current < $steps.length - 1) $next.textContent = "Next: " + stepTitle($steps[current + 1]);
      if (focus) {
        var $heading = $steps[current].querySelector("h2");
        $heading.tabIndex = -1;
        // Bring the step, not the list of steps, to the top of the screen, below the site's header
        // (the step's scroll-margin-top in widgets.css).
        $steps[current].scrollIntoView({ block: "start" });
        $heading.focus({ preventScroll: true });
      }
    }

    function showTarget(id, focus) {
      var $target = id && document.getElementById(id);
      var $step = $target && $target.closest("[data-step]");
      if (!$step || !$root.contains($step)) return false;
      showStep($steps.indexOf($step), $target === $step && focus);
      if ($target !== $step && focus) {
        var $focusable = $target.matches("input, textarea, select, button") ? $target : $target.querySelector("input, textarea, select, button");
        ($focusable || $target).focus();
      }
      return true;
    }

    /* ---- Drawing ---- */
    function ratingOf(id) { return Object.hasOwn(state.ratings, id) ? state.ratings[id] : { level: "", note: "" }; }
    function levelName(level) { return level ? core.nameOf(S, level) : "Not rated"; }

    function renderAnswers() {
      S.criteria.forEach(function (c) {
        var rating = ratingOf(c.id);
        c.$radios.forEach(function ($radio) { $radio.checked = $radio.value === rating.level; });
        if (c.$note !== document.activeElement) c.$note.value = rating.note || "";
      });
      S.elements.forEach(function (e) {
        var comments = state.elements[e.id] || {};
        all(e.$section, "[data-comment]").forEach(function ($box) {
          if ($box !== document.activeElement) $box.value = comments[$box.dataset.comment] || "";
        });
      });
      all($root, "[data-about]").forEach(function ($input) {
        if ($input !== document.activeElement) $input.value = state.about[$input.dataset.about] || "";
      });
      one($root, ".dpup-selfcheck__target").value = state.target;
    }

    function renderProgress() {
      var rated = A.countRated(S.criteria.map(function (c) { return c.id; }), state.ratings, S.levels);
      one($root, ".dpup-selfcheck__count").textContent = rated + " of " + S.criteria.length + " criteria rated";
      one($root, ".dpup-selfcheck__bar").value = rated;
      S.elements.forEach(function (e) {
        var status = core.elementStatus(S, e, state);
        all($root, '[data-element-id="' + e.id + '"] .dpup-selfcheck__element-status, [data-element-id="' + e.id + '"] .dpup-selfcheck__step-status')
          .forEach(function ($status) { $status.textContent = status.label; $status.dataset.status = status.status; });
        one($root, '.dpup-selfcheck__overview [data-element-id="' + e.id + '"] .dpup-selfcheck__element-count').textContent =
          status.rated + " of " + status.total + " rated";
      });
    }

    function announceElement(element) {
      var status = core.elementStatus(S, element, state);
      element.$section.querySelector(".dpup-selfcheck__element-progress").textContent =
        status.rated + " of " + status.total + " criteria rated in this element; " +
        one($root, ".dpup-selfcheck__count").textContent + " in all.";
    }

    function renderResults() {
      var found = core.levels(S, state.ratings);
      var comparison = core.compare(S, state);
      S.criteria.forEach(function (c) {
        var $cell = $root.querySelector('.dpup-selfcheck__ratings [data-criterion-id="' + c.id + '"] .dpup-selfcheck__rating');
        var text = levelName(ratingOf(c.id).level);
        if (comparison) text += " (" + comparison.label + ": " + comparison.criteria[c.id].previous + "; " + lowerFirst(comparison.criteria[c.id].text) + ")";
        $cell.textContent = text;
      });
      S.elements.forEach(function (e) {
        var text = found.elements[e.id] ? S.names[found.elements[e.id]] : "Not yet rated";
        if (comparison) text += " (" + comparison.label + ": " + comparison.elements[e.id].previous + "; " + lowerFirst(comparison.elements[e.id].text) + ")";
        one($root, 'td.dpup-selfcheck__element-level[data-element-id="' + e.id + '"]').textContent = text;
      });
      S.sections.forEach(function (section) {
        var level = found.sections[section.id];
        one($root, '.dpup-selfcheck__section-level[data-section-id="' + section.id + '"]').textContent =
          section.title + ": " + (level ? S.names[level] : "not yet rated (every criterion needs a level)");
      });
      drawChart(one($root, ".dpup-selfcheck__chart"), comparison);
    }

    function letter(level) {
      if (level === "unsure") return "?";
      return S.levels.indexOf(level) >= 0 ? S.names[level].charAt(0) : "–";
    }

    /* A heat map: one row per element, named; one cell per criterion, with its letter (and last
       year's letter when comparing), so colour only repeats what the letters say. */
    function drawChart($chart, comparison) {
      var cell = 72, gap = 4, label = 250, rowHeight = 48;
      var widest = Math.max.apply(null, S.elements.map(function (e) { return e.criteria.length; }));
      var width = label + widest * (cell + gap), height = S.elements.length * (rowHeight + gap);
      $chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      $chart.setAttribute("width", width);
      $chart.setAttribute("height", height);
      $chart.textContent = "";
      function add(tag, attrs, content) {
        var $node = document.createElementNS(SVG, tag);
        Object.keys(attrs).forEach(function (name) { $node.setAttribute(name, attrs[name]); });
        if (content) $node.textContent = content;
        $chart.appendChild($node);
        return $node;
      }
      S.elements.forEach(function (element, row) {
        var y = row * (rowHeight + gap);
        var words = (element.number + ". " + element.title).split(" "), lines = [""];
        words.forEach(function (word) {
          if ((lines[lines.length - 1] + " " + word).length > 27 && lines[lines.length - 1]) lines.push(word);
          else lines[lines.length - 1] = (lines[lines.length - 1] + " " + word).trim();
        });
        lines.slice(0, 2).forEach(function (line, i) {
          add("text", { x: 0, y: y + (lines.length > 1 ? 20 + i * 18 : 29), "class": "dpup-chart__label" }, line);
        });
        element.criteria.forEach(function (id, column) {
          var level = ratingOf(id).level;
          var x = label + column * (cell + gap);
          add("rect", { x: x, y: y, width: cell, height: rowHeight, rx: 4, fill: S.colours.get(level) || (level === "unsure" ? "#fff" : "#e6e8eb"),
            stroke: "#5c6b7a", "stroke-dasharray": level === "unsure" ? "4 3" : "none", "class": "dpup-chart__cell", "data-criterion-id": id });
          add("text", { x: x + cell / 2, y: y + (comparison ? 22 : 30), "text-anchor": "middle", "class": "dpup-chart__letter" }, letter(level));
          if (comparison) {
            add("text", { x: x + cell / 2, y: y + 41, "text-anchor": "middle", "class": "dpup-chart__was" },
              "was " + letter(state.previous.ratings[id] ? state.previous.ratings[id].level : ""));
          }
        });
      });
    }

    function renderGaps() {
      var $gaps = one($root, ".dpup-selfcheck__gaps");
      var found = A.gaps(S.criteria.map(function (c) { return c.id; }), state.ratings, S.levels, state.target);
      $gaps.textContent = "";
      one($root, ".dpup-selfcheck__gaps-empty").textContent = found.length ? "" :
        "No gaps: every rated criterion is at or above " + S.names[state.target] + ". Rate more criteria or raise the target.";
      found.forEach(function (gap) {
        var c = byCriterion.get(gap.criterion);
        var $item = make("li", { "data-criterion-id": gap.criterion }, make("p", {}, [make("strong", {}, c.title),
          " (" + byElement.get(c.elementId).title + "). Now: " + S.names[gap.level] + ". Next: " + S.names[gap.next] + "."]));
        var $descriptor = c.$fieldset.querySelector('.dpup-level-option__descriptor[data-level="' + gap.next + '"]');
        $item.appendChild(make("div", { className: "dpup-selfcheck__next-descriptor" }, $descriptor.cloneNode(true)));
        var $help = c.$fieldset.querySelector(".dpup-selfcheck__help");
        if ($help) $item.appendChild($help.cloneNode(true));
        $gaps.appendChild($item);
      });
    }

    function checkRow(row, $row) {
      var problem = row.status === "no-action" && !row.reason.trim() ? "Give a reason for taking no action." : "";
      one($row, ".dpup-plan-row__problem").textContent = problem;
      one($row, ".dpup-plan-row__reason").hidden = row.status !== "no-action" && !row.reason;
    }

    function renderPlan() {
      $planRows.textContent = "";
      state.plan.forEach(function (row, index) {
        var $row = $rowTemplate.content.firstElementChild.cloneNode(true);
        var number = index + 1;
        one($row, "legend").textContent = "Plan row " + number + (row.focusArea ? ": " + row.focusArea : "");
        if (row.carriedFrom) {
          var $carried = one($row, ".dpup-plan-row__carried");
          $carried.textContent = "Carried over from " + row.carriedFrom + ".";
          $carried.hidden = false;
        }
        all($row, "[data-field]").forEach(function ($field) {
          var field = $field.dataset.field;
          $field.id = "sc-plan-" + number + "-" + field;
          $row.querySelector('label[data-for="' + field + '"]').htmlFor = $field.id;
          $field.value = field === "actions" ? row.actions.join("\n") : row[field];
          $field.addEventListener(field === "status" ? "change" : "input", function () {
            row[field] = field === "actions" ? $field.value.split("\n") : $field.value;
            if (field === "focusArea") one($row, "legend").textContent = "Plan row " + number + (row.focusArea ? ": " + row.focusArea : "");
            checkRow(row, $row);
            save();
          });
        });
        one($row, ".dpup-plan-row__problem").id = "sc-plan-" + number + "-problem";
        one($row, "[data-field=reason]").setAttribute("aria-describedby", "sc-plan-" + number + "-problem");
        checkRow(row, $row);
        var $remove = one($row, "[data-action=remove-row]");
        $remove.textContent = "Remove row " + number;
        $remove.addEventListener("click", function () {
          // One click removes a row with all its actions: it can be put back until the next removal.
          removedRow = { index: index, row: state.plan.splice(index, 1)[0] };
          save();
          renderPlan();
          message("plan", "Row " + number + " removed" + (row.focusArea ? " (" + row.focusArea + ")" : "") + ".");
          one($root, "[data-action=restore-row]").focus();
        });
        $planRows.appendChild($row);
      });
      one($root, "[data-action=carry-over]").hidden = core.openActions(state).length === 0;
      var $restore = one($root, "[data-action=restore-row]");
      $restore.hidden = !removedRow;
      if (removedRow) $restore.textContent = "Put back row " + (removedRow.index + 1) +
        (removedRow.row.focusArea ? " (" + removedRow.row.focusArea + ")" : "");
    }

    function renderCompare() {
      var $forget = one($root, "[data-action=forget-previous]");
      $forget.hidden = !state.previous;
      if (state.previous) one($root, "#sc-previous-label").value = state.previous.label;
    }

    function renderConsolidation() {
      var $box = one($root, ".dpup-selfcheck__consolidation");
      $box.hidden = colleagues.length === 0;
      $box.textContent = "";
      if (!colleagues.length) return;
      var people = [{ name: "You", ratings: state.ratings }].concat(colleagues);
      var rows = core.consolidate(S, people);
      var differ = rows.filter(function (r) { return !r.agree && !r.unrated; }).length;
      var unrated = rows.filter(function (r) { return r.unrated; }).length;
      $box.appendChild(make("p", {}, (differ ? differ + " of " + rows.length + " criteria have different ratings. Choose the agreed rating for each." :
        "No criterion has different ratings.") + (unrated ? " " + unrated + " not rated by anyone yet." : "")));
      var $head = make("tr", {}, [make("th", { scope: "col" }, "Criterion")].concat(people.map(function (p) {
        return make("th", { scope: "col" }, p.name);
      }), [make("th", { scope: "col" }, "Agreement"), make("th", { scope: "col" }, "Agreed rating")]));
      var $body = make("tbody");
      rows.forEach(function (r) {
        var c = byCriterion.get(r.criterion);
        var name = c.label + ", " + c.title + " (" + byElement.get(c.elementId).title + ")";
        var $select = make("select", { id: "sc-agreed-" + c.id, "aria-label": "Agreed rating for " + name });
        [""].concat(S.levels, ["unsure"]).forEach(function (level) {
          $select.appendChild(make("option", { value: level, selected: ratingOf(c.id).level === level }, level ? levelName(level) : "Choose"));
        });
        $select.addEventListener("change", function () {
          state.ratings[c.id] = { level: $select.value, note: ratingOf(c.id).note };
          save();
          renderAnswers();
          renderAfterRating();
          renderConsolidation();
          message("colleagues", "Agreed rating for " + c.title + ": " + levelName($select.value) + ".");
        });
        var differs = !r.agree && !r.unrated;
        $body.appendChild(make("tr", { "data-criterion-id": c.id, className: differs ? "dpup-selfcheck__differ" : "" },
          [make("th", { scope: "row" }, name)].concat(r.ratings.map(function (level) { return make("td", {}, levelName(level)); }),
            [make("td", {}, r.agree ? "Agree" : r.unrated ? "Not rated yet" : "Differ"), make("td", {}, $select)])));
      });
      $box.appendChild(make("div", { className: "dpup-selfcheck__scroll", tabIndex: 0, "role": "region", "aria-label": "Ratings side by side" },
        make("table", { className: "dpup-selfcheck__side-by-side" }, [make("caption", {}, "Ratings side by side"), make("thead", {}, $head), $body])));
    }

    function renderAfterRating() {
      renderProgress();
      renderResults();
      renderGaps();
    }

    function renderAll() {
      renderAnswers();
      renderAfterRating();
      renderPlan();
      renderCompare();
      renderConsolidation();
      showSaved();
      scheduleReport();
    }

    /* ---- The printed report: built from the state, so paper never shows form controls ---- */
    function scheduleReport() {
      clearTimeout(reportTimer);
      reportTimer = setTimeout(renderReport, 300);
    }

    function renderReport() {
      clearTimeout(reportTimer);
      var found = core.levels(S, state.ratings);
      var comparison = core.compare(S, state);
      var about = state.about;
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
      drawChart($svg, comparison);
      $map.appendChild($svg);
      $map.appendChild(make("p", { className: "dpup-report__key" }, "Letters: " + S.levels.map(function (l) { return letter(l) + " " + S.names[l]; }).join(", ") +
        ", ? Not sure yet, – not rated" + (comparison ? "; “was” gives " + comparison.label + "’s rating." : ".")));
      // The heat map as a table: the same rows (elements) and cells (criteria), in words.
      var widest = Math.max.apply(null, S.elements.map(function (e) { return e.criteria.length; }));
      var $mapBody = make("tbody");
      S.elements.forEach(function (e) {
        var cells = [make("th", { scope: "row" }, e.number + ". " + e.title)];
        for (var i = 0; i < widest; i++) {
          var id = e.criteria[i];
          var text = id ? levelName(ratingOf(id).level) : "";
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
          var c = byCriterion.get(id), rating = ratingOf(id);
          var line = c.label + ", " + c.title + ": " + levelName(rating.level);
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
          var status = core.statusName(row.status) + (row.status === "no-action" && row.reason ? ": " + row.reason : "");
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
    }

    /* ---- Files ---- */
    function today() { return new Date().toISOString().slice(0, 10); }

    function downloaded(name) {
      state.downloadedAt = new Date().toISOString();
      save();
      message("save", "Downloaded " + name + ". Keep it somewhere safe, such as your agency’s document system.");
    }

    function downloadJson() {
      var name = "dpup-self-check-" + today() + ".json";
      store.download(name, JSON.stringify(core.exportState(state, today()), null, 2), "application/json");
      downloaded(name);
    }

    function readFile(file) {
      if (file.size > core.MAX_FILE_BYTES) return Promise.resolve(core.validateFile("", S, file.size));
      return file.text().then(function (content) { return core.validateFile(content, S, file.size); })
        .catch(function () {  // unreadable (moved, locked) or a check that failed: say so, change nothing
          return { ok: false, errors: ["The file could not be read as a self-check file."] };
        });
    }

    function importFile(file) {
      var $input = one($root, "#sc-import");
      one($root, "#sc-import-error").textContent = "";
      message("import", "");
      readFile(file).then(function (result) {
        if (!result.ok) {
          var intro = file.name + " could not be imported; your answers are unchanged.";
          one($root, "#sc-import-error").textContent = intro + " " + result.errors.join(" ");
          showErrors([intro].concat(result.errors), $input);
          return;
        }
        showErrors([], $input);
        var changes = core.importChanges(S, state, result.state);
        var confirmed = core.isEmpty(S, state) ? Promise.resolve("replace") : ask("Replace your answers with this file?", [
          "Importing " + file.name + " replaces everything you have entered in this browser.",
          changes.ratings + " of " + S.criteria.length + " ratings and " + changes.notes + " notes would change; the plan would go from " +
            changes.planBefore + " to " + changes.planAfter + " rows.",
          "You can undo the import afterwards."],
          [{ label: "Replace my answers", value: "replace" }, { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" }]);
        confirmed.then(function (choice) {
          if (choice !== "replace") { message("import", "Nothing imported; your answers are unchanged."); return; }
          replaceState(result.state, "import");
          message("import", "Imported " + A.countRated(Object.keys(state.ratings), state.ratings, S.levels) + " ratings and " + state.plan.length +
            " plan rows from " + file.name + "." + (result.skipped.length ? " Skipped " + result.skipped.length + " ratings for criteria this site does not have." : ""));
        });
      });
    }

    function loadPrevious(file) {
      readFile(file).then(function (result) {
        if (!result.ok) { message("previous", file.name + " could not be loaded: " + result.errors.join(" ")); return; }
        var label = one($root, "#sc-previous-label").value.trim() || result.state.about.period || "Last year";
        state.previous = { label: label, ratings: result.state.ratings, plan: result.state.plan };
        save();
        renderAll();
        message("previous", "Comparing with " + label + " (" + A.countRated(Object.keys(state.previous.ratings), state.previous.ratings, S.levels) +
          " ratings, " + core.openActions(state).length + " open actions). The results, heat map and report now show both.");
      });
    }

    /* The same person's file twice (chosen again, or a copy) is one colleague, not two columns that
       always agree; the same name with other ratings is a second file, told apart by a number. */
    function sameRatings(a, b) {
      return S.criteria.every(function (c) {
        var x = Object.hasOwn(a, c.id) ? a[c.id] : {}, y = Object.hasOwn(b, c.id) ? b[c.id] : {};
        return (x.level || "") === (y.level || "") && (x.note || "") === (y.note || "");
      });
    }

    function loadColleagues(files) {
      Promise.all(files.map(function (file) { return readFile(file).then(function (r) { return { file: file, result: r }; }); })).then(function (loaded) {
        var problems = [];
        var added = 0;
        loaded.forEach(function (entry) {
          if (!entry.result.ok) { problems.push(entry.file.name + " could not be loaded: " + entry.result.errors.join(" ")); return; }
          var name = entry.result.state.about.assessor || entry.file.name.replace(/\.json$/i, "");
          var ratings = entry.result.state.ratings;
          var twin = colleagues.filter(function (c) { return c.baseName === name && sameRatings(c.ratings, ratings); })[0];
          if (twin) { problems.push(entry.file.name + " is the same as a file already loaded (" + twin.name + ")."); return; }
          var namesakes = colleagues.filter(function (c) { return c.baseName === name; }).length;
          colleagues.push({ baseName: name, name: namesakes ? name + " (" + (namesakes + 1) + ")" : name, ratings: ratings });
          added += 1;
        });
        renderConsolidation();
        message("colleagues", added + (added === 1 ? " file" : " files") + " loaded. " + problems.join(" "));
      });
    }

    /* ---- Events ---- */
    S.criteria.forEach(function (c) {
      var element = byElement.get(c.elementId);
      function remember() {
        var $chosen = c.$radios.filter(function ($radio) { return $radio.checked; })[0];
        state.ratings[c.id] = { level: $chosen ? $chosen.value : "", note: c.$note.value };
        save();
      }
      c.$radios.forEach(function ($radio) {
        $radio.addEventListener("change", function () {
          remember();
          renderAfterRating();
          announceElement(element);
        });
      });
      c.$note.addEventListener("input", function () {
        remember();
        renderProgress();
      });
    });
    S.elements.forEach(function (e) {
      all(e.$section, "[data-comment]").forEach(function ($box) {
        $box.addEventListener("input", function () {
          if (!Object.hasOwn(state.elements, e.id)) state.elements[e.id] = { achievements: "", challenges: "", focus: "" };
          state.elements[e.id][$box.dataset.comment] = $box.value;
          save();
        });
      });
    });
    all($root, "[data-about]").forEach(function ($input) {
      $input.addEventListener("input", function () {
        state.about[$input.dataset.about] = $input.value;
        save();
      });
    });
    one($root, ".dpup-selfcheck__target").addEventListener("change", function (event) {
      state.target = event.target.value;
      save();
      renderGaps();
    });
    $root.addEventListener("click", function (event) {
      var $link = event.target.closest('a[href^="#"]');
      if ($link && showTarget($link.getAttribute("href").slice(1), true)) event.preventDefault();
    });

    var actions = {
      "previous-step": function () { showStep(current - 1, true); },
      "next-step": function () { showStep(current + 1, true); },
      "add-gaps": function () {
        var rows = core.gapRows(S, state);
        state.plan = state.plan.concat(rows);
        save();
        renderPlan();
        message("plan", rows.length ? rows.length + " rows added to the plan." : "Every gap is already in the plan.");
      },
      "add-row": function () {
        state.plan.push(core.normaliseRow({}));
        save();
        renderPlan();
        $planRows.lastElementChild.querySelector("[data-field]").focus();
      },
      "restore-row": function () {
        if (!removedRow) return;
        var at = Math.min(removedRow.index, state.plan.length);
        state.plan.splice(at, 0, removedRow.row);
        removedRow = null;
        save();
        renderPlan();
        message("plan", "Row " + (at + 1) + " is back.");
        $planRows.children[at].querySelector("[data-field]").focus();
      },
      "carry-over": function () {
        var rows = core.openActions(state);
        state.plan = state.plan.concat(rows);
        save();
        renderPlan();
        message("plan", rows.length + " open actions carried over from " + state.previous.label + ".");
      },
      "forget-previous": function () {
        state.previous = null;
        save();
        renderAll();
        message("previous", "No longer comparing with last year.");
      },
      json: downloadJson,
      "ratings-csv": function () {
        var name = "dpup-self-check-ratings-" + today() + ".csv";
        store.download(name, core.ratingsCsv(S, state), "text/csv;charset=utf-8");
        downloaded(name);
      },
      "plan-csv": function () {
        var name = "dpup-self-check-plan-" + today() + ".csv";
        store.download(name, core.planCsv(state), "text/csv;charset=utf-8");
        downloaded(name);
      },
      print: function () {
        renderReport();
        window.print();
      },
      clear: function () {
        if (core.isEmpty(S, state)) { message("clear", "There is nothing to clear."); return; }
        var rated = A.countRated(Object.keys(state.ratings), state.ratings, S.levels);
        ask("Clear all your answers?", [
          "This removes " + rated + " ratings, every note and comment, the cover details and " + state.plan.length + " plan rows from this browser.",
          "You can undo it afterwards, but download a copy first if you may need these answers later."],
          [{ label: "Download a copy first", keepOpen: true, style: "secondary", action: function ($text) {
            downloadJson();
            $text.appendChild(make("p", { role: "status" }, "Copy downloaded."));
          } },
          { label: "Clear my answers", value: "clear", style: "danger" },
          { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" }]).then(function (choice) {
          if (choice !== "clear") { message("clear", "Nothing cleared; your answers are unchanged."); return; }
          replaceState(core.emptyState(S), "clear");
          message("clear", "Your answers have been cleared. Use “Undo the clear” to bring them back.");
        });
      },
      undo: function () {
        if (!undo || !undo.state) return;
        var restored = core.normaliseState(undo.state, S);
        var was = undo.action;
        replaceState(restored, "undo");
        message("clear", was === "undo" ? "Done again." : "Your answers are back as they were before the " + (was === "import" ? "import." : "clear."));
      }
    };
    $root.addEventListener("click", function (event) {
      var $button = event.target.closest("button[data-action]");
      if ($button && actions[$button.dataset.action]) actions[$button.dataset.action]();
    });
    all($root, "input[type=file][data-file]").forEach(function ($input) {
      $input.addEventListener("change", function () {
        var files = Array.prototype.slice.call($input.files);
        if (files.length) ({ "import": function () { importFile(files[0]); }, previous: function () { loadPrevious(files[0]); },
          colleagues: function () { loadColleagues(files); } })[$input.dataset.file]();
        $input.value = "";
      });
    });
    $root.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("beforeprint", renderReport);
    store.onFailure(function () { saveFailed = true; showSaved(); });
    // Another tab saved: take its state, so neither tab overwrites the other's answers.
    store.watch(NS, "state", function (value) {
      // A removed row can still be put back after the other tab's save (its place is clamped).
      state = core.normaliseState(value, S);
      renderAll();
      message("sync", "Updated with changes made in another tab or window.");
    });
    store.watch(NS, "undo", function (value) { undo = value; showUndo(); });

    $root.classList.add("dpup-selfcheck--steps");
    all($root, ".dpup-selfcheck__js-only").forEach(function ($part) { $part.hidden = false; });
    renderAll();
    showUndo();
    if (!showTarget(location.hash.slice(1), false)) showStep(0, false);
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.selfcheck = initSelfCheck;
})(window.DPUP = window.DPUP || {});
