/* The self-check drawn from its state: the answers in the form, progress, results, the heat map
   and the next steps. sc is the shared object made in selfcheck.js; sc.state is the one state. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var all = dom.all, one = dom.one, make = dom.make, withChange = dom.withChange;
  var SVG = "http://www.w3.org/2000/svg";

  /* A box shows the saved text; it is set only when it differs, so the caret of a person typing
     stays where it is, and a box another tab changed (or cleared) follows, focused or not. */
  function fill($box, value) {
    if ($box.value !== value) $box.value = value;
  }

  function render(sc) {
    var S = sc.S, core = sc.core, A = sc.A, $root = sc.$root;

    // A criterion's id (from the page) always has a dot, so it never names a property of Object.
    sc.ratingOf = function (id) { return sc.state.ratings[id] || { level: "", note: "" }; };
    sc.levelName = function (level) { return core.nameOf(S, level); };

    sc.renderAnswers = function () {
      var state = sc.state;
      S.criteria.forEach(function (c) {
        var rating = sc.ratingOf(c.id);
        c.$radios.forEach(function ($radio) { $radio.checked = $radio.value === rating.level; });
        fill(c.$note, rating.note);
      });
      S.elements.forEach(function (e) {
        var comments = state.elements[e.id] || {};
        all(e.$section, "[data-comment]").forEach(function ($box) { fill($box, comments[$box.dataset.comment] || ""); });
      });
      all($root, "[data-about]").forEach(function ($input) { fill($input, state.about[$input.dataset.about]); });
      one($root, ".dpup-selfcheck__target").value = state.target;
    };

    sc.renderProgress = function () {
      var rated = A.countRated(S.criteria.map(function (c) { return c.id; }), sc.state.ratings, S.levels);
      one($root, ".dpup-selfcheck__count").textContent = rated + " of " + S.criteria.length + " criteria rated";
      one($root, ".dpup-selfcheck__bar").value = rated;
      S.elements.forEach(function (e) {
        var status = core.elementStatus(S, e, sc.state);
        all($root, '[data-element-id="' + e.id + '"] :is(.dpup-selfcheck__element-status, .dpup-selfcheck__step-status)')
          .forEach(function ($status) { $status.textContent = status.label; $status.dataset.status = status.status; });
        one($root, '[data-element-id="' + e.id + '"] .dpup-selfcheck__element-count').textContent =
          status.rated + " of " + status.total + " rated";
      });
    };

    /* Said (a live region) only when the count changes: another level for a rated criterion
       leaves the words as they are, so they are not read again. */
    sc.announceElement = function (element) {
      var status = core.elementStatus(S, element, sc.state);
      var $progress = element.$section.querySelector(".dpup-selfcheck__element-progress");
      var text = status.rated + " of " + status.total + " criteria rated in this element; " +
        one($root, ".dpup-selfcheck__count").textContent + " in all.";
      if ($progress.textContent !== text) $progress.textContent = text;
    };

    function renderResults() {
      var found = core.levels(S, sc.state.ratings);
      var comparison = core.compare(S, sc.state);
      // A level, and with last year's file its change: "Managed (Last year: Informal; up from ...)".
      function levelWithChange(text, changes, id) {
        return withChange(text, comparison, comparison && comparison[changes][id]);
      }
      S.criteria.forEach(function (c) {
        $root.querySelector('[data-criterion-id="' + c.id + '"] .dpup-selfcheck__rating').textContent =
          levelWithChange(sc.levelName(sc.ratingOf(c.id).level), "criteria", c.id);
      });
      S.elements.forEach(function (e) {
        one($root, '.dpup-selfcheck__element-level[data-element-id="' + e.id + '"]').textContent =
          levelWithChange(found.elements[e.id] ? S.names[found.elements[e.id]] : "Not yet rated", "elements", e.id);
      });
      S.sections.forEach(function (section) {
        var level = found.sections[section.id];
        one($root, '.dpup-selfcheck__section-level[data-section-id="' + section.id + '"]').textContent =
          section.title + ": " + (level ? S.names[level] : "not yet rated (every criterion needs a level)");
      });
      sc.drawChart(one($root, ".dpup-selfcheck__chart"), comparison);
    }

    sc.letter = function (level) {
      if (level === "unsure") return "?";
      return S.levels.indexOf(level) >= 0 ? S.names[level].charAt(0) : "–";
    };

    /* A heat map: one row per element, named; one cell per criterion, with its letter (and last
       year's letter when comparing), so colour only repeats what the letters say. */
    sc.drawChart = function ($chart, comparison) {
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
        // Lines of at most 27 characters, broken between words (a longer word has a line to itself).
        var lines = (element.number + ". " + element.title).match(/[^ ][\s\S]{0,26}(?= |$)|[^ ]+/g);
        lines.slice(0, 2).forEach(function (line, i) {
          add("text", { x: 0, y: y + (lines.length > 1 ? 20 + i * 18 : 29), "class": "dpup-chart__label" }, line);
        });
        element.criteria.forEach(function (id, column) {
          var level = sc.ratingOf(id).level;
          var x = label + column * (cell + gap);
          add("rect", { x: x, y: y, width: cell, height: rowHeight, rx: 4, fill: S.colours.get(level) || (level === "unsure" ? "#fff" : "#e6e8eb"),
            stroke: "#5c6b7a", "stroke-dasharray": level === "unsure" ? "4 3" : "none", "data-criterion-id": id });
          add("text", { x: x + cell / 2, y: y + (comparison ? 22 : 30), "text-anchor": "middle", "class": "dpup-chart__letter" }, sc.letter(level));
          if (comparison) {
            var before = sc.state.previous.ratings;
            add("text", { x: x + cell / 2, y: y + 41, "text-anchor": "middle", "class": "dpup-chart__was" },
              "was " + sc.letter(before[id] ? before[id].level : ""));
          }
        });
      });
    };

    sc.renderGaps = function () {
      var $gaps = one($root, ".dpup-selfcheck__gaps");
      var found = A.gaps(S.criteria.map(function (c) { return c.id; }), sc.state.ratings, S.levels, sc.state.target);
      $gaps.textContent = "";
      one($root, ".dpup-selfcheck__gaps-empty").textContent = found.length ? "" :
        "No gaps: every rated criterion is at or above " + S.names[sc.state.target] + ". Rate more criteria or raise the target.";
      found.forEach(function (gap, i) {
        var c = sc.byCriterion.get(gap.criterion);
        // Its number said outright: Chromium counts a descriptor's own bullet points (display:
        // list-item) as items of this list, which made the steps read 1, 2, 3, 7, 8.
        var $item = make("li", { "data-criterion-id": gap.criterion, value: i + 1 }, make("p", {}, [make("strong", {}, c.title),
          " (" + sc.byElement.get(c.elementId).title + "). Now: " + S.names[gap.level] + ". Next: " + S.names[gap.next] + "."]));
        var $descriptor = c.$fieldset.querySelector('[data-level="' + gap.next + '"]').cloneNode(true);
        $descriptor.removeAttribute("id");  // the id stays with the radio's description, once on the page
        $item.appendChild(make("div", { className: "dpup-selfcheck__next-descriptor" }, $descriptor));
        var $help = c.$fieldset.querySelector(".dpup-selfcheck__help");
        if ($help) $item.appendChild($help.cloneNode(true));
        $gaps.appendChild($item);
      });
    };

    sc.renderAfterRating = function () {
      sc.renderProgress();
      renderResults();
      sc.renderGaps();
    };

    sc.renderAll = function () {
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
