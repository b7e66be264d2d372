/* The self-check drawn from its state: the answers in the form, progress, results, the heat map
   and the next steps. sc is the shared object made in selfcheck.js; sc.state is the one state. */
(function (DPUP) {
  "use strict";

  const { all, one, make, withChange, elementName } = DPUP.selfcheckParts.dom;
  const SVG = "http://www.w3.org/2000/svg";

  /**
   * A box shows the saved text; it is set only when it differs, so the caret of a person typing
   * stays where it is, and a box another tab changed (or cleared) follows, focused or not.
   *
   * @param {HTMLInputElement | HTMLTextAreaElement} $box
   * @param {string} value
   */
  function fill($box, value) {
    if ($box.value !== value) $box.value = value;
  }

  /**
   * Draws the self-check from sc.state: sets sc.ratingOf, sc.levelName, sc.letter, sc.drawChart
   * and the sc.render* functions.
   *
   * @param {object} sc
   */
  function render(sc) {
    const { structure, core, assess, $root } = sc;
    const criterionIds = () => structure.criteria.map((criterion) => criterion.id);

    // A criterion's id (from the page) always has a dot, so it never names a property of Object.
    sc.ratingOf = (id) => sc.state.ratings[id] || { level: "", note: "" };
    sc.levelName = (level) => core.nameOf(structure, level);

    sc.renderAnswers = () => {
      const state = sc.state;
      structure.criteria.forEach((criterion) => {
        const rating = sc.ratingOf(criterion.id);
        criterion.$radios.forEach(($radio) => {
          $radio.checked = $radio.value === rating.level;
        });
        fill(criterion.$note, rating.note);
      });
      structure.elements.forEach((element) => {
        const comments = state.elements[element.id] || {};
        all(element.$section, "[data-comment]").forEach(($box) => fill($box, comments[$box.dataset.comment] || ""));
      });
      all($root, "[data-about]").forEach(($input) => fill($input, state.about[$input.dataset.about]));
      one($root, ".dpup-selfcheck__target").value = state.target;
    };

    sc.renderProgress = () => {
      const rated = assess.countRated(criterionIds(), sc.state.ratings, structure.levels);
      one($root, ".dpup-selfcheck__count").textContent = rated + " of " + structure.criteria.length + " criteria rated";
      one($root, ".dpup-selfcheck__bar").value = rated;
      structure.elements.forEach((element) => {
        const status = core.elementStatus(structure, element, sc.state);
        const statuses = ":is(.dpup-selfcheck__element-status, .dpup-selfcheck__step-status)";
        all($root, '[data-element-id="' + element.id + '"] ' + statuses).forEach(($status) => {
          $status.textContent = status.label;
          $status.dataset.status = status.status;
        });
        one($root, '[data-element-id="' + element.id + '"] .dpup-selfcheck__element-count').textContent =
          status.rated + " of " + status.total + " rated";
      });
    };

    /* Said (a live region) only when the count changes: another level for a rated criterion
       leaves the words as they are, so they are not read again. */
    sc.announceElement = (element) => {
      const status = core.elementStatus(structure, element, sc.state);
      const $progress = element.$section.querySelector(".dpup-selfcheck__element-progress");
      const text = status.rated + " of " + status.total + " criteria rated in this element; " +
        one($root, ".dpup-selfcheck__count").textContent + " in all.";
      if ($progress.textContent !== text) $progress.textContent = text;
    };

    /**
     * Each criterion's, element's and section's level, and the heat map.
     */
    function renderResults() {
      const found = core.levels(structure, sc.state.ratings);
      const comparison = core.compare(structure, sc.state);
      // A level, and with last year's file its change: "Managed (Last year: Informal; up from ...)".
      const levelWithChange = (text, changes, id) => {
        return withChange(text, comparison, comparison && comparison[changes][id]);
      };
      structure.criteria.forEach((criterion) => {
        $root.querySelector('[data-criterion-id="' + criterion.id + '"] .dpup-selfcheck__rating').textContent =
          levelWithChange(sc.levelName(sc.ratingOf(criterion.id).level), "criteria", criterion.id);
      });
      structure.elements.forEach((element) => {
        const level = found.elements[element.id] ? structure.names[found.elements[element.id]] : "Not yet rated";
        one($root, '.dpup-selfcheck__element-level[data-element-id="' + element.id + '"]').textContent =
          levelWithChange(level, "elements", element.id);
      });
      structure.sections.forEach((section) => {
        const level = found.sections[section.id];
        one($root, '.dpup-selfcheck__section-level[data-section-id="' + section.id + '"]').textContent =
          section.title + ": " + (level ? structure.names[level] : "not yet rated (every criterion needs a level)");
      });
      sc.drawChart(one($root, ".dpup-selfcheck__chart"), comparison);
    }

    sc.letter = (level) => {
      if (level === "unsure") return "?";
      return structure.levels.indexOf(level) >= 0 ? structure.names[level].charAt(0) : "–";
    };

    /* A heat map: one row per element, named; one cell per criterion, with its letter (and last
       year's letter when comparing), so colour only repeats what the letters say. */
    sc.drawChart = ($chart, comparison) => {
      const cell = 72, gap = 4, label = 250, rowHeight = 48;
      const widest = Math.max(...structure.elements.map((element) => element.criteria.length));
      const width = label + widest * (cell + gap);
      const height = structure.elements.length * (rowHeight + gap);
      $chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      $chart.setAttribute("width", width);
      $chart.setAttribute("height", height);
      $chart.textContent = "";
      const add = (tag, attrs, content) => {
        const $node = document.createElementNS(SVG, tag);
        Object.keys(attrs).forEach((name) => $node.setAttribute(name, attrs[name]));
        if (content) $node.textContent = content;
        $chart.appendChild($node);
        return $node;
      };
      structure.elements.forEach((element, row) => {
        const top = row * (rowHeight + gap);
        // Lines of at most 27 characters, broken between words (a longer word has a line to itself).
        const lines = elementName(element).match(/[^ ][\s\S]{0,26}(?= |$)|[^ ]+/g);
        lines.slice(0, 2).forEach((line, i) => {
          add("text", { x: 0, y: top + (lines.length > 1 ? 20 + i * 18 : 29), class: "dpup-chart__label" }, line);
        });
        element.criteria.forEach((id, column) => {
          const level = sc.ratingOf(id).level;
          const left = label + column * (cell + gap);
          const centre = left + cell / 2;
          add("rect", {
            x: left, y: top, width: cell, height: rowHeight, rx: 4,
            fill: structure.colours.get(level) || (level === "unsure" ? "#fff" : "#e6e8eb"),
            stroke: "#5c6b7a", "stroke-dasharray": level === "unsure" ? "4 3" : "none", "data-criterion-id": id,
          });
          const letterTop = top + (comparison ? 22 : 30);
          const letter = { x: centre, y: letterTop, "text-anchor": "middle", class: "dpup-chart__letter" };
          add("text", letter, sc.letter(level));
          if (comparison) {
            const before = sc.state.previous.ratings;
            add("text", { x: centre, y: top + 41, "text-anchor": "middle", class: "dpup-chart__was" },
              "was " + sc.letter(before[id] ? before[id].level : ""));
          }
        });
      });
    };

    sc.renderGaps = () => {
      const $gaps = one($root, ".dpup-selfcheck__gaps");
      const found = assess.gaps(criterionIds(), sc.state.ratings, structure.levels, sc.state.target);
      $gaps.textContent = "";
      one($root, ".dpup-selfcheck__gaps-empty").textContent = found.length ? "" :
        "No gaps: every rated criterion is at or above " + structure.names[sc.state.target] +
        ". Rate more criteria or raise the target.";
      found.forEach((gap, i) => {
        const criterion = sc.byCriterion.get(gap.criterion);
        const element = sc.byElement.get(criterion.elementId);
        const words = [
          make("strong", {}, criterion.title),
          " (" + element.title + "). Now: " + structure.names[gap.level] + ". Next: " + structure.names[gap.next] + ".",
        ];
        // Its number said outright: Chromium counts a descriptor's own bullet points (display:
        // list-item) as items of this list, which made the steps read 1, 2, 3, 7, 8.
        const $item = make("li", { "data-criterion-id": gap.criterion, value: i + 1 }, make("p", {}, words));
        const $next = criterion.$fieldset.querySelector('[data-level="' + gap.next + '"]');
        const $descriptor = $next.cloneNode(true);
        // The id stays with the radio's description, once on the page.
        $descriptor.removeAttribute("id");
        $item.appendChild(make("div", { className: "dpup-selfcheck__next-descriptor" }, $descriptor));
        const $help = criterion.$fieldset.querySelector(".dpup-selfcheck__help");
        if ($help) $item.appendChild($help.cloneNode(true));
        $gaps.appendChild($item);
      });
    };

    sc.renderAfterRating = () => {
      sc.renderProgress();
      renderResults();
      sc.renderGaps();
    };

    sc.renderAll = () => {
      sc.renderAnswers();
      sc.renderAfterRating();
      sc.renderPlan();
      sc.renderCompare();
      sc.renderConsolidation();
      sc.showSaved();
      sc.scheduleReport();
    };
  }

  DPUP.selfcheckParts.render = render;
})(window.DPUP = window.DPUP || {});
