/* The interactive quiz: enhances the server-rendered form (fieldsets of native radios). The
   correct answers, feedback and explanations are read from each question's "Show the answer"
   block, so the page stays complete without JavaScript. Needs quiz-core.js, answers-store.js
   (saved as dpup.quiz.<quiz id>.<question id>) and answers-dom.js. */
(function (DPUP) {
  "use strict";
  var required = DPUP.dom.one, make = DPUP.dom.make, all = DPUP.dom.all;

  function isAnswer(value) {
    return value !== null && typeof value === "object" && typeof value.choice === "string" &&
      typeof value.checked === "boolean";
  }

  /* Saved answers, ignoring anything unreadable: a damaged entry, or a choice that is not one of
     the question's options (such as "constructor"), counts as no answer. */
  function loadAnswers(quizId, questions) {
    var answers = {};
    questions.forEach(function (q) {
      var saved = DPUP.answerStore.get("quiz." + quizId, q.id);
      if (isAnswer(saved) && q.$radios.some(function ($radio) { return $radio.value === saved.choice; })) answers[q.id] = saved;
    });
    return answers;
  }

  function readQuestion($fieldset) {
    var $answer = required($fieldset, ".dpup-question__answer");
    var feedback = {};
    $answer.querySelectorAll("[data-option]").forEach(function ($item) {
      feedback[$item.dataset.option] = required($item, ".dpup-answer__feedback-text");
    });
    return {
      id: $fieldset.dataset.questionId,
      $fieldset: $fieldset,
      $radios: all($fieldset, "input[type=radio]"),
      $check: required($fieldset, ".dpup-question__check"),
      $said: required($fieldset, ".dpup-question__said"),
      $more: required($fieldset, ".dpup-question__more"),
      $explanation: required($answer, ".dpup-answer__explanation"),
      correctKey: required($answer, "[data-correct-key]").dataset.correctKey,
      name: required($fieldset, ".dpup-question__number").textContent.replace(/ of \d+$/, "") + ": " +
        required($fieldset, ".dpup-question__stem").textContent,
      feedback: feedback
    };
  }

  function paragraph(text, className) { return make("p", { className: className }, text); }

  function initQuiz($root) {
    var quizId = $root.dataset.quizId;
    var questions = all($root, ".dpup-question").map(readQuestion);
    if (!quizId || questions.length === 0) throw new Error("DPUP quiz: no quiz id or questions");
    var $score = required($root, ".dpup-quiz__score");
    var $result = required($score, ".dpup-quiz__result");  // the score sentence: the box's description
    var $status = required($root, ".dpup-quiz__status");
    var $actions = required($root, ".dpup-quiz__actions");
    var $tryAgain = required($root, "[data-action=try-again]");
    var key = {};
    var byId = {};
    questions.forEach(function (q) { key[q.id] = q.correctKey; byId[q.id] = q; });
    var answers = loadAnswers(quizId, questions);

    /* The result in words ("Correct." / "Not quite.") first, so it never relies on colour or icons.
       spoken: said in the live region (after Check answer), the verdict, the choice and that
       option's feedback only; the explanation or the hint stays on the page. Otherwise (on opening,
       or when focus goes to the score) the same words are shown without being read out. */
    function showResult(q, spoken) {
      var answer = answers[q.id];
      var $said = spoken ? q.$said : q.$more;
      q.$said.textContent = q.$more.textContent = "";
      q.$fieldset.removeAttribute("data-result");
      if (!answer || !answer.checked) return;
      var right = DPUP.quizScore.isCorrect(answer, q.correctKey);
      q.$fieldset.dataset.result = right ? "correct" : "incorrect";
      $said.append(paragraph(right ? "Correct." : "Not quite.", "dpup-feedback__verdict"),
        paragraph("You chose " + answer.choice + ".", "dpup-feedback__choice"));
      if (Object.hasOwn(q.feedback, answer.choice)) $said.append(q.feedback[answer.choice].cloneNode(true));
      q.$more.append(right ? q.$explanation.cloneNode(true) :
        paragraph("Choose another answer and check again, or open “Show the answer”.", "dpup-feedback__hint"));
    }

    /* The finished quiz's score, then the questions to go back to (not right on the first try),
       linked to where they are on the page. Not a live region: the check that finishes the quiz
       moves focus here, and the score sentence ($result) is the box's description, said after its name. */
    function showScore() {
      var result = DPUP.quizScore.score(answers, key);
      $tryAgain.hidden = $score.hidden = !result.complete;
      $score.replaceChildren($result);
      $result.textContent = result.complete ? DPUP.quizScore.scoreSentence(result) : "";
      if (!result.complete) return;
      var revisit = DPUP.quizScore.toRevisit(answers, key);
      if (revisit.length === 0) {
        $score.append(paragraph("You got every question right on the first try.", "dpup-quiz__revisit-none"));
        return;
      }
      $score.append(paragraph(revisit.length === 1 ? "The question to revisit (not right on your first try):"
        : "Questions to revisit (not right on your first try):", "dpup-quiz__revisit-title"),
      make("ul", { className: "dpup-quiz__revisit" }, revisit.map(function (id) {
        return make("li", {}, make("a", { href: "#" + id }, byId[id].name));
      })));
    }

    /* Focus stays on the button and the live region speaks; the check that finishes the quiz
       instead moves focus to the score, and nothing else speaks at the same time. */
    function check(q) {
      var $chosen = q.$radios.find(function ($radio) { return $radio.checked; });
      if (!$chosen) {
        q.$more.textContent = "";
        q.$said.replaceChildren(paragraph("Choose an answer first.", "dpup-feedback__hint"));
        return;
      }
      answers[q.id] = DPUP.quizScore.recordCheck(answers[q.id], $chosen.value);
      DPUP.answerStore.set("quiz." + quizId, q.id, answers[q.id]);
      var finished = $score.hidden && DPUP.quizScore.score(answers, key).complete;
      showResult(q, !finished);
      showScore();
      if (finished) $score.focus();
    }

    function choose(q, $radio) {
      answers[q.id] = DPUP.quizScore.recordChoice(answers[q.id], $radio.value);
      DPUP.answerStore.set("quiz." + quizId, q.id, answers[q.id]);
      showResult(q);
      showScore();
    }

    function reset(message) {
      DPUP.answerStore.clear("quiz." + quizId);
      answers = {};
      questions.forEach(function (q) {
        q.$radios.forEach(function ($radio) { $radio.checked = false; });
        showResult(q);
      });
      showScore();
      $status.textContent = message;
    }

    questions.forEach(function (q) {
      var answer = answers[q.id];
      q.$radios.forEach(function ($radio) {
        $radio.checked = Boolean(answer && answer.choice === $radio.value);
        $radio.addEventListener("change", function () { choose(q, $radio); });
      });
      q.$check.hidden = false;
      showResult(q);
    });
    $actions.hidden = false;
    required($root, "[data-action=clear]").addEventListener("click", function () {
      reset("Your answers have been cleared.");
    });
    $tryAgain.addEventListener("click", function () {
      reset("Your answers have been cleared. Start again from question 1.");
      questions[0].$radios[0].focus();
    });
    // Each "Check answer" is a submit button. Enter on an option presses the form's first one
    // (question 1's), so the question checked is the one holding focus, then the button's own.
    $root.addEventListener("submit", function (event) {
      event.preventDefault();
      var $from = $root.contains(document.activeElement) ? document.activeElement : event.submitter;
      var $question = $from && $from.closest(".dpup-question");
      if ($question) check(byId[$question.dataset.questionId]);
    });
    showScore();
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.quiz = initQuiz;
})(window.DPUP = window.DPUP || {});
