/* Trainer (projector) mode's deck: one slide per screen (join, questions, summary), the answer
   hidden until revealed, keyboard control, full screen and a timer that only counts. The room's
   hands, sessions and summary are trainer-room.js's; the counting rules are trainer-core.js's. */
(function (DPUP) {
  "use strict";

  function formatTime(seconds) {
    var whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  var required = DPUP.dom.one, all = DPUP.dom.all;  // answers-dom.js

  function readQuestion($slide, index) {
    var $options = all($slide, ".dpup-slide__option");
    return {
      id: $slide.dataset.questionId,
      number: index + 1,
      stem: required($slide, ".dpup-slide__stem").textContent.trim(),
      correctKey: $slide.dataset.correctKey,
      keys: $options.map(function ($option) { return $option.dataset.option; }),
      options: $options.map(function ($option) {
        // The option's whole text, te reo Māori and abbreviation markup included; not its badge.
        var $text = required($option, ".dpup-slide__text").cloneNode(true);
        $text.querySelectorAll(".dpup-slide__badge").forEach(function ($badge) { $badge.remove(); });
        return { key: $option.dataset.option, text: $text.textContent.replace(/\s+/g, " ").trim() };
      }),
      $slide: $slide,
      $options: $options
    };
  }

  /* The built QR code is for the address the site was built for (site_url); the join slide says
     what this copy can offer phones, from the address the browser really has (see joinAddress). */
  function showJoin($root) {
    var $join = $root.querySelector(".dpup-slide--join .dpup-join");
    if (!$join) return;
    // The quiz page's address from the "Back to the quiz" link, which every engine rewrites to the
    // page's real address (Zensical re-bases links in raw HTML, not data attributes).
    var $back = $root.querySelector("a.dpup-trainer__back");
    var here = $back ? $back.href : window.location.href;  // the offline pack: the quiz is this file
    var join = DPUP.tally.joinAddress(here, $join.dataset.published || "");
    var $code = $join.querySelector(".dpup-join__code");
    if ($code) $code.hidden = !join.code;
    var $address = required($join, ".dpup-join__address");
    var address = join.code || join.address;
    $address.textContent = address;
    // A file's path means nothing to the room: the sentence below says what it needs to know.
    $address.parentNode.hidden = join.where === "file" && !join.code;
    if (join.where === "file" && !join.code) $address.removeAttribute("href"); else $address.setAttribute("href", address);
    var lead = join.code ? "Point your phone’s camera at the code, or type the address:"
      : join.where === "web" ? "Type this address on your phone:" : join.where === "local" ? "This quiz’s address:" : "";
    var $lead = required($join, ".dpup-join__lead");
    $lead.textContent = lead;
    $lead.hidden = !lead;
    var note = { web: "", local: "This is a preview on this computer: phones can’t open it.",
      file: "This copy was opened from a file: phones can’t open it." }[join.where];
    if (note && join.code) note += " The code opens the quiz on the published site instead (phones need the internet).";
    var $note = required($join, ".dpup-join__none");
    $note.textContent = note;
    $note.hidden = !note;
    $join.dataset.where = join.where;
    $join.dataset.code = String(Boolean(join.code));  // no code: the address to type is shown large
  }

  function makeTimer($timer, $button) {
    var timer = { elapsed: 0, startedAt: null, interval: null };
    function seconds() {
      return timer.elapsed + (timer.startedAt ? (Date.now() - timer.startedAt) / 1000 : 0);
    }
    function tick() { $timer.textContent = formatTime(seconds()); }
    function toggle() {
      if (timer.startedAt) {
        timer.elapsed = seconds();
        timer.startedAt = null;
        clearInterval(timer.interval);
        $button.textContent = "Resume timer";
      } else {
        timer.startedAt = Date.now();
        timer.interval = setInterval(tick, 250);
        $button.textContent = "Pause timer";
      }
      tick();
    }
    function reset() {
      clearInterval(timer.interval);
      timer = { elapsed: 0, startedAt: null, interval: null };
      $button.textContent = "Start timer";
      tick();
    }
    return { toggle: toggle, reset: reset, stop: function () { clearInterval(timer.interval); } };
  }

  /* The deck's keys, as in presentation software. actions: {move(delta), go(index), last, reveal,
     timer, fullscreen, pick(number), count(delta)}; stop() runs when the page was replaced. */
  function listenToKeys($root, actions, stop) {
    var KEYS = {
      ArrowRight: function () { actions.move(1); }, PageDown: function () { actions.move(1); },
      ArrowLeft: function () { actions.move(-1); }, PageUp: function () { actions.move(-1); },
      Home: function () { actions.go(0); }, End: actions.last,
      r: actions.reveal, t: actions.timer, f: actions.fullscreen,
      ArrowUp: function () { actions.count(1); }, "+": function () { actions.count(1); },
      "=": function () { actions.count(1); },  // + without Shift on most keyboards
      ArrowDown: function () { actions.count(-1); }, "-": function () { actions.count(-1); }
    };
    function onKey(event) {
      if (!document.body.contains($root)) {  // the page was replaced (instant navigation)
        document.removeEventListener("keydown", onKey, true);
        stop();
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
      if (key === " " && !onControl) actions.move(event.shiftKey ? -1 : 1);
      else if (/^[1-9]$/.test(key)) actions.pick(Number(key));
      else if (KEYS[key]) KEYS[key]();
      else return;
      event.preventDefault();
      event.stopPropagation();  // keep the theme's own shortcuts out of the way
    }
    document.addEventListener("keydown", onKey, true);
  }

  function initTrainer($root) {
    var quizId = $root.dataset.quizId;
    var $slides = all($root, ".dpup-slide");
    var $status = required($root, ".dpup-trainer__status");
    var $stage = required($root, ".dpup-trainer__stage");
    var questions = all($root, ".dpup-slide--question").map(readQuestion);
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    if (!quizId || questions.length === 0) throw new Error("DPUP trainer: no quiz id or questions");

    var buttons = {};
    $root.querySelectorAll("[data-action]").forEach(function ($button) { buttons[$button.dataset.action] = $button; });
    // The parts that work only with this script are built hidden.
    $root.querySelectorAll("[data-action], .dpup-trainer__keys, .dpup-trainer__timer, .dpup-summary, .dpup-tally__buttons")
      .forEach(function ($part) { $part.hidden = false; });
    if (!document.fullscreenEnabled) buttons.fullscreen.hidden = true;

    var current = 0;
    var timer = makeTimer(required($root, ".dpup-trainer__timer"), buttons.timer);
    function slide() { return $slides[current]; }
    function question() { return byId[slide().dataset.questionId] || null; }
    function answerOf($slide) { return $slide.querySelector(".dpup-slide__answer"); }
    function isRevealed(q) { return !answerOf(q.$slide).hidden; }
    function say(text) { $status.textContent = text; }
    var room = DPUP.trainerRoom($root, { questions: questions, isRevealed: isRevealed, say: say });

    function setRevealed(q, revealed) {
      answerOf(q.$slide).hidden = !revealed;
      q.$slide.dataset.revealed = String(revealed);  // trainer.css lays the revealed slide out in columns
      q.$options.forEach(function ($option) {
        if (revealed && $option.dataset.option === q.correctKey) $option.dataset.correct = "true";
        else $option.removeAttribute("data-correct");
      });
      room.drawTally(q);
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
      if (!q) room.drawSummary();
      var $count = slide().querySelector(".dpup-slide__count");
      say(($count || required(slide(), ".dpup-slide__stem")).textContent);
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
      say("Option " + q.keys[number - 1] + " picked: " + DPUP.tally.handsText(room.hands(q, q.keys[number - 1])));
    }

    function countHighlighted(delta) {
      var q = question();
      if (!q) return;
      var $on = q.$slide.querySelector('.dpup-slide__option[data-highlighted="true"]');
      if (!$on) say("Pick an option first with 1 to " + q.keys.length + ".");
      else room.count(q, $on.dataset.option, delta);
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

    // What the bar's buttons (by their data-action) and the keys do.
    var actions = {
      prev: function () { show(current - 1); }, next: function () { show(current + 1); },
      move: function (delta) { show(current + delta); }, go: show, last: function () { show($slides.length - 1); },
      reveal: toggleReveal, timer: timer.toggle, "reset-timer": timer.reset, fullscreen: toggleFullscreen,
      pick: highlight, count: countHighlighted
    };
    Object.keys(buttons).forEach(function (name) { buttons[name].addEventListener("click", actions[name]); });
    document.addEventListener("fullscreenchange", onFullscreenChange);
    questions.forEach(function (q) {
      q.$options.forEach(function ($option) {
        $option.querySelectorAll("[data-tally]").forEach(function ($button) {
          $button.addEventListener("click", function () { room.count(q, $option.dataset.option, Number($button.dataset.tally)); });
        });
      });
    });
    listenToKeys($root, actions, function () {
      document.removeEventListener("fullscreenchange", onFullscreenChange);
      timer.stop();
      room.stop();
    });

    $root.classList.add("dpup-trainer--active");
    showJoin($root);
    questions.forEach(function (q) { setRevealed(q, false); });
    show(0);
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.trainer = initTrainer;
})(window.DPUP = window.DPUP || {});
