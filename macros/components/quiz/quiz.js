/* The interactive quiz: enhances the server-rendered form (fieldsets of native radios). The
   correct answers, feedback and explanations are read from each question's "Show the answer"
   block, so the page stays complete without JavaScript. The scoring is quiz-core.js's; answers
   are saved by answers-store.js as dpup.quiz.<quiz id>.<question id>. */
(function (DPUP) {
  "use strict";

  const { make } = DPUP.answersDom;
  const core = DPUP.quizCore;

  /**
   * One question as the page draws it: its parts, and what its "Show the answer" block says.
   *
   * @typedef {object} Question
   * @property {string} id - the fieldset's data-question-id
   * @property {HTMLFieldSetElement} $fieldset
   * @property {HTMLInputElement[]} $radios - one per option; its value is the option's key
   * @property {HTMLButtonElement} $check - "Check answer"
   * @property {HTMLElement} $said - the live region: what Check answer says
   * @property {HTMLElement} $more - what stays on the page: the explanation or a hint
   * @property {HTMLElement} $explanation - why the correct answer is right
   * @property {string} correctKey - the correct option's key, such as "C"
   * @property {string} name - "Question 2: Which …", the link text in the list to revisit
   * @property {Record<string, HTMLElement>} feedback - each option's feedback, by key
   */

  /**
   * @typedef {import("./quiz-core.js").Answer} Answer
   */

  /**
   * Whether a saved value has an answer's shape.
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isAnswer(value) {
    return value !== null && typeof value === "object" &&
      typeof value.choice === "string" && typeof value.checked === "boolean";
  }

  /**
   * A paragraph of text with a class.
   *
   * @param {string} text
   * @param {string} className
   * @returns {HTMLParagraphElement}
   */
  function paragraph(text, className) {
    return make("p", { className }, text);
  }

  /**
   * The quiz: [data-dpup-widget="quiz"].
   */
  class Quiz extends DPUP.Widget {
    /** @type {string} the quiz's id: answers are saved under "quiz.<id>" */
    #quizId;

    /** @type {Question[]} in page order */
    #questions;

    /** @type {Record<string, Question>} by question id */
    #byId = {};

    /** @type {Record<string, string>} the correct option's key, by question id */
    #key = {};

    /** @type {Record<string, Answer>} the learner's answers, by question id */
    #answers;

    /** @type {HTMLElement} the finished quiz's score: hidden until every question is checked */
    #score;

    /** @type {HTMLElement} the score sentence, in the page's markup: the score box's description */
    #result;

    /** @type {HTMLElement} the live region for Clear and Try again */
    #status;

    /** @type {HTMLElement} Try again and Clear my answers, built hidden */
    #actions;

    /** @type {HTMLButtonElement} "Try again", shown with the score */
    #tryAgain;

    /**
     * @param {HTMLFormElement} $root
     */
    constructor($root) {
      super($root);
      this.#quizId = this.setting("data-quiz-id");
      this.#questions = this.parts(".dpup-question").map(($fieldset) => this.#readQuestion($fieldset));
      this.#score = this.part(".dpup-quiz__score");
      this.#result = this.part(".dpup-quiz__result", this.#score);
      this.#status = this.part(".dpup-quiz__status");
      this.#actions = this.part(".dpup-quiz__actions");
      this.#tryAgain = this.part("[data-action=try-again]");
      this.#questions.forEach((question) => {
        this.#key[question.id] = question.correctKey;
        this.#byId[question.id] = question;
      });
      this.#answers = this.#loadAnswers();
      this.#listen();
      this.#showScore();
    }

    /**
     * One question's parts, read from its fieldset.
     *
     * @param {HTMLFieldSetElement} $fieldset
     * @returns {Question}
     */
    #readQuestion($fieldset) {
      const $answer = this.part(".dpup-question__answer", $fieldset);
      const feedback = {};
      $answer.querySelectorAll("[data-option]").forEach(($item) => {
        feedback[$item.dataset.option] = this.part(".dpup-answer__feedback-text", $item);
      });
      const number = this.part(".dpup-question__number", $fieldset).textContent;
      const stem = this.part(".dpup-question__stem", $fieldset).textContent;
      return {
        id: $fieldset.dataset.questionId,
        $fieldset,
        $radios: this.parts("input[type=radio]", $fieldset),
        $check: this.part(".dpup-question__check", $fieldset),
        $said: this.part(".dpup-question__said", $fieldset),
        $more: this.part(".dpup-question__more", $fieldset),
        $explanation: this.part(".dpup-answer__explanation", $answer),
        correctKey: this.part("[data-correct-key]", $answer).dataset.correctKey,
        name: number.replace(/ of \d+$/, "") + ": " + stem,
        feedback,
      };
    }

    /**
     * Saved answers, ignoring anything unreadable: a damaged entry, or a choice that is not one
     * of the question's options (such as "constructor"), counts as no answer.
     *
     * @returns {Record<string, Answer>}
     */
    #loadAnswers() {
      const answers = {};
      this.#questions.forEach((question) => {
        const saved = DPUP.answersStore.get("quiz." + this.#quizId, question.id);
        const isOption = isAnswer(saved) && question.$radios.some(($radio) => $radio.value === saved.choice);
        if (isOption) answers[question.id] = saved;
      });
      return answers;
    }

    /**
     * Saves a question's answer in this browser.
     *
     * @param {Question} question
     */
    #save(question) {
      DPUP.answersStore.set("quiz." + this.#quizId, question.id, this.#answers[question.id]);
    }

    /**
     * Draws the saved answers, shows the controls built hidden, and listens to them.
     */
    #listen() {
      this.#questions.forEach((question) => {
        const answer = this.#answers[question.id];
        question.$radios.forEach(($radio) => {
          $radio.checked = Boolean(answer && answer.choice === $radio.value);
          $radio.addEventListener("change", () => this.#choose(question, $radio));
        });
        question.$check.hidden = false;
        this.#showResult(question);
      });
      this.#actions.hidden = false;
      this.part("[data-action=clear]").addEventListener("click", () => {
        this.#reset("Your answers have been cleared.");
      });
      this.#tryAgain.addEventListener("click", () => {
        this.#reset("Your answers have been cleared. Start again from question 1.");
        this.#questions[0].$radios[0].focus();
      });
      // Each "Check answer" is a submit button. Enter on an option presses the form's first one
      // (question 1's), so the question checked is the one holding focus, then the button's own.
      this.$root.addEventListener("submit", (event) => {
        event.preventDefault();
        const $from = this.$root.contains(document.activeElement) ? document.activeElement : event.submitter;
        const $question = $from && $from.closest(".dpup-question");
        if ($question) this.#check(this.#byId[$question.dataset.questionId]);
      });
    }

    /**
     * A question's result. The result in words ("Correct." / "Not quite.") comes first, so it
     * never relies on colour or icons. `spoken`: said in the live region (after Check answer):
     * the verdict, the choice and that option's feedback only; the explanation or the hint stays
     * on the page. Otherwise (on opening, or when focus goes to the score) the same words are
     * shown without being read out.
     *
     * @param {Question} question
     * @param {boolean} [spoken]
     */
    #showResult(question, spoken) {
      const answer = this.#answers[question.id];
      const $said = spoken ? question.$said : question.$more;
      question.$said.textContent = "";
      question.$more.textContent = "";
      question.$fieldset.removeAttribute("data-result");
      if (!answer || !answer.checked) return;
      const right = core.isCorrect(answer, question.correctKey);
      question.$fieldset.dataset.result = right ? "correct" : "incorrect";
      $said.append(
        paragraph(right ? "Correct." : "Not quite.", "dpup-feedback__verdict"),
        paragraph("You chose " + answer.choice + ".", "dpup-feedback__choice"),
      );
      if (Object.hasOwn(question.feedback, answer.choice)) {
        $said.append(question.feedback[answer.choice].cloneNode(true));
      }
      question.$more.append(right
        ? question.$explanation.cloneNode(true)
        : paragraph(
          "Choose another answer and check again, or open “Show the answer”.", "dpup-feedback__hint",
        ));
    }

    /**
     * The finished quiz's score, then the questions to go back to (not right on the first try),
     * linked to where they are on the page. Not a live region: the check that finishes the quiz
     * moves focus here, and the score sentence is the box's description, said after its name.
     */
    #showScore() {
      const result = core.score(this.#answers, this.#key);
      this.#tryAgain.hidden = !result.complete;
      this.#score.hidden = !result.complete;
      this.#score.replaceChildren(this.#result);
      this.#result.textContent = result.complete ? core.scoreSentence(result) : "";
      if (!result.complete) return;
      const revisit = core.toRevisit(this.#answers, this.#key);
      if (revisit.length === 0) {
        this.#score.append(paragraph(
          "You got every question right on the first try.", "dpup-quiz__revisit-none",
        ));
        return;
      }
      const title = revisit.length === 1
        ? "The question to revisit (not right on your first try):"
        : "Questions to revisit (not right on your first try):";
      const links = revisit.map((id) => make("li", {}, make("a", { href: "#" + id }, this.#byId[id].name)));
      this.#score.append(
        paragraph(title, "dpup-quiz__revisit-title"),
        make("ul", { className: "dpup-quiz__revisit" }, links),
      );
    }

    /**
     * "Check answer". Focus stays on the button and the live region speaks; the check that
     * finishes the quiz instead moves focus to the score, and nothing else speaks at the same
     * time.
     *
     * @param {Question} question
     */
    #check(question) {
      const $chosen = question.$radios.find(($radio) => $radio.checked);
      if (!$chosen) {
        question.$more.textContent = "";
        question.$said.replaceChildren(paragraph("Choose an answer first.", "dpup-feedback__hint"));
        return;
      }
      this.#answers[question.id] = core.recordCheck(this.#answers[question.id], $chosen.value);
      this.#save(question);
      const finished = this.#score.hidden && core.score(this.#answers, this.#key).complete;
      this.#showResult(question, !finished);
      this.#showScore();
      if (finished) this.#score.focus();
    }

    /**
     * Another option chosen, not checked yet.
     *
     * @param {Question} question
     * @param {HTMLInputElement} $radio
     */
    #choose(question, $radio) {
      this.#answers[question.id] = core.recordChoice(this.#answers[question.id], $radio.value);
      this.#save(question);
      this.#showResult(question);
      this.#showScore();
    }

    /**
     * "Clear my answers" and "Try again": every answer removed, here and in this browser.
     *
     * @param {string} message - what the status region says
     */
    #reset(message) {
      DPUP.answersStore.clear("quiz." + this.#quizId);
      this.#answers = {};
      this.#questions.forEach((question) => {
        question.$radios.forEach(($radio) => {
          $radio.checked = false;
        });
        this.#showResult(question);
      });
      this.#showScore();
      this.#status.textContent = message;
    }
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.quiz = ($root) => new Quiz($root);
})(window.DPUP = window.DPUP || {});
