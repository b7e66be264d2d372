/* Quiz scoring: pure functions with no DOM, tested under Node (quiz.test.js).
   An answer is {choice, checked, firstChoice}: firstChoice is the first answer ever checked. */
(function (DPUP) {
  "use strict";

  function isCorrect(answer, correctKey) {
    return Boolean(answer && answer.checked && answer.choice === correctKey);
  }

  /* The answer after the learner checks `choice`; the first checked choice is kept for scoring. */
  function recordCheck(previous, choice) {
    var first = previous && previous.firstChoice ? previous.firstChoice : choice;
    return { choice: choice, checked: true, firstChoice: first };
  }

  /* The answer after the learner picks another option without checking it yet. */
  function recordChoice(previous, choice) {
    return { choice: choice, checked: false, firstChoice: previous ? previous.firstChoice || null : null };
  }

  /* answers: {questionId: answer}; key: {questionId: correct option key}. */
  function score(answers, key) {
    var ids = Object.keys(key);
    var answered = ids.filter(function (id) { return answers[id] && answers[id].checked; });
    return {
      total: ids.length,
      answered: answered.length,
      correct: ids.filter(function (id) { return isCorrect(answers[id], key[id]); }).length,
      firstTry: ids.filter(function (id) { return answers[id] && answers[id].firstChoice === key[id]; }).length,
      complete: ids.length > 0 && answered.length === ids.length
    };
  }

  function scoreSentence(result) {
    return "You answered " + result.correct + " of " + result.total + " correctly. " +
      "On your first try: " + result.firstTry + " of " + result.total + ".";
  }

  /* The questions to go back to: every one not answered right on the first try, in quiz order. */
  function toRevisit(answers, key) {
    return Object.keys(key).filter(function (id) { return !(answers[id] && answers[id].firstChoice === key[id]); });
  }

  DPUP.quizScore = { toRevisit: toRevisit, isCorrect: isCorrect, recordCheck: recordCheck, recordChoice: recordChoice,
    score: score, scoreSentence: scoreSentence };
})(window.DPUP = window.DPUP || {});
