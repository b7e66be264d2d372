/* Trainer mode's room: the show of hands on each question, the session it belongs to, the
   end-of-quiz summary and the sessions saved in this browser. The deck (trainer.js) makes one,
   new DPUP.TrainerRoom(trainer, questions). Each workshop is one saved session,
   dpup.trainer-sessions.<quiz id>.<session id> = {started, counts, windows}, so one room's
   counts never show at the next; counts saved before sessions existed
   (dpup.trainer.<quiz id>.<question id>) become the first session. Needs trainer-core.js and
   the answers component (answers-*.js). */
(function (DPUP) {
  "use strict";

  const core = DPUP.trainerCore;

  /**
   * @typedef {import("./trainer-core.js").Session} Session
   * @typedef {import("./trainer-core.js").Counts} Counts
   * @typedef {import("./trainer.js").Question} Question
   */

  /**
   * When a session started, as the room's sentences say it.
   *
   * @param {string | null} started
   * @returns {string} "started Sun, 6 December 2026 at 7:33 am"
   */
  function when(started) {
    if (!started) return "before sessions were kept apart";
    return "started " + core.startedText(started);
  }

  /**
   * A session in words: when it started and what it holds.
   *
   * @param {Session} session
   * @returns {string} "started …: 2 questions, 14 hands"
   */
  function describe(session) {
    const size = core.sessionSize(session);
    const questions = size.questions + (size.questions === 1 ? " question, " : " questions, ");
    return when(session.started) + ": " + questions + core.handsText(size.hands);
  }

  /**
   * The room: [data-dpup-widget="trainer"]'s show of hands and sessions.
   */
  class TrainerRoom {
    /** @type {DPUP.Widget} the deck (trainer.js): its parts, say(), isRevealed() and focusSlides() */
    #deck;

    /** @type {Question[]} in quiz order */
    #questions;

    /** @type {string} */
    #quizId;

    /** @type {string} where the sessions are saved: "trainer-sessions.<quiz id>" */
    #namespace;

    /**
     * @type {string} this window's presses are kept apart from every other window's in the
     * saved session, so that two windows counting at once never undo each other (press() in
     * trainer-core.js)
     */
    #windowId = "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);

    /**
     * @type {{id: string, session: Session, saved: boolean, chosen: boolean}} the session
     * counted here. chosen: the trainer started or continued this session here; until then, a
     * window opened beside one that counts follows that window's session.
     */
    #current;

    /** @type {Record<string, boolean>} questions counted in this page: their counts show before the reveal */
    #counting = {};

    /** @type {HTMLElement} the summary slide's parts */
    #summary;

    /** @type {HTMLElement} "Clear the hands counted…? Yes / No" */
    #confirm;

    /** @type {HTMLElement} "Continue that session, or start a new one?" */
    #resume;

    /** @type {HTMLDetailsElement} Sessions, on the bar */
    #sessions;

    /** @type {function(StorageEvent): void} */
    #onStorage = (event) => this.#storageChanged(event);

    /**
     * @param {DPUP.Widget} deck - the Trainer: its parts, status region and slides
     * @param {Question[]} questions
     */
    constructor(deck, questions) {
      this.#deck = deck;
      this.#questions = questions;
      this.#quizId = deck.setting("data-quiz-id");
      this.#namespace = "trainer-sessions." + this.#quizId;
      this.#summary = deck.part(".dpup-summary");
      this.#confirm = deck.part(".dpup-summary__confirm");
      this.#resume = deck.part(".dpup-trainer__resume");
      this.#sessions = deck.part(".dpup-trainer__sessions");
      this.#current = { id: core.sessionId(new Date()), session: this.#emptySession(), saved: false, chosen: false };
      this.#migrate();
      this.#listen();
      this.#sessions.hidden = false;
      this.#offerToContinue();
      this.#drawSessions();
    }

    /* --- what the deck asks ------------------------------------------------------------------ */

    /**
     * One press: `delta` 1 one more hand for option `key`, -1 one fewer. Saved at once, with any
     * presses another window saved meanwhile.
     *
     * @param {Question} question
     * @param {string} key
     * @param {number} delta
     */
    count(question, key, delta) {
      const store = DPUP.answersStore;
      this.#counting[question.id] = true;
      this.#current.chosen = true;
      const questions = this.#questions;
      const session = core.press(this.#current.session, questions, this.#windowId, question.id, key, delta);
      // Another window's presses saved since this one last heard of them are kept (storage
      // events arrive a moment late).
      const stored = core.readSession(store.get(this.#namespace, this.#current.id), questions);
      this.#current.session = stored ? core.mergeSessions(session, stored, questions) : session;
      this.#resume.hidden = true;  // counting in this session answers "continue or start a new one"
      // set() returns false when the browser refuses to save (full, blocked, private mode).
      if (!store.set(this.#namespace, this.#current.id, core.toSaved(this.#current.session))) {
        this.#deck.say("The count could not be saved in this browser (storage is full or blocked); " +
          "it is kept until the page closes.");
        this.drawTally(question);
        return;
      }
      this.#current.saved = true;
      this.drawTally(question);
      this.drawSummary();
      this.#drawSessions();
      this.#deck.say(key + ": " + core.handsText(this.#current.session.counts[question.id][key]));
    }

    /**
     * The hands option `key` has in this session.
     *
     * @param {Question} question
     * @param {string} key
     * @returns {number}
     */
    hands(question, key) {
      return this.#current.session.counts[question.id][key];
    }

    /**
     * One question's hands: the running count (shown while the trainer counts it here, or once
     * revealed), then after the reveal a bar and share per option and the room's sentence in the
     * answer.
     *
     * @param {Question} question
     */
    drawTally(question) {
      const counts = this.#current.session.counts[question.id];
      const revealed = this.#deck.isRevealed(question);
      const hands = core.total(counts);
      const shown = (revealed || Boolean(this.#counting[question.id])) && hands > 0;
      const bars = {};
      core.chart(counts, question.keys).forEach((bar) => {
        bars[bar.key] = bar;
      });
      question.$options.forEach(($option) => {
        const bar = bars[$option.dataset.option];
        const $tally = this.#deck.part(".dpup-tally", $option);
        // Before the reveal the trainer sees the running count only; the chart (bar and share)
        // appears with the answer, so the room is not led by it.
        $tally.hidden = !shown;
        $tally.dataset.revealed = String(revealed);
        this.#deck.part(".dpup-tally__text", $tally).textContent =
          core.handsText(bar.hands) + (revealed ? ", " + bar.percent + "%" : "");
        // The longest bar takes 70% of its column, leaving room for its words.
        this.#deck.part(".dpup-tally__bar", $tally).style.width = revealed ? (bar.share * 70) + "%" : "0";
      });
      const correct = question.correctKey;
      const percent = core.percentages(counts, question.keys)[correct];
      this.#deck.part(".dpup-slide__room", question.$slide).textContent = hands === 0 ? ""
        : "The room: " + core.handsText(hands) + " counted; " + counts[correct] + " (" + percent + "%) chose " +
          correct + ".";
    }

    /**
     * The summary slide: the questions the room found hardest, or that none were counted.
     */
    drawSummary() {
      const results = core.results(this.#questions, this.#current.session.counts);
      const counted = results.filter((result) => result.hands > 0);
      const hardest = core.hardest(results, 3);
      const $summary = this.#summary;
      this.#deck.part(".dpup-summary__none", $summary).hidden = counted.length > 0;
      this.#deck.part(".dpup-summary__found", $summary).hidden = counted.length === 0;
      this.#deck.part(".dpup-summary__all-right", $summary).hidden = counted.length === 0 || hardest.length > 0;
      const $hardest = this.#deck.part(".dpup-summary__hardest", $summary);
      $hardest.querySelectorAll("li").forEach(($item) => {
        $item.hidden = true;
      });
      hardest.forEach((result) => {
        const $item = this.#deck.part('li[data-question-id="' + result.id + '"]', $hardest);
        this.#deck.part(".dpup-summary__result", $item).textContent = result.correct + " of " +
          core.handsText(result.hands) + " (" + result.percentCorrect + "%) on the correct answer.";
        $item.hidden = false;
        $hardest.appendChild($item);  // in order, hardest first
      });
    }

    /**
     * Stops listening to other windows: the page was replaced.
     */
    stop() {
      window.removeEventListener("storage", this.#onStorage);
    }

    /* --- sessions ---------------------------------------------------------------------------- */

    /**
     * A new session, started now, with no hands.
     *
     * @returns {Session}
     */
    #emptySession() {
      return core.readSession({ started: new Date().toISOString(), counts: {} }, this.#questions);
    }

    /**
     * The sessions saved in this browser that hold any hands, read defensively.
     *
     * @returns {Record<string, Session>} by id
     */
    #saved() {
      const found = {};
      const entries = DPUP.answersStore.entries(this.#namespace);
      Object.keys(entries).forEach((id) => {
        const session = core.readSession(entries[id], this.#questions);
        // counted down to none: nothing kept
        if (session && core.sessionSize(session).hands > 0) found[id] = session;
      });
      return found;
    }

    /**
     * Counts from before sessions were kept apart become one session; the old entries go only
     * once it is saved, so nothing is lost if the browser refuses the write.
     */
    #migrate() {
      const store = DPUP.answersStore;
      const questions = this.#questions;
      const old = core.fromOldEntries(store.entries("trainer." + this.#quizId), questions);
      if (!old) return;
      // A window still running the old code may save old entries after they were moved: they
      // join the moved session (the larger count of each option), never replace it.
      const moved = core.readSession(store.get(this.#namespace, "s0"), questions);
      const session = moved ? core.mergeSessions(moved, old, questions) : old;
      if (store.set(this.#namespace, "s0", core.toSaved(session))) store.clear("trainer." + this.#quizId);
    }

    /**
     * Counts `session` here from now on.
     *
     * @param {string} id
     * @param {Session} session
     * @param {boolean} isSaved - whether it is saved in this browser already
     */
    #use(id, session, isSaved) {
      this.#current = { id, session, saved: isSaved, chosen: true };
      this.#counting = {};
      this.#drawAll();
    }

    /**
     * A new session, started now.
     */
    #startNew() {
      this.#use(core.sessionId(new Date()), this.#emptySession(), false);
    }

    /**
     * Every question's tally, the summary and the list of sessions, drawn again.
     */
    #drawAll() {
      this.#questions.forEach((question) => this.drawTally(question));
      this.drawSummary();
      this.#drawSessions();
    }

    /**
     * One row per saved session, from the row template in the markup: its name, Download, and
     * Delete, which asks first in the row itself.
     */
    #drawSessions() {
      const sessions = this.#saved();
      const $list = this.#deck.part(".dpup-sessions__list", this.#sessions);
      const $template = this.#deck.part("template", this.#sessions);
      const ids = core.newestFirst(sessions);
      this.#deck.part(".dpup-sessions__none", this.#sessions).hidden = ids.length > 0;
      $list.textContent = "";
      ids.forEach((id) => {
        const session = sessions[id];
        const name = when(session.started);
        const $item = $template.content.firstElementChild.cloneNode(true);
        const text = describe(session);
        $item.firstElementChild.textContent = text.charAt(0).toUpperCase() + text.slice(1) +
          (id === this.#current.id ? " (this session)" : "");
        $item.querySelectorAll("[data-label]").forEach(($labelled) => {
          $labelled.setAttribute("aria-label", $labelled.dataset.label.replace("#", name));
        });
        this.#deck.part(".dpup-sessions__when", $item).textContent = name;
        const $ask = this.#deck.part(".dpup-sessions__confirm", $item);
        const $delete = this.#deck.part('[data-row="delete"]', $item);
        const rowActions = {
          download: () => this.#download(session),
          delete: () => {
            $ask.hidden = false;
            $ask.focus();
          },
          yes: () => this.#remove(id),
          no: () => {
            $ask.hidden = true;
            $delete.focus();
            this.#deck.say("The session was kept.");
          },
        };
        $item.querySelectorAll("[data-row]").forEach(($button) => {
          $button.addEventListener("click", rowActions[$button.dataset.row]);
        });
        $list.appendChild($item);
      });
    }

    /**
     * Downloads a session's counts as a CSV file.
     *
     * @param {Session} session
     */
    #download(session) {
      const csv = DPUP.answersCore.toCsv([core.sessionRows(this.#questions, session.counts)]);
      DPUP.answersStore.download(core.csvName(this.#quizId, session.started), csv, "text/csv;charset=utf-8");
      this.#deck.say("The counts of the session " + when(session.started) + " were downloaded as a CSV file.");
    }

    /**
     * Deletes a saved session (after "Yes, delete them").
     *
     * @param {string} id
     */
    #remove(id) {
      DPUP.answersStore.remove(this.#namespace, id);
      if (id === this.#current.id) this.#startNew();
      else this.#drawSessions();
      this.#deck.say("The session was deleted.");
      this.#deck.part("summary", this.#sessions).focus();
    }

    /**
     * "Clear the counts" answered: Yes clears this session's counts and starts a new one.
     *
     * @param {boolean} confirmed
     */
    #clearSession(confirmed) {
      this.#confirm.hidden = true;
      const $clear = this.#deck.part('[data-session="clear"]', this.#summary);
      if (confirmed) {
        DPUP.answersStore.remove(this.#namespace, this.#current.id);
        this.#startNew();
        this.#deck.say("The counts for this session were cleared.");
      } else {
        this.#deck.say("The counts were kept.");
      }
      $clear.focus();
    }

    /**
     * On opening: with counts saved from an earlier session, ask whether to continue it ("Continue
     * that session" or "Start a new session"; either hides the question). Until the trainer
     * answers, the deck is a new session, so nothing of the last room shows.
     */
    #offerToContinue() {
      const sessions = this.#saved();
      const latest = core.newestFirst(sessions)[0];
      if (!latest) return;
      const $resume = this.#resume;
      this.#deck.part(".dpup-resume__which", $resume).textContent = describe(sessions[latest]);
      $resume.hidden = false;
      // Focus on the question, so that a screen reader reads it out on opening (the deck's keys
      // still work there: focus is on words, not on a control).
      this.#deck.part("p[tabindex]", $resume).focus({ preventScroll: true });
      this.#deck.part('[data-session="continue"]', $resume).onclick = () => {
        $resume.hidden = true;
        this.#deck.focusSlides();  // the question is gone: the keys work in the slides
        this.#use(latest, sessions[latest], true);
        this.#deck.say("Continuing the session " + when(sessions[latest].started) +
          ". Its counts show on each question after the reveal.");
      };
      this.#deck.part('[data-session="new"]', $resume).onclick = () => {
        $resume.hidden = true;
        this.#deck.focusSlides();
        this.#startNew();
        this.#deck.say("A new session: no hands counted yet. Earlier sessions are under Sessions.");
      };
    }

    /**
     * Another tab or window of this trainer changed the saved counts: merge them into this
     * session (and save the presses that window had not heard of yet), or follow the session
     * another window counts in while this one is freshly opened and has not chosen its own.
     *
     * @param {StorageEvent} event
     */
    #storageChanged(event) {
      const store = DPUP.answersStore;
      const questions = this.#questions;
      const current = this.#current;
      const prefix = store.key(this.#namespace, "");
      if (event.key !== null && event.key.indexOf(prefix) !== 0) return;  // null: storage cleared
      const id = event.key === null ? current.id : event.key.slice(prefix.length);
      const session = core.readSession(store.get(this.#namespace, id), questions);
      if (id === current.id) {
        if (session) {
          const merged = core.mergeSessions(current.session, session, questions);
          if (current.saved && core.knowsMore(current.session, session, questions)) {
            store.set(this.#namespace, id, core.toSaved(merged));
          }
          current.session = merged;
        } else if (current.saved) {
          this.#startNew();
        }
      } else if (session && !current.chosen && !current.saved && !core.sessionSize(current.session).hands) {
        this.#current = { id, session, saved: true, chosen: false };
      }
      this.#drawAll();
    }

    /**
     * Wires the summary's and the Sessions list's buttons, and listens to other windows.
     */
    #listen() {
      const on = (selector, $within, handler) => {
        this.#deck.part(selector, $within).addEventListener("click", handler);
      };
      on('[data-session="export"]', this.#summary, () => this.#download(this.#current.session));
      on('[data-session="clear"]', this.#summary, () => {
        this.#confirm.hidden = false;
        this.#deck.part("[tabindex]", this.#confirm).focus();
      });
      on('[data-session="confirm-clear"]', this.#summary, () => this.#clearSession(true));
      on('[data-session="keep"]', this.#summary, () => this.#clearSession(false));
      on('[data-session="start-new"]', this.#sessions, () => {
        this.#resume.hidden = true;
        // The new room is counted next: the list closes and the slides, where the keys work,
        // have focus.
        this.#sessions.open = false;
        this.#deck.focusSlides();
        this.#startNew();
        this.#deck.say("A new session: no hands counted yet.");
      });
      window.addEventListener("storage", this.#onStorage);
    }
  }

  DPUP.TrainerRoom = TrainerRoom;
})(window.DPUP = window.DPUP || {});
