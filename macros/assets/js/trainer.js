/* Trainer (projector) mode: one slide per screen (join, questions, summary), the answer hidden
   until revealed, the room's show of hands counted per option and charted after the reveal,
   keyboard control, full screen and a timer that only counts. Needs tally.js (the counting rules)
   and answers-store.js (the session is kept as dpup.trainer.<quiz id>.<question id>). */
(function (DPUP) {
  "use strict";

  function formatTime(seconds) {
    var whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function required($root, selector) {
    var $found = $root.querySelector(selector);
    if (!$found) throw new Error("DPUP trainer: missing " + selector);
    return $found;
  }

  function readQuestion($slide, index) {
    var $options = Array.prototype.slice.call($slide.querySelectorAll(".dpup-slide__option"));
    return {
      id: $slide.dataset.questionId,
      number: index + 1,
      stem: required($slide, ".dpup-slide__stem").textContent.trim(),
      correctKey: $slide.dataset.correctKey,
      keys: $options.map(function ($option) { return $option.dataset.option; }),
      options: $options.map(function ($option) {
        // The whole option text, with its te reo Māori and abbreviation markup, less the badge.
        var $text = required($option, ".dpup-slide__text").cloneNode(true);
        Array.prototype.forEach.call($text.querySelectorAll(".dpup-slide__badge"), function ($b) { $b.remove(); });
        return { key: $option.dataset.option, text: $text.textContent.replace(/\s+/g, " ").trim() };
      }),
      $slide: $slide,
      $options: $options
    };
  }

  function initTrainer($root) {
    var T = DPUP.tally;
    var store = DPUP.answerStore;
    var csvWriter = DPUP.assess;
    if (!T || !store || !csvWriter) {
      throw new Error("DPUP trainer: tally.js, answers-core.js and answers-store.js must load first");
    }
    var quizId = $root.dataset.quizId;
    var namespace = "trainer." + quizId;
    var $slides = Array.prototype.slice.call($root.querySelectorAll(".dpup-slide"));
    var $status = required($root, ".dpup-trainer__status");
    var $timer = required($root, ".dpup-trainer__timer");
    var $stage = required($root, ".dpup-trainer__stage");
    var $summary = required($root, ".dpup-summary");
    var $confirm = required($root, ".dpup-summary__confirm");
    var questions = Array.prototype.slice.call($root.querySelectorAll(".dpup-slide--question")).map(readQuestion);
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    if (!quizId || questions.length === 0) throw new Error("DPUP trainer: no quiz id or questions");

    var buttons = {};
    $root.querySelectorAll("[data-action]").forEach(function ($button) {
      buttons[$button.dataset.action] = $button;
      $button.hidden = false;
    });
    required($root, ".dpup-trainer__keys").hidden = false;
    $timer.hidden = false;
    $summary.hidden = false;
    $root.querySelectorAll(".dpup-tally__buttons").forEach(function ($group) { $group.hidden = false; });
    if (!document.fullscreenEnabled) buttons.fullscreen.hidden = true;

    var current = 0;
    var timer = { elapsed: 0, startedAt: null, interval: null };
    var session = {};
    questions.forEach(function (q) { session[q.id] = T.readCounts(store.get(namespace, q.id), q.keys); });

    function slide() { return $slides[current]; }
    function question() { return byId[slide().dataset.questionId] || null; }
    function answerOf($slide) { return $slide.querySelector(".dpup-slide__answer"); }
    function isRevealed(q) { return !answerOf(q.$slide).hidden; }
    function say(text) { $status.textContent = text; }

    /* --- the room's hands ------------------------------------------------------------------- */

    function drawTally(q) {
      var counts = session[q.id];
      var revealed = isRevealed(q);
      var bars = {};
      T.chart(counts, q.keys).forEach(function (bar) { bars[bar.key] = bar; });
      var hands = T.total(counts);
      q.$options.forEach(function ($option) {
        var bar = bars[$option.dataset.option];
        var $tally = required($option, ".dpup-tally");
        // Before the reveal the trainer sees the running count only; the chart (bar and share)
        // appears with the answer, so the room is not led by it.
        $tally.hidden = hands === 0;
        $tally.dataset.revealed = String(revealed);
        required($tally, ".dpup-tally__text").textContent =
          T.handsText(bar.hands) + (revealed ? ", " + bar.percent + "%" : "");
        // The longest bar takes 70% of the row, leaving room for its words.
        required($tally, ".dpup-tally__bar").style.width = revealed ? (bar.share * 70) + "%" : "0";
      });
      var $room = required(q.$slide, ".dpup-slide__room");
      if (hands === 0) {
        $room.textContent = "";
      } else {
        var right = counts[q.correctKey];
        $room.textContent = "The room: " + T.handsText(hands) + " counted; " + right + " (" +
          T.percentages(counts, q.keys)[q.correctKey] + "%) chose " + q.correctKey + ".";
      }
    }

    function count(q, key, delta) {
      session[q.id] = T.adjust(session[q.id], key, delta);
      // set() returns false when the browser refuses to save (full, blocked, private mode).
      if (!store.set(namespace, q.id, session[q.id])) {
        say("The count could not be saved in this browser (storage is full or blocked); it is kept until the page closes.");
        drawTally(q);
        return;
      }
      drawTally(q);
      drawSummary();
      say(key + ": " + T.handsText(session[q.id][key]));
    }

    function highlightedKey(q) {
      var $on = q.$slide.querySelector('.dpup-slide__option[data-highlighted="true"]');
      return $on ? $on.dataset.option : null;
    }

    function countHighlighted(delta) {
      var q = question();
      if (!q) return;
      var key = highlightedKey(q);
      if (!key) {
        say("Pick an option first with 1 to " + q.keys.length + ".");
        return;
      }
      count(q, key, delta);
    }

    /* --- the session summary ---------------------------------------------------------------- */

    function drawSummary() {
      var results = T.results(questions, session);
      var counted = results.filter(function (r) { return r.hands > 0; });
      var hardest = T.hardest(results, 3);
      required($summary, ".dpup-summary__none").hidden = counted.length > 0;
      required($summary, ".dpup-summary__found").hidden = counted.length === 0;
      required($summary, ".dpup-summary__all-right").hidden = counted.length === 0 || hardest.length > 0;
      var $list = required($summary, ".dpup-summary__hardest");
      $list.querySelectorAll("li").forEach(function ($item) { $item.hidden = true; });
      hardest.forEach(function (result) {
        var $item = required($list, 'li[data-question-id="' + result.id + '"]');
        required($item, ".dpup-summary__result").textContent = result.correct + " of " + T.handsText(result.hands) +
          " (" + result.percentCorrect + "%) on the correct answer.";
        $item.hidden = false;
        $list.appendChild($item);  // in order, hardest first
      });
    }

    function exportSession() {
      var csv = csvWriter.toCsv([T.sessionRows(questions, session)]);
      store.download("dpup-" + quizId + "-room-counts.csv", csv, "text/csv;charset=utf-8");
      say("The counts were downloaded as a CSV file.");
    }

    function askToClear() {
      $confirm.hidden = false;
      required($confirm, "[tabindex]").focus();
    }

    function clearSession(confirmed) {
      $confirm.hidden = true;
      if (!confirmed) {
        say("The counts were kept.");
        required($summary, '[data-session="clear"]').focus();
        return;
      }
      store.clear(namespace);
      questions.forEach(function (q) {
        session[q.id] = T.readCounts(null, q.keys);
        drawTally(q);
      });
      drawSummary();
      say("The counts for this session were cleared.");
      required($summary, '[data-session="clear"]').focus();
    }

    /* --- slides ----------------------------------------------------------------------------- */

    function setRevealed(q, revealed) {
      answerOf(q.$slide).hidden = !revealed;
      q.$options.forEach(function ($option) {
        if (revealed && $option.dataset.option === q.correctKey) $option.dataset.correct = "true";
        else $option.removeAttribute("data-correct");
      });
      drawTally(q);
    }

    function slideName() {
      var $count = slide().querySelector(".dpup-slide__count");
      if ($count) return $count.textContent;
      return required(slide(), ".dpup-slide__stem").textContent;
    }

    function show(index) {
      current = Math.max(0, Math.min($slides.length - 1, index));
      $slides.forEach(function ($slide, i) { $slide.hidden = i !== current; });
      $stage.scrollTop = 0;
      var q = question();
      buttons.prev.disabled = current === 0;
      buttons.next.disabled = current === $slides.length - 1;
      buttons.reveal.disabled = !q;
      buttons.reveal.textContent = q && isRevealed(q) ? "Hide answer" : "Reveal answer";
      if (!q) drawSummary();
      say(slideName());
    }

    function toggleReveal() {
      var q = question();
      if (!q) return;
      var revealed = !isRevealed(q);
      setRevealed(q, revealed);
      // The room looks at the correct answer now: an option still picked for counting beside it
      // looked like a second answer. 1–9 picks again.
      if (revealed) q.$options.forEach(function ($option) { $option.removeAttribute("data-highlighted"); });
      buttons.reveal.textContent = revealed ? "Hide answer" : "Reveal answer";
      say(revealed ? "Answer: " + q.correctKey + ". " + required(q.$slide, ".dpup-slide__room").textContent : "Answer hidden");
    }

    function highlight(number) {
      var q = question();
      if (!q || number < 1 || number > q.$options.length) return;
      q.$options.forEach(function ($option, i) {
        if (i === number - 1) $option.dataset.highlighted = "true"; else $option.removeAttribute("data-highlighted");
      });
      say("Option " + q.keys[number - 1] + " picked: " + T.handsText(session[q.id][q.keys[number - 1]]));
    }

    /* --- timer and full screen -------------------------------------------------------------- */

    function seconds() {
      return timer.elapsed + (timer.startedAt ? (Date.now() - timer.startedAt) / 1000 : 0);
    }
    function tick() { $timer.textContent = formatTime(seconds()); }
    function toggleTimer() {
      if (timer.startedAt) {
        timer.elapsed = seconds();
        timer.startedAt = null;
        clearInterval(timer.interval);
        buttons.timer.textContent = "Resume timer";
      } else {
        timer.startedAt = Date.now();
        timer.interval = setInterval(tick, 250);
        buttons.timer.textContent = "Pause timer";
      }
      tick();
    }
    function resetTimer() {
      clearInterval(timer.interval);
      timer = { elapsed: 0, startedAt: null, interval: null };
      buttons.timer.textContent = "Start timer";
      tick();
    }

    function toggleFullscreen() {
      if (!document.fullscreenEnabled) return;
      var request = document.fullscreenElement ? document.exitFullscreen() : $root.requestFullscreen();
      if (request && request.catch) request.catch(function () { say("Full screen is not available here."); });
    }
    function onFullscreenChange() {
      var on = document.fullscreenElement === $root;
      buttons.fullscreen.textContent = on ? "Exit full screen" : "Full screen";
      $root.classList.toggle("dpup-trainer--fullscreen", on);
      // Focus leaves the bar so that it hides; Shift+Tab from the slide brings it back.
      if (on) $stage.focus({ preventScroll: true });
    }

    /* --- wiring ----------------------------------------------------------------------------- */

    buttons.prev.addEventListener("click", function () { show(current - 1); });
    buttons.next.addEventListener("click", function () { show(current + 1); });
    buttons.reveal.addEventListener("click", toggleReveal);
    buttons.timer.addEventListener("click", toggleTimer);
    buttons["reset-timer"].addEventListener("click", resetTimer);
    buttons.fullscreen.addEventListener("click", toggleFullscreen);
    document.addEventListener("fullscreenchange", onFullscreenChange);
    questions.forEach(function (q) {
      q.$options.forEach(function ($option) {
        $option.querySelectorAll("[data-tally]").forEach(function ($button) {
          $button.addEventListener("click", function () { count(q, $option.dataset.option, Number($button.dataset.tally)); });
        });
      });
    });
    required($summary, '[data-session="export"]').addEventListener("click", exportSession);
    required($summary, '[data-session="clear"]').addEventListener("click", askToClear);
    required($summary, '[data-session="confirm-clear"]').addEventListener("click", function () { clearSession(true); });
    required($summary, '[data-session="keep"]').addEventListener("click", function () { clearSession(false); });

    var KEYS = {
      ArrowRight: function () { show(current + 1); }, PageDown: function () { show(current + 1); },
      ArrowLeft: function () { show(current - 1); }, PageUp: function () { show(current - 1); },
      Home: function () { show(0); }, End: function () { show($slides.length - 1); },
      r: toggleReveal, t: toggleTimer, f: toggleFullscreen,
      ArrowUp: function () { countHighlighted(1); }, "+": function () { countHighlighted(1); },
      "=": function () { countHighlighted(1); },  // + without Shift on most keyboards
      ArrowDown: function () { countHighlighted(-1); }, "-": function () { countHighlighted(-1); }
    };

    function onKey(event) {
      if (!document.body.contains($root)) {  // the page was replaced (instant navigation)
        document.removeEventListener("keydown", onKey, true);
        document.removeEventListener("fullscreenchange", onFullscreenChange);
        clearInterval(timer.interval);
        return;
      }
      if ($root.closest("[hidden]")) return;  // not the visible mode (offline pack)
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      // Enter and Space stay with the focused button or link; everything else is ours. Space
      // elsewhere moves on, as in presentation software (it used to scroll the deck off screen).
      var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      var onControl = target.closest && target.closest("button, a[href], summary, [role=button]");
      if (key === " " && !onControl) show(current + (event.shiftKey ? -1 : 1));
      else if (/^[1-9]$/.test(key)) highlight(Number(key));
      else if (KEYS[key]) KEYS[key]();
      else return;
      event.preventDefault();
      event.stopPropagation();  // keep the theme's own shortcuts out of the way
    }
    document.addEventListener("keydown", onKey, true);

    // Another tab or window of this trainer changed the counts: show them here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== null && event.key.indexOf("dpup." + namespace + ".") !== 0) return;  // null: storage cleared
      questions.forEach(function (q) {
        session[q.id] = T.readCounts(store.get(namespace, q.id), q.keys);
        drawTally(q);
      });
      drawSummary();
    });

    $root.classList.add("dpup-trainer--active");
    questions.forEach(function (q) { setRevealed(q, false); });
    show(0);
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.trainer = initTrainer;
})(window.DPUP = window.DPUP || {});
