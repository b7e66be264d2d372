/* The quiz's scoring: pure functions with no DOM, tested under Node (quiz.test.js), exported as
   DPUP.quizCore. quiz.js draws what they decide. */
(function (DPUP) {
  "use strict";

  /**
   * One question's answer, as the quiz saves it.
   *
   * @typedef {object} Answer
   * @property {string} choice - the option chosen last
   * @property {boolean} checked - whether that choice was checked ("Check answer")
   * @property {string | null} firstChoice - the first option ever checked: the first try
   */

  /**
   * The quiz's result so far.
   *
   * @typedef {object} Score
   * @property {number} total - questions in the quiz
   * @property {number} answered - questions with a checked answer
   * @property {number} correct - questions whose checked answer is right
   * @property {number} firstTry - questions whose first checked answer was right
   * @property {boolean} complete - every question has a checked answer
   */

  /**
   * Whether an answer counts as right: checked, and the correct option.
   *
   * @param {Answer | undefined} answer
   * @param {string} correctKey - the correct option's key, such as "C"
   * @returns {boolean}
   */
  function isCorrect(answer, correctKey) {
    return Boolean(answer && answer.checked && answer.choice === correctKey);
  }

  /**
   * The answer after the learner checks `choice`; the first checked choice is
   * kept for scoring.
   *
   * @param {Answer | undefined} previous
   * @param {string} choice
   * @returns {Answer}
   */
  function recordCheck(previous, choice) {
    const first = previous && previous.firstChoice ? previous.firstChoice : choice;
    return { choice, checked: true, firstChoice: first };
  }

  /**
   * The answer after the learner picks another option, not checked yet.
   *
   * @param {Answer | undefined} previous
   * @param {string} choice
   * @returns {Answer}
   */
  function recordChoice(previous, choice) {
    const first = previous ? previous.firstChoice || null : null;
    return { choice, checked: false, firstChoice: first };
  }

  /**
   * Whether the first answer checked for a question was right.
   *
   * @param {Answer | undefined} answer
   * @param {string} correctKey
   * @returns {boolean}
   */
  function rightFirstTime(answer, correctKey) {
    return Boolean(answer && answer.firstChoice === correctKey);
  }

  /**
   * The score of a set of answers.
   *
   * @param {Record<string, Answer>} answers - by question id
   * @param {Record<string, string>} key - the correct option's key, by question id
   * @returns {Score}
   */
  function score(answers, key) {
    const ids = Object.keys(key);
    const answered = ids.filter((id) => answers[id] && answers[id].checked);
    return {
      total: ids.length,
      answered: answered.length,
      correct: ids.filter((id) => isCorrect(answers[id], key[id])).length,
      firstTry: ids.filter((id) => rightFirstTime(answers[id], key[id])).length,
      complete: ids.length > 0 && answered.length === ids.length,
    };
  }

  /**
   * The score in words, as the finished quiz shows it.
   *
   * @param {Score} result
   * @returns {string}
   */
  function scoreSentence(result) {
    return "You answered " + result.correct + " of " + result.total +
      " correctly. On your first try: " + result.firstTry + " of " +
      result.total + ".";
  }

  /**
   * The questions to go back to: every one not answered right on the first
   * try, in quiz order.
   *
   * @param {Record<string, Answer>} answers - by question id
   * @param {Record<string, string>} key - the correct option's key, by question id
   * @returns {string[]} question ids
   */
  function toRevisit(answers, key) {
    return Object.keys(key).filter((id) => !rightFirstTime(answers[id], key[id]));
  }

  DPUP.quizCore = {
    isCorrect, recordCheck, recordChoice, score, scoreSentence, toRevisit,
  };
})(window.DPUP = window.DPUP || {});
