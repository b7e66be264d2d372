/* Saved quiz answers, in this browser only: one localStorage entry per question, keyed by
   quiz id and question id (ids are permanent, so saved answers survive content updates). */
(function (DPUP) {
  "use strict";
  var PREFIX = "dpup.quiz.";

  function keyFor(quizId, questionId) {
    return PREFIX + quizId + "." + questionId;
  }

  /* localStorage can be missing or throw (privacy modes, some file:// pages); the quiz still works. */
  function storage() {
    try {
      var store = window.localStorage;
      store.getItem(PREFIX);
      return store;
    } catch (error) {
      return null;
    }
  }

  function isAnswer(value) {
    return value !== null && typeof value === "object" && typeof value.choice === "string" &&
      typeof value.checked === "boolean";
  }

  function load(quizId, questionIds) {
    var store = storage();
    var answers = {};
    if (!store) return answers;
    questionIds.forEach(function (id) {
      try {
        var value = JSON.parse(store.getItem(keyFor(quizId, id)));
        if (isAnswer(value)) answers[id] = value;
      } catch (error) { /* an unreadable entry is treated as no answer */ }
    });
    return answers;
  }

  function save(quizId, questionId, answer) {
    var store = storage();
    if (store) store.setItem(keyFor(quizId, questionId), JSON.stringify(answer));
  }

  function clear(quizId) {
    var store = storage();
    if (!store) return;
    var prefix = PREFIX + quizId + ".";
    var doomed = [];
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(prefix) === 0) doomed.push(store.key(i));
    }
    doomed.forEach(function (key) { store.removeItem(key); });
  }

  DPUP.quizStore = { keyFor: keyFor, load: load, save: save, clear: clear };
})(window.DPUP = window.DPUP || {});
