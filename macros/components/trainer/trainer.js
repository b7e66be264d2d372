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

  /* "A and B", "A, B and C". */
  function listed(keys) {
    return keys.length < 2 ? keys.join("") : keys.slice(0, -1).join(", ") + " and " + keys[keys.length - 1];
  }

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

  /* say(text): the status region's words when the timer starts, pauses or is reset. */
  function makeTimer($timer, $button, say) {
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
        say("Timer paused at " + formatTime(timer.elapsed) + ".");
      } else {
        say(timer.elapsed ? "Timer resumed." : "Timer started.");
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
      say("Timer reset to 0:00.");
      tick();
    }
    return { toggle: toggle, reset: reset, stop: function () { clearInterval(timer.interval); } };
  }

  /* The deck's keys, as in presentation software. actions: {move(delta), go(index), last, reveal,
     timer, fullscreen, pick(number), count(delta)}; stop() runs when the page was replaced.
     They work while focus is in the slides ($stage) or on nothing that acts (the page itself, or
     words that took focus), never on a link, a disclosure or a field elsewhere; the arrows,
     Page Up/Down, Home and End also work on the bar's slide buttons (a presenter's clicker sends
     Page Down after a click on Next). oneKey() says whether the one-character keys (letters,
     digits, + and −, Space) are on: the trainer can turn them off (WCAG 2.1.4), for speech input
     or a screen reader's own keys. */
  function listenToKeys($root, $stage, $controls, oneKey, actions, stop) {
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
      var navigation = /^(Arrow(Left|Right)|Page(Up|Down)|Home|End)$/.test(event.key);
      // On the page itself, or on words that took focus (the question about an earlier session).
      var onPage = target === document.body || target === document.documentElement ||
        ($root.contains(target) && !target.closest("a, button, summary, label, details"));
      var onSlideButton = $controls.contains(target) && target.tagName === "BUTTON";
      if (!$stage.contains(target) && !onPage && !(onSlideButton && navigation)) return;
      if (!navigation && !oneKey()) return;
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
    // Without this script each answer is behind "Show the answer"; the deck reveals it instead.
    all($root, "details.dpup-slide__reveal").forEach(function ($details) {
      $details.replaceWith(required($details, ".dpup-slide__answer"));
    });
    var $slides = all($root, ".dpup-slide");
    var $status = required($root, ".dpup-trainer__status");
    var $stage = required($root, ".dpup-trainer__stage");
    var questions = all($root, ".dpup-slide--question").map(readQuestion);
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    if (!quizId || questions.length === 0) throw new Error("DPUP trainer: no quiz id or questions");

    var buttons = {};
    $root.querySelectorAll("[data-action]").forEach(function ($button) { buttons[$button.dataset.action] = $button; });
    required($root, ".dpup-trainer__without-script").hidden = true;
    // The parts that work only with this script are built hidden.
    $root.querySelectorAll("[data-action], .dpup-trainer__keys, .dpup-trainer__timer, .dpup-summary, .dpup-tally__buttons")
      .forEach(function ($part) { $part.hidden = false; });
    if (!document.fullscreenEnabled) buttons.fullscreen.hidden = true;

    var current = 0;
    function say(text) { $status.textContent = text; }
    var timer = makeTimer(required($root, ".dpup-trainer__timer"), buttons.timer, say);
    function slide() { return $slides[current]; }
    function question() { return byId[slide().dataset.questionId] || null; }
    function answerOf($slide) { return $slide.querySelector(".dpup-slide__answer"); }
    function isRevealed(q) { return !answerOf(q.$slide).hidden; }
    var room = DPUP.trainerRoom($root, { questions: questions, isRevealed: isRevealed, say: say, focusSlides: focusSlides });

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
      if (question()) notice(question(), "");
      var focusInSlides = $stage.contains(document.activeElement);
      current = Math.max(0, Math.min($slides.length - 1, index));
      $slides.forEach(function ($slide, i) { $slide.hidden = i !== current; });
      $stage.scrollTop = 0;
      var q = question();
      buttons.prev.disabled = current === 0;
      buttons.next.disabled = current === $slides.length - 1;
      buttons.reveal.disabled = !q;
      buttons.reveal.textContent = q && isRevealed(q) ? "Hide answer" : "Reveal answer";
      if (!q) room.drawSummary();
      // A question is announced with its number and its words ("Question 2 of 6: Which …").
      var $count = slide().querySelector(".dpup-slide__count");
      var stem = required(slide(), ".dpup-slide__stem").textContent.trim();
      say($count ? $count.textContent.trim() + ": " + stem : stem);
      // Focus on the slide left behind would fall out of the slides, and the keys with it.
      if (focusInSlides && !slide().contains(document.activeElement)) focusSlides();
    }

    function focusSlides() { $stage.focus({ preventScroll: true }); }

    /* A sentence on the question's slide for the trainer (and the status region), as long as they
       stay on it: a count key for an option the question does not have. */
    function notice(q, text) {
      if (!q) return;
      var $notice = required(q.$slide, ".dpup-slide__notice");
      $notice.textContent = text;
      $notice.hidden = !text;
      if (text) say(text);
    }

    function toggleReveal() {
      var q = question();
      if (!q) return;
      var revealed = !isRevealed(q);
      setRevealed(q, revealed);
      // The room looks at the correct answer now: the focus ring on an option picked for counting
      // beside it looked like a second answer. 1–9 picks again.
      if (revealed && picked(q)) focusSlides();
      buttons.reveal.textContent = revealed ? "Hide answer" : "Reveal answer";
      say(revealed ? "Answer: " + q.correctKey + ". " + required(q.$slide, ".dpup-slide__room").textContent : "Answer hidden");
    }

    /* The option picked for counting is the one that has focus (the number keys focus it), so the
       trainer's focus ring is all that marks it: before the reveal nothing else singles out an
       option, which a room would read as a hint. */
    function picked(q) {
      var $focused = document.activeElement;
      return q.$options.filter(function ($option) { return $option.contains($focused); })[0] || null;
    }

    function pick(number) {
      var q = question();
      if (!q) return;
      if (number > q.$options.length) {
        var $kept = picked(q);
        notice(q, "Question " + q.number + " has options " + listed(q.keys) + "." +
          ($kept ? " " + $kept.dataset.option + " is still picked." : ""));
        return;
      }
      notice(q, "");
      q.$options[number - 1].focus({ preventScroll: true });
      say("Option " + q.keys[number - 1] + " picked: " + DPUP.tally.handsText(room.hands(q, q.keys[number - 1])));
    }

    function countPicked(delta) {
      var q = question();
      if (!q) return;
      notice(q, "");
      var $on = picked(q);
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
      pick: pick, count: countPicked
    };
    Object.keys(buttons).forEach(function (name) { buttons[name].addEventListener("click", actions[name]); });
    document.addEventListener("fullscreenchange", onFullscreenChange);
    questions.forEach(function (q) {
      q.$options.forEach(function ($option) {
        $option.tabIndex = -1;  // focused by its number key: the option counted by + and −
        $option.querySelectorAll("[data-tally]").forEach(function ($button) {
          $button.addEventListener("click", function () { room.count(q, $option.dataset.option, Number($button.dataset.tally)); });
        });
      });
    });
    var $oneKey = required($root, ".dpup-trainer__one-key input");
    var setting = DPUP.answerStore.get("trainer-settings", "keys");
    var $keysOff = required($root, ".dpup-trainer__keys-off");
    $oneKey.checked = !(setting && setting.oneKey === false);
    $keysOff.hidden = $oneKey.checked;  // the bar says so while they are off
    $oneKey.addEventListener("change", function () {
      $keysOff.hidden = $oneKey.checked;
      DPUP.answerStore.set("trainer-settings", "keys", { oneKey: $oneKey.checked });
      say($oneKey.checked ? "One-key shortcuts on." : "One-key shortcuts off: the buttons and the arrow keys still work.");
    });
    listenToKeys($root, $stage, required($root, ".dpup-trainer__controls"), function () { return $oneKey.checked; }, actions, function () {
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
