// The answer engine (answers-core.js) and the saved-answers store (answers-store.js), under Node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, memoryStorage, plain } = require("../../../tests/js/load.js");

const LEVELS = ["informal", "foundational", "managed"];
const core = load(["answers-core.js"]).answersCore;

test("an element takes its lowest criterion level, and none while a criterion is unrated", () => {
  const ratings = { "e.01": { level: "managed" }, "e.02": { level: "foundational" }, "f.01": { level: "informal" } };
  const elements = [{ id: "e", criteria: ["e.01", "e.02"] }, { id: "f", criteria: ["f.01", "f.02"] }];
  assert.deepEqual(plain(core.elementLevels(elements, ratings, LEVELS, "lowest")), { e: "foundational", f: null });
});

test("'Not sure yet' leaves an element unrated and is not counted", () => {
  assert.equal(core.rollup("lowest", LEVELS, ["unsure", "managed"]), null);
  const ratings = { "e.01": { level: "unsure" }, "e.02": { level: "managed" } };
  assert.equal(core.countRated(["e.01", "e.02"], ratings, LEVELS), 1);
});

test("an unknown rollup rule is an error, not a guess", () => {
  assert.throws(() => core.rollup("median", LEVELS, ["managed"]), /unknown rollup rule median/);
});

test("gaps are rated criteria below the target, with the next level", () => {
  const ratings = { "e.01": { level: "informal" }, "e.02": { level: "managed" }, "e.03": { level: "unsure" } };
  assert.deepEqual(plain(core.gaps(["e.01", "e.02", "e.03", "e.04"], ratings, LEVELS, "managed")), [
    { criterion: "e.01", level: "informal", next: "foundational" },
  ]);
  assert.equal(core.gaps(["e.01"], ratings, LEVELS, "informal").length, 0);
});

test("planned actions are numbered across the plan; a row without actions keeps its place", () => {
  const plan = [{ actions: ["a", "", "b"] }, { actions: [] }, { actions: ["c"] }];
  const numbered = core.numberedActions(plan).map((row) => [row.number, row.action]);
  assert.deepEqual(plain(numbered), [[1, "a"], [2, "b"], ["", ""], [3, "c"]]);
});

test("CSV has a byte order mark, quotes what needs it and defuses formulas", () => {
  const text = core.toCsv([[["Name", "Note"], ["Māori, whānau", 'He said "hi"\nthen left'], ["=SUM(A1)", "@x"],
    ["-2+3", "+1"], ["\tTab", "\rCR"], ["a-b", "2"]]]);
  assert.equal(text, '\ufeffName,Note\r\n"Māori, whānau","He said ""hi""\nthen left"\r\n\'=SUM(A1),\'@x\r\n' +
    "'-2+3,'+1\r\n'\tTab,\"'\rCR\"\r\na-b,2\r\n");
});

// A page with no widget on it, to show the store's warnings in.
const NO_WIDGETS = { querySelectorAll: () => [] };

// A fresh store over `localStorage`, on a page `document`.
function loadStore(localStorage, document = NO_WIDGETS) {
  return load(["answers-core.js", "answers-store.js"], { localStorage, document }).answersStore;
}

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
    assert.equal(core.toCsv([[[value]]]), "\ufeff" + cell + "\r\n");
  });
}
for (const [value, cell] of CELLS) {
  test(`a CSV cell a spreadsheet could run is neutralised: ${JSON.stringify(value)}`, () => {
    assert.equal(core.toCsv([[[value]]]), "\ufeff" + cell + "\r\n");
  });
}

test("the store keeps answers per namespace and id, and a failed write leaves the saved entry as it was", () => {
  const localStorage = memoryStorage();
  const store = loadStore(localStorage);
  assert.ok(store, "answers-store.js registers DPUP.answersStore");
  assert.equal(store.set("quiz", "intro", { q1: "a" }), true);
  assert.equal(localStorage.getItem("dpup.quiz.intro"), '{"q1":"a"}');
  localStorage.failWrites = true;
  assert.equal(store.set("quiz", "intro", { q1: "b" }), false);
  assert.equal(localStorage.getItem("dpup.quiz.intro"), '{"q1":"a"}');
  assert.deepEqual(plain(store.get("quiz", "intro")), { q1: "a" });
});

