// The answer engine (answers-core.js) and the saved-answers store (answers-store.js), under Node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, memoryStorage, plain } = require("../../../tests/js/load.js");

const LEVELS = ["informal", "foundational", "managed"];
const A = load(["answers-core.js"]).assess;

test("an element takes its lowest criterion level, and none while a criterion is unrated", () => {
  const ratings = { "e.01": { level: "managed" }, "e.02": { level: "foundational" }, "f.01": { level: "informal" } };
  const elements = [{ id: "e", criteria: ["e.01", "e.02"] }, { id: "f", criteria: ["f.01", "f.02"] }];
  assert.deepEqual(plain(A.elementLevels(elements, ratings, LEVELS, "lowest")), { e: "foundational", f: null });
});

test("'Not sure yet' leaves an element unrated and is not counted", () => {
  assert.equal(A.rollup("lowest", LEVELS, ["unsure", "managed"]), null);
  assert.equal(A.countRated(["e.01", "e.02"], { "e.01": { level: "unsure" }, "e.02": { level: "managed" } }, LEVELS), 1);
});

test("an unknown rollup rule is an error, not a guess", () => {
  assert.throws(() => A.rollup("median", LEVELS, ["managed"]), /unknown rollup rule median/);
});

test("gaps are rated criteria below the target, with the next level", () => {
  const ratings = { "e.01": { level: "informal" }, "e.02": { level: "managed" }, "e.03": { level: "unsure" } };
  assert.deepEqual(plain(A.gaps(["e.01", "e.02", "e.03", "e.04"], ratings, LEVELS, "managed")), [
    { criterion: "e.01", level: "informal", next: "foundational" },
  ]);
  assert.equal(A.gaps(["e.01"], ratings, LEVELS, "informal").length, 0);
});

test("planned actions are numbered across the plan; a row without actions keeps its place", () => {
  const plan = [{ actions: ["a", "", "b"] }, { actions: [] }, { actions: ["c"] }];
  assert.deepEqual(plain(A.numberedActions(plan).map((e) => [e.number, e.action])), [[1, "a"], [2, "b"], ["", ""], [3, "c"]]);
});

test("CSV has a byte order mark, quotes what needs it and defuses formulas", () => {
  const text = A.toCsv([[["Name", "Note"], ["Māori, whānau", 'He said "hi"\nthen left'], ["=SUM(A1)", "@x"],
    ["-2+3", "+1"], ["\tTab", "\rCR"], ["a-b", "2"]]]);
  assert.equal(text, '\ufeffName,Note\r\n"Māori, whānau","He said ""hi""\nthen left"\r\n\'=SUM(A1),\'@x\r\n' +
    "'-2+3,'+1\r\n'\tTab,\"'\rCR\"\r\na-b,2\r\n");
});

const CELLS = [
  ["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"], ["  =1+1", "'  =1+1"],
  ["\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"], ["\n=1+1", "\"'\n=1+1\""], ["\uff1d1+1", "'\uff1d1+1"],
  ["\uff0b1", "'\uff0b1"], ["\uff0d1", "'\uff0d1"], ["\uff20x", "'\uff20x"], ["\t", "'\t"],
  ["a = b", "a = b"], ["x-1", "x-1"], ["   ", "   "], ["\0=1+1", "'\0=1+1"], ["\0", "'\0"],
  ["+64 21 555 0101", "'+64 21 555 0101"], ["+5", "'+5"], ["-1e5", "'-1e5"], ["-5,00", "\"'-5,00\""], ["- 5", "'- 5"],
  ["-5000\n=1+1", "\"'-5000\n=1+1\""], ["-.5", "'-.5"], ["-5000 ", "'-5000 "],
];
// ASVS 5.0 V1.2.10's one exception: a field that is strictly a plain number stays a number.
const NUMBERS = [["-1", "-1"], [-5, "-5"], ["-5000", "-5000"], ["-5,000", "\"-5,000\""], ["-12.5", "-12.5"],
  ["-1,234,567.89", "\"-1,234,567.89\""], ["12.5", "12.5"], [0, "0"]];
for (const [value, cell] of NUMBERS) {
  test(`a plain number is left a number: ${JSON.stringify(value)}`, () => {
    assert.equal(A.toCsv([[[value]]]), "\ufeff" + cell + "\r\n");
  });
}
for (const [value, cell] of CELLS) {
  test(`a CSV cell a spreadsheet could run is neutralised: ${JSON.stringify(value)}`, () => {
    assert.equal(A.toCsv([[[value]]]), "\ufeff" + cell + "\r\n");
  });
}

test("the store keeps answers per namespace and id, and a failed write leaves the saved entry as it was", () => {
  const localStorage = memoryStorage();
  const document = { querySelectorAll: () => [] };  // no widget on this page to show the warning in
  const store = load(["answers-core.js", "answers-store.js"], { localStorage, document }).answerStore;
  assert.ok(store, "answers-store.js registers DPUP.answerStore");
  assert.equal(store.set("quiz", "intro", { q1: "a" }), true);
  assert.equal(localStorage.getItem("dpup.quiz.intro"), '{"q1":"a"}');
  localStorage.failWrites = true;
  assert.equal(store.set("quiz", "intro", { q1: "b" }), false);
  assert.equal(localStorage.getItem("dpup.quiz.intro"), '{"q1":"a"}');
  assert.deepEqual(plain(store.get("quiz", "intro")), { q1: "a" });
});
