// The quiz's scoring (quiz-core.js) and where its answers are saved (answers-store.js), under Node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, memoryStorage, plain } = require("../../../tests/js/load.js");

const quiz = load(["quiz-core.js"]).quizCore;
// The answer store, as the quiz uses it, over `localStorage`.
const loadStore = (localStorage) => {
  const document = { querySelectorAll: () => [] };
  return load(["answers-core.js", "answers-store.js"], { localStorage, document }).answersStore;
};

const KEY = { "q.01": "C", "q.02": "A" };

test("an unfinished quiz is not complete", () => {
  const result = quiz.score({ "q.01": { choice: "C", checked: true, firstChoice: "C" } }, KEY);
  assert.deepEqual(plain(result), { total: 2, answered: 1, correct: 1, firstTry: 1, complete: false });
});

test("a chosen but unchecked answer does not count", () => {
  const result = quiz.score({ "q.01": quiz.recordChoice(null, "C") }, KEY);
  assert.equal(result.answered, 0);
  assert.equal(result.correct, 0);
});

test("the first checked answer is remembered for the first-try score", () => {
  const answer = quiz.recordCheck(quiz.recordCheck(null, "B"), "C");
  assert.deepEqual(plain(answer), { choice: "C", checked: true, firstChoice: "B" });
  const result = quiz.score({ "q.01": answer, "q.02": quiz.recordCheck(null, "A") }, KEY);
  assert.deepEqual(plain(result), { total: 2, answered: 2, correct: 2, firstTry: 1, complete: true });
  assert.equal(quiz.scoreSentence(result), "You answered 2 of 2 correctly. On your first try: 1 of 2.");
});

test("changing the choice after checking keeps the first try", () => {
  const answer = quiz.recordChoice(quiz.recordCheck(null, "B"), "A");
  assert.deepEqual(plain(answer), { choice: "A", checked: false, firstChoice: "B" });
});

test("the questions to revisit are the ones not right first time, in quiz order", () => {
  const key = { "q.01": "C", "q.02": "A", "q.03": "B" };
  const answers = {
    "q.01": quiz.recordCheck(quiz.recordCheck(null, "A"), "C"),  // wrong first, then right
    "q.02": quiz.recordCheck(null, "A"),                      // right first time
    "q.03": quiz.recordCheck(null, "D"),                      // wrong
  };
  assert.deepEqual(plain(quiz.toRevisit(answers, key)), ["q.01", "q.03"]);
  assert.deepEqual(plain(quiz.toRevisit({}, key)), ["q.01", "q.02", "q.03"]);
});

test("saved answers use the documented keys and a damaged entry reads as nothing", () => {
  const localStorage = memoryStorage();
  const store = loadStore(localStorage);
  store.set("quiz.quiz-a", "quiz-a.01", { choice: "B", checked: true, firstChoice: "B" });
  localStorage.setItem("dpup.quiz.quiz-a.quiz-a.02", "{not json");
  assert.equal(localStorage.getItem("dpup.quiz.quiz-a.quiz-a.01"), '{"choice":"B","checked":true,"firstChoice":"B"}');
  assert.equal(store.get("quiz.quiz-a", "quiz-a.02"), null);
});

test("clearing one quiz leaves other quizzes and other data", () => {
  const localStorage = memoryStorage();
  const store = loadStore(localStorage);
  store.set("quiz.quiz-a", "quiz-a.01", { choice: "B", checked: true });
  store.set("quiz.quiz-ab", "quiz-ab.01", { choice: "A", checked: true });
  localStorage.setItem("dpup.selfcheck.x", "1");
  store.clear("quiz.quiz-a");
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
  assert.deepEqual(keys.sort(), ["dpup.quiz.quiz-ab.quiz-ab.01", "dpup.selfcheck.x"]);
});