test("an entry that cannot be read is kept apart, as it is, before anything can write over it", () => {
  const localStorage = memoryStorage();
  const store = loadStore(localStorage);
  const copies = () => {
    const found = [];
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (name.startsWith("dpup.unreadable.")) {
        found.push([name.replace(/\.\d+$/, ".<time>"), localStorage.getItem(name)]);
      }
    }
    return found;
  };
  const cut = '{"ratings":{"e.01":{"level":"managed","note":"A year of evi';
  localStorage.setItem("dpup.selfcheck.state", cut);
  assert.equal(store.get("selfcheck", "state"), null);
  assert.equal(store.get("selfcheck", "state"), null);  // read twice: kept once
  assert.deepEqual(copies(), [["dpup.unreadable.dpup.selfcheck.state.<time>", cut]]);
  assert.equal(store.set("selfcheck", "state", { ratings: {} }), true);  // the copy is safe: the page may save
  // A second damaged value under the same key gets a copy of its own; the first copy stays.
  localStorage.setItem("dpup.selfcheck.state", "[1,");
  store.get("selfcheck", "state");
  assert.deepEqual(copies().map((copy) => copy[1]).sort(), ["[1,", cut]);
  // An entry the widget refuses (valid) is kept apart in the same way.
  localStorage.setItem("dpup.selfcheck.undo", "42");
  assert.equal(store.get("selfcheck", "undo", (value) => typeof value === "object"), null);
  const undoCopies = copies().filter((copy) => copy[0].includes("undo"));
  assert.deepEqual(undoCopies, [["dpup.unreadable.dpup.selfcheck.undo.<time>", "42"]]);
});

test("when not even the copy can be saved, the damaged entry is never written over or cleared", () => {
  const localStorage = memoryStorage();
  const store = loadStore(localStorage);
  localStorage.setItem("dpup.checklist.item-1", '{"note":"half');
  localStorage.failWrites = true;
  assert.equal(store.get("checklist", "item-1"), null);
  localStorage.failWrites = false;
  assert.equal(store.set("checklist", "item-1", { note: "new" }), false);
  assert.equal(store.remove("checklist", "item-1"), false);
  store.clear("checklist");
  assert.equal(localStorage.getItem("dpup.checklist.item-1"), '{"note":"half');
});

test("the warning that answers are not saved goes once every write that failed has worked again", () => {
  const localStorage = memoryStorage();
  const boxes = [];
  const document = { querySelectorAll: (selector) => (selector === ".dpup-save-warning" ? boxes : []) };
  const store = loadStore(localStorage, document);
  const box = { hidden: false };
  boxes.push(box);
  localStorage.failWrites = true;
  store.set("checklist", "a", { note: "long" });
  store.set("checklist", "b", { note: "x" });
  localStorage.failWrites = false;
  box.hidden = false;
  store.set("checklist", "b", { note: "x" });
  assert.equal(box.hidden, false, "a's note is still not saved");
  store.set("checklist", "a", { note: "long" });
  assert.equal(box.hidden, true);
  // A failure the caller explains itself (quiet) raises no warning.
  box.hidden = true;
  localStorage.failWrites = true;
  assert.equal(store.set("selfcheck", "undo", {}, true), false);
  assert.equal(box.hidden, true);
});

test("the person's day is their own calendar's, not UTC's", () => {
  // 8:30 on 7 December in Wellington (UTC+13) is 19:30 on 6 December in UTC.
  const wellingtonMorning = { getTime: () => Date.UTC(2026, 11, 6, 19, 30), getTimezoneOffset: () => -780 };
  assert.equal(core.localDay(wellingtonMorning), "2026-12-07");
});
