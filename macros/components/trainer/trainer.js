/* Trainer (projector) mode's deck: one slide per screen (join, questions, summary), the answer
   hidden until revealed, keyboard control, full screen and a timer that only counts. The room's
   hands, sessions and summary are trainer-room.js's; the counting rules are trainer-core.js's. */
(function (DPUP) {
  "use strict";

  const core = DPUP.trainerCore;

  /**
   * A question slide as the deck and the room need it.
   *
   * @typedef {object} Question
   * @property {string} id - the slide's data-question-id
   * @property {number} number - 1 for the first question
   * @property {string} stem - the question's words
   * @property {string} correctKey - the correct option's key, such as "C"
   * @property {string[]} keys - the options' keys, in order
   * @property {{key: string, text: string}[]} options - each option's key and whole text
   * @property {HTMLElement} $slide
   * @property {HTMLElement[]} $options - one per option: focused when picked for counting
   */

  /**
   * A time in minutes and seconds: "1:05".
   *
   * @param {number} seconds
   * @returns {string}
   */
  function formatTime(seconds) {
    const whole = Math.floor(seconds);
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  /**
   * "A and B", "A, B and C".
   *
   * @param {string[]} keys
   * @returns {string}
   */
  function listed(keys) {
    if (keys.length < 2) return keys.join("");
    return keys.slice(0, -1).join(", ") + " and " + keys[keys.length - 1];
  }

  // Where the keys of presentation software go back and forth (also on the bar's slide buttons).
  const NAVIGATION = /^(Arrow(Left|Right)|Page(Up|Down)|Home|End)$/;

  // A long explanation is shrunk in steps of 5%, to no less than 70% of the options' size (24px
  // options on a 1280x720 projector keep the answer at 17px or more).
  const ANSWER_FIT_STEP = 0.05;
  const MIN_ANSWER_FIT = 0.7;

  /**
   * The timer on the bar: it only counts, from when it is started, and the status region says
   * when it starts, pauses or is reset.
   */
  class Timer {
    /** @type {number} seconds counted before the last pause */
    #elapsed = 0;

    /** @type {number | null} when it was last started (Date.now()), or null while paused */
    #startedAt = null;

    /** @type {number | undefined} the interval that redraws it while it runs */
    #interval;

    /** @type {HTMLElement} the time shown */
    #display;

    /** @type {HTMLButtonElement} Start, Pause or Resume */
    #button;

    /** @type {function(string): void} the deck's status region */
    #say;

    /**
     * @param {HTMLElement} $display
     * @param {HTMLButtonElement} $button
     * @param {function(string): void} say
     */
    constructor($display, $button, say) {
      this.#display = $display;
      this.#button = $button;
      this.#say = say;
    }

    /**
     * Seconds counted so far.
     *
     * @returns {number}
     */
    #seconds() {
      return this.#elapsed + (this.#startedAt ? (Date.now() - this.#startedAt) / 1000 : 0);
    }

    /**
     * Shows the time counted so far.
     */
    #tick() {
      this.#display.textContent = formatTime(this.#seconds());
    }

    /**
     * Starts, pauses or resumes the timer.
     */
    toggle() {
      if (this.#startedAt) {
        this.#elapsed = this.#seconds();
        this.#startedAt = null;
        clearInterval(this.#interval);
        this.#button.textContent = "Resume timer";
        this.#say("Timer paused at " + formatTime(this.#elapsed) + ".");
      } else {
        this.#say(this.#elapsed ? "Timer resumed." : "Timer started.");
        this.#startedAt = Date.now();
        this.#interval = setInterval(() => this.#tick(), 250);
        this.#button.textContent = "Pause timer";
      }
      this.#tick();
    }

    /**
     * Back to 0:00, stopped.
     */
    reset() {
      clearInterval(this.#interval);
      this.#elapsed = 0;
      this.#startedAt = null;
      this.#button.textContent = "Start timer";
      this.#say("Timer reset to 0:00.");
      this.#tick();
    }

    /**
     * Stops counting for good: the page was replaced.
     */
    stop() {
      clearInterval(this.#interval);
    }
  }

  /**
   * Trainer mode: [data-dpup-widget="trainer"]. The deck shows one slide at a time; its room
   * (DPUP.TrainerRoom) counts the hands and keeps the sessions.
   */
  class Trainer extends DPUP.Widget {
    /** @type {HTMLElement[]} every slide: join, the questions, the summary */
    #slides;

    /** @type {Question[]} the question slides, in quiz order */
    #questions;

    /** @type {Record<string, Question>} by question id */
    #byId = {};

    /** @type {number} the index in #slides of the slide shown */
    #current = 0;

    /** @type {HTMLElement} the live region: what the deck says */
    #status;

    /** @type {HTMLElement} the slides: where the keys work */
    #stage;

    /** @type {HTMLElement} the bar's slide buttons */
    #controls;

    /** @type {Record<string, HTMLButtonElement>} the bar's buttons, by their data-action */
    #buttons = {};

    /** @type {Timer} */
    #timer;

    /** @type {DPUP.TrainerRoom} the show of hands and the sessions */
    #room;

    /** @type {HTMLInputElement} the one-key shortcuts switch */
    #oneKey;

    /** @type {HTMLElement} "(one-key off)" on the bar */
    #keysOff;

    /**
     * @param {HTMLElement} $root
     */
    constructor($root) {
      super($root);
      // Without this script each answer is behind "Show the answer"; the deck reveals it instead.
      DPUP.answersDom.all($root, "details.dpup-slide__reveal").forEach(($details) => {
        $details.replaceWith(this.part(".dpup-slide__answer", $details));
      });
      this.#slides = this.parts(".dpup-slide");
      this.#status = this.part(".dpup-trainer__status");
      this.#stage = this.part(".dpup-trainer__stage");
      this.#controls = this.part(".dpup-trainer__controls");
      this.#questions = this.parts(".dpup-slide--question").map(($slide, index) => this.#readQuestion($slide, index));
      this.#questions.forEach((question) => {
        this.#byId[question.id] = question;
      });
      ["prev", "reveal", "next", "timer", "reset-timer", "fullscreen"].forEach((action) => {
        this.#buttons[action] = this.part(`[data-action="${action}"]`);
      });
      this.#oneKey = this.part(".dpup-trainer__one-key input");
      this.#keysOff = this.part(".dpup-trainer__keys-off");
      this.part(".dpup-trainer__without-script").hidden = true;
      // The parts that work only with this script are built hidden.
      const withScript = [
        "[data-action]", ".dpup-trainer__keys", ".dpup-trainer__timer", ".dpup-summary", ".dpup-tally__buttons",
      ];
      DPUP.answersDom.all($root, withScript.join(", ")).forEach(($part) => {
        $part.hidden = false;
      });
      if (!document.fullscreenEnabled) this.#buttons.fullscreen.hidden = true;
      this.#timer = new Timer(this.part(".dpup-trainer__timer"), this.#buttons.timer, (text) => this.say(text));
      this.#room = new DPUP.TrainerRoom(this, this.#questions);
      this.#listen();
      $root.classList.add("dpup-trainer--active");
      this.#showJoin();
      this.#questions.forEach((question) => this.#setRevealed(question, false));
      this.#show(0);
    }

    /**
     * One question slide's parts and words.
     *
     * @param {HTMLElement} $slide
     * @param {number} index - 0 for the first question
     * @returns {Question}
     */
    #readQuestion($slide, index) {
      const $options = this.parts(".dpup-slide__option", $slide);
      return {
        id: $slide.dataset.questionId,
        number: index + 1,
        stem: this.part(".dpup-slide__stem", $slide).textContent.trim(),
        correctKey: $slide.dataset.correctKey,
        keys: $options.map(($option) => $option.dataset.option),
        options: $options.map(($option) => {
          // The option's whole text, te reo Māori and abbreviation markup included; not its badge.
          const $text = this.part(".dpup-slide__text", $option).cloneNode(true);
          $text.querySelectorAll(".dpup-slide__badge").forEach(($badge) => $badge.remove());
          return { key: $option.dataset.option, text: $text.textContent.replace(/\s+/g, " ").trim() };
        }),
        $slide,
        $options,
      };
    }

    /**
     * Says `text` in the deck's status region.
     *
     * @param {string} text
     */
    say(text) {
      this.#status.textContent = text;
    }

    /**
     * Whether a question's answer is shown.
     *
     * @param {Question} question
     * @returns {boolean}
     */
    isRevealed(question) {
      return !this.#answerOf(question).hidden;
    }

    /**
     * Puts focus on the slides, where the keys work, without scrolling.
     */
    focusSlides() {
      this.#stage.focus({ preventScroll: true });
    }

    /**
     * The slide shown.
     *
     * @returns {HTMLElement}
     */
    #slide() {
      return this.#slides[this.#current];
    }

    /**
     * The question on the slide shown, or null on the join and summary slides.
     *
     * @returns {Question | null}
     */
    #question() {
      return this.#byId[this.#slide().dataset.questionId] || null;
    }

    /**
     * A question's answer, taken out of its disclosure when the deck started.
     *
     * @param {Question} question
     * @returns {HTMLElement}
     */
    #answerOf(question) {
      return this.part(".dpup-slide__answer", question.$slide);
    }

    /**
     * The built QR code is for the address the site was built for (site_url); the join slide
     * says what this copy can offer phones, from the address the browser really has (see
     * joinAddress in trainer-core.js).
     */
    #showJoin() {
      const $join = this.$root.querySelector(".dpup-slide--join .dpup-join");
      if (!$join) return;
      // The quiz page's address from the "Back to the quiz" link, which every engine rewrites to
      // the page's real address (Zensical re-bases links in raw HTML, not data attributes).
      const $back = this.$root.querySelector("a.dpup-trainer__back");
      const here = $back ? $back.href : window.location.href;  // the offline pack: the quiz is this file
      const join = core.joinAddress(here, $join.dataset.published || "");
      const unreachable = join.where === "file" && !join.code;
      const $code = $join.querySelector(".dpup-join__code");
      if ($code) $code.hidden = !join.code;
      const $address = this.part(".dpup-join__address", $join);
      const address = join.code || join.address;
      $address.textContent = address;
      // A file's path means nothing to the room: the sentence below says what it needs to know.
      $address.parentNode.hidden = unreachable;
      if (unreachable) $address.removeAttribute("href");
      else $address.setAttribute("href", address);
      const leads = {
        web: "Type this address on your phone:", local: "This quiz’s address:", file: "",
      };
      const lead = join.code ? "Point your phone’s camera at the code, or type the address:" : leads[join.where];
      const $lead = this.part(".dpup-join__lead", $join);
      $lead.textContent = lead;
      $lead.hidden = !lead;
      const notes = {
        web: "",
        local: "This is a preview on this computer: phones can’t open it.",
        file: "This copy was opened from a file: phones can’t open it.",
      };
      let note = notes[join.where];
      if (note && join.code) {
        note += " The code opens the quiz on the published site instead (phones need the internet).";
      }
      const $note = this.part(".dpup-join__none", $join);
      $note.textContent = note;
      $note.hidden = !note;
      $join.dataset.where = join.where;
      $join.dataset.code = String(Boolean(join.code));  // no code: the address to type is shown large
    }

    /**
     * Shows or hides a question's answer, and marks the correct option while it shows.
     *
     * @param {Question} question
     * @param {boolean} revealed
     */
    #setRevealed(question, revealed) {
      this.#answerOf(question).hidden = !revealed;
      // trainer.css lays the revealed slide out in columns
      question.$slide.dataset.revealed = String(revealed);
      question.$options.forEach(($option) => {
        if (revealed && $option.dataset.option === question.correctKey) $option.dataset.correct = "true";
        else $option.removeAttribute("data-correct");
      });
      this.#room.drawTally(question);
      this.#fitAnswer();
    }

    /**
     * Fits a revealed slide to the stage without scrolling, the options keeping their size: first
     * by giving the answer the wider column, then by shrinking the answer in steps, down to
     * MIN_ANSWER_FIT of its size. A quiz is written by its trainer, so an explanation of any length
     * has to fit the projector it is shown on.
     */
    #fitAnswer() {
      const $stage = this.#stage;
      const overflow = () => $stage.scrollHeight - $stage.clientHeight;
      $stage.style.removeProperty("--dpup-answer-fit");
      const question = this.#question();
      if (!question) return;
      const $slide = question.$slide;
      delete $slide.dataset.wideAnswer;
      if (!this.isRevealed(question) || overflow() <= 0) return;
      const narrowOverflow = overflow();
      $slide.dataset.wideAnswer = "";
      if (overflow() > narrowOverflow) delete $slide.dataset.wideAnswer;
      let fit = 1;
      while (overflow() > 0 && fit > MIN_ANSWER_FIT) {
        fit = Math.round((fit - ANSWER_FIT_STEP) * 100) / 100;
        $stage.style.setProperty("--dpup-answer-fit", String(fit));
      }
    }

    /**
     * Shows the slide at `index` (kept within the deck) and says what it is.
     *
     * @param {number} index
     */
    #show(index) {
      if (this.#question()) this.#notice(this.#question(), "");
      const focusInSlides = this.#stage.contains(document.activeElement);
      this.#current = Math.max(0, Math.min(this.#slides.length - 1, index));
      this.#slides.forEach(($slide, i) => {
        $slide.hidden = i !== this.#current;
      });
      this.#stage.scrollTop = 0;
      this.#fitAnswer();
      const question = this.#question();
      this.#buttons.prev.disabled = this.#current === 0;
      this.#buttons.next.disabled = this.#current === this.#slides.length - 1;
      this.#buttons.reveal.disabled = !question;
      this.#buttons.reveal.textContent = question && this.isRevealed(question) ? "Hide answer" : "Reveal answer";
      if (!question) this.#room.drawSummary();
      // A question is announced with its number and its words ("Question 2 of 6: Which …").
      const $count = this.#slide().querySelector(".dpup-slide__count");
      const stem = this.part(".dpup-slide__stem", this.#slide()).textContent.trim();
      this.say($count ? $count.textContent.trim() + ": " + stem : stem);
      // Focus on the slide left behind would fall out of the slides, and the keys with it.
      if (focusInSlides && !this.#slide().contains(document.activeElement)) this.focusSlides();
    }

    /**
     * A sentence on the question's slide for the trainer (and the status region), as long as
     * they stay on it: a count key for an option the question does not have. "" removes it.
     *
     * @param {Question} question
     * @param {string} text
     */
    #notice(question, text) {
      const $notice = this.part(".dpup-slide__notice", question.$slide);
      $notice.textContent = text;
      $notice.hidden = !text;
      if (text) this.say(text);
    }

    /**
     * "Reveal answer" and "Hide answer".
     */
    #toggleReveal() {
      const question = this.#question();
      if (!question) return;
      const revealed = !this.isRevealed(question);
      this.#setRevealed(question, revealed);
      // The room looks at the correct answer now: the focus ring on an option picked for
      // counting beside it looked like a second answer. 1–9 picks again.
      if (revealed && this.#picked(question)) this.focusSlides();
      this.#buttons.reveal.textContent = revealed ? "Hide answer" : "Reveal answer";
      const room = this.part(".dpup-slide__room", question.$slide).textContent;
      this.say(revealed ? "Answer: " + question.correctKey + ". " + room : "Answer hidden");
    }

    /**
     * The option picked for counting is the one that has focus (the number keys focus it), so
     * the trainer's focus ring is all that marks it: before the reveal nothing else singles out
     * an option, which a room would read as a hint.
     *
     * @param {Question} question
     * @returns {HTMLElement | null}
     */
    #picked(question) {
      return question.$options.find(($option) => $option.contains(document.activeElement)) || null;
    }

    /**
     * A number key: picks that option for counting.
     *
     * @param {number} number - 1 for the first option
     */
    #pick(number) {
      const question = this.#question();
      if (!question) return;
      if (number > question.$options.length) {
        const $kept = this.#picked(question);
        const kept = $kept ? " " + $kept.dataset.option + " is still picked." : "";
        this.#notice(question, "Question " + question.number + " has options " + listed(question.keys) + "." + kept);
        return;
      }
      this.#notice(question, "");
      question.$options[number - 1].focus({ preventScroll: true });
      const key = question.keys[number - 1];
      this.say("Option " + key + " picked: " + core.handsText(this.#room.hands(question, key)));
    }

    /**
     * + and −: one hand more or fewer for the option picked.
     *
     * @param {number} delta - 1 or -1
     */
    #countPicked(delta) {
      const question = this.#question();
      if (!question) return;
      this.#notice(question, "");
      const $picked = this.#picked(question);
      if (!$picked) this.say("Pick an option first with 1 to " + question.keys.length + ".");
      else this.#room.count(question, $picked.dataset.option, delta);
    }

    /**
     * Full screen on or off, where the browser offers it.
     */
    #toggleFullscreen() {
      if (!document.fullscreenEnabled) return;
      const request = document.fullscreenElement ? document.exitFullscreen() : this.$root.requestFullscreen();
      if (request && request.catch) request.catch(() => this.say("Full screen is not available here."));
    }

    /**
     * The deck went in or out of full screen (by its button, F, or the browser's Esc).
     */
    #onFullscreenChange() {
      const on = document.fullscreenElement === this.$root;
      this.#buttons.fullscreen.textContent = on ? "Exit full screen" : "Full screen";
      this.$root.classList.toggle("dpup-trainer--fullscreen", on);
      // Focus leaves the bar so that it hides; Shift+Tab from the slide brings it back.
      if (on) this.#stage.focus({ preventScroll: true });
    }

    /**
     * What each key does, as in presentation software.
     *
     * @returns {Record<string, function(): void>}
     */
    #keys() {
      const more = () => this.#countPicked(1);
      const fewer = () => this.#countPicked(-1);
      return {
        ArrowRight: () => this.#show(this.#current + 1),
        PageDown: () => this.#show(this.#current + 1),
        ArrowLeft: () => this.#show(this.#current - 1),
        PageUp: () => this.#show(this.#current - 1),
        Home: () => this.#show(0),
        End: () => this.#show(this.#slides.length - 1),
        r: () => this.#toggleReveal(),
        t: () => this.#timer.toggle(),
        f: () => this.#toggleFullscreen(),
        ArrowUp: more,
        "+": more,
        "=": more,  // + without Shift on most keyboards
        ArrowDown: fewer,
        "-": fewer,
      };
    }

    /**
     * Wires the bar's buttons, the options' + and − buttons, the one-key switch and the keys.
     */
    #listen() {
      const buttons = this.#buttons;
      buttons.prev.addEventListener("click", () => this.#show(this.#current - 1));
      buttons.next.addEventListener("click", () => this.#show(this.#current + 1));
      buttons.reveal.addEventListener("click", () => this.#toggleReveal());
      buttons.timer.addEventListener("click", () => this.#timer.toggle());
      buttons["reset-timer"].addEventListener("click", () => this.#timer.reset());
      buttons.fullscreen.addEventListener("click", () => this.#toggleFullscreen());
      const onFullscreenChange = () => this.#onFullscreenChange();
      document.addEventListener("fullscreenchange", onFullscreenChange);
      window.addEventListener("resize", () => this.#fitAnswer());
      this.#questions.forEach((question) => {
        question.$options.forEach(($option) => {
          $option.tabIndex = -1;  // focused by its number key: the option counted by + and −
          $option.querySelectorAll("[data-tally]").forEach(($button) => {
            $button.addEventListener("click", () => {
              this.#room.count(question, $option.dataset.option, Number($button.dataset.tally));
            });
          });
        });
      });
      const setting = DPUP.answersStore.get("trainer-settings", "keys");
      this.#oneKey.checked = !(setting && setting.oneKey === false);
      this.#keysOff.hidden = this.#oneKey.checked;  // the bar says so while they are off
      this.#oneKey.addEventListener("change", () => {
        const on = this.#oneKey.checked;
        this.#keysOff.hidden = on;
        DPUP.answersStore.set("trainer-settings", "keys", { oneKey: on });
        this.say(on ? "One-key shortcuts on." : "One-key shortcuts off: the buttons and the arrow keys still work.");
      });
      const keys = this.#keys();
      const onKey = (event) => {
        if (!document.body.contains(this.$root)) {  // the page was replaced (instant navigation)
          document.removeEventListener("keydown", onKey, true);
          document.removeEventListener("fullscreenchange", onFullscreenChange);
          this.#timer.stop();
          this.#room.stop();
          return;
        }
        this.#onKey(event, keys);
      };
      document.addEventListener("keydown", onKey, true);
    }

    /**
     * The deck's keys. They work while focus is in the slides or on nothing that acts (the page
     * itself, or words that took focus), never on a link, a disclosure or a field elsewhere; the
     * arrows, Page Up/Down, Home and End also work on the bar's slide buttons (a presenter's
     * clicker sends Page Down after a click on Next). The one-character keys (letters, digits, +
     * and −, Space) work only while the one-key switch is on: the trainer can turn them off (WCAG
     * 2.1.4), for speech input or a screen reader's own keys.
     *
     * @param {KeyboardEvent} event
     * @param {Record<string, function(): void>} keys - what each key does
     */
    #onKey(event, keys) {
      if (this.$root.closest("[hidden]")) return;  // not the visible mode (offline pack)
      const target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      const navigation = NAVIGATION.test(event.key);
      // On the page itself, or on words that took focus (the question about an earlier session).
      const onPage = target === document.body || target === document.documentElement ||
        (this.$root.contains(target) && !target.closest("a, button, summary, label, details"));
      const onSlideButton = this.#controls.contains(target) && target.tagName === "BUTTON";
      if (!this.#stage.contains(target) && !onPage && !(onSlideButton && navigation)) return;
      if (!navigation && !this.#oneKey.checked) return;
      // Enter and Space stay with the focused button or link; everything else is ours. Space
      // elsewhere moves on, as in presentation software (it used to scroll the deck off screen).
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const onControl = target.closest && target.closest("button, a[href], summary, [role=button]");
      if (key === " " && !onControl) this.#show(this.#current + (event.shiftKey ? -1 : 1));
      else if (/^[1-9]$/.test(key)) this.#pick(Number(key));
      else if (Object.hasOwn(keys, key)) keys[key]();
      else return;
      event.preventDefault();
      event.stopPropagation();  // keep the theme's own shortcuts out of the way
    }
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.trainer = ($root) => new Trainer($root);
})(window.DPUP = window.DPUP || {});
