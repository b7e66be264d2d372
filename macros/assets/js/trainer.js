/* Trainer (projector) mode: one question per screen, answer hidden until revealed, keyboard
   control, an optional timer that only counts (it never reveals or submits anything). */
(function (DPUP) {
  "use strict";

  function formatTime(seconds) {
    var whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function initTrainer($root) {
    var $slides = Array.prototype.slice.call($root.querySelectorAll(".dpup-slide"));
    var $status = $root.querySelector(".dpup-trainer__status");
    var $timer = $root.querySelector(".dpup-trainer__timer");
    if ($slides.length === 0 || !$status || !$timer) throw new Error("DPUP trainer: missing slides, status or timer");
    var buttons = {};
    $root.querySelectorAll("[data-action]").forEach(function ($button) {
      buttons[$button.dataset.action] = $button;
      $button.hidden = false;
    });
    $root.querySelector(".dpup-trainer__keys").hidden = false;
    $timer.hidden = false;
    if (!document.fullscreenEnabled) buttons.fullscreen.hidden = true;

    var current = 0;
    var timer = { elapsed: 0, startedAt: null, interval: null };

    function slide() { return $slides[current]; }
    function isQuestion() { return !slide().classList.contains("dpup-slide--final"); }
    function answerOf($slide) { return $slide.querySelector(".dpup-slide__answer"); }

    function setRevealed($slide, revealed) {
      var $answer = answerOf($slide);
      if (!$answer) return;
      $answer.hidden = !revealed;
      $slide.querySelectorAll(".dpup-slide__option").forEach(function ($option) {
        var correct = revealed && $option.dataset.option === $slide.dataset.correctKey;
        if (correct) $option.dataset.correct = "true"; else $option.removeAttribute("data-correct");
      });
    }

    function show(index) {
      current = Math.max(0, Math.min($slides.length - 1, index));
      $slides.forEach(function ($slide, i) { $slide.hidden = i !== current; });
      buttons.prev.disabled = current === 0;
      buttons.next.disabled = current === $slides.length - 1;
      buttons.reveal.disabled = !isQuestion();
      buttons.reveal.textContent = answerOf(slide()) && !answerOf(slide()).hidden ? "Hide answer" : "Reveal answer";
      var $count = slide().querySelector(".dpup-slide__count");
      $status.textContent = $count ? $count.textContent : "End of quiz";
    }

    function toggleReveal() {
      if (!isQuestion()) return;
      var revealed = answerOf(slide()).hidden;
      setRevealed(slide(), revealed);
      buttons.reveal.textContent = revealed ? "Hide answer" : "Reveal answer";
      $status.textContent = revealed ? "Answer: " + slide().dataset.correctKey : "Answer hidden";
    }

    function highlight(number) {
      var $options = slide().querySelectorAll(".dpup-slide__option");
      if (number < 1 || number > $options.length) return;
      $options.forEach(function ($option, i) {
        if (i === number - 1) $option.dataset.highlighted = "true"; else $option.removeAttribute("data-highlighted");
      });
      $status.textContent = "Option " + $options[number - 1].dataset.option + " highlighted";
    }

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

    buttons.prev.addEventListener("click", function () { show(current - 1); });
    buttons.next.addEventListener("click", function () { show(current + 1); });
    buttons.reveal.addEventListener("click", toggleReveal);
    buttons.timer.addEventListener("click", toggleTimer);
    buttons["reset-timer"].addEventListener("click", resetTimer);
    buttons.fullscreen.addEventListener("click", function () { $root.requestFullscreen(); });

    function onKey(event) {
      if (!document.body.contains($root)) {  // the page was replaced (instant navigation)
        document.removeEventListener("keydown", onKey);
        clearInterval(timer.interval);
        return;
      }
      if ($root.closest("[hidden]")) return;  // not the visible mode (offline pack)
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      var key = event.key;
      if (key === "ArrowRight" || key === "PageDown") show(current + 1);
      else if (key === "ArrowLeft" || key === "PageUp") show(current - 1);
      else if (key === "r" || key === "R") toggleReveal();
      else if (key === "t" || key === "T") toggleTimer();
      else if (/^[1-9]$/.test(key)) highlight(Number(key));
      else return;
      event.preventDefault();
      event.stopPropagation();  // keep the theme's own shortcuts out of the way
    }
    document.addEventListener("keydown", onKey, true);

    $root.classList.add("dpup-trainer--active");
    $slides.forEach(function ($slide) { setRevealed($slide, false); });
    show(0);
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.trainer = initTrainer;
})(window.DPUP = window.DPUP || {});
