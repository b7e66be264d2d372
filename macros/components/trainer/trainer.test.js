// Trainer mode's pure logic (trainer-core.js), under Node: the show of hands, the saved sessions
// and the address the join slide offers phones.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("../../../tests/js/load.js");

const DPUP = load(["answers-core.js", "trainer-core.js"], { URL });
const core = DPUP.trainerCore;
const answers = DPUP.answersCore;
const KEYS = ["A", "B", "C", "D"];
const none = { A: 0, B: 0, C: 0, D: 0 };

test("saved counts are read defensively", () => {
  const saved = JSON.parse('{"A": 3, "B": -1, "C": "7", "D": 2.5, "E": 4, "__proto__": {"polluted": 1}}');
  assert.deepEqual(plain(core.readCounts(saved, KEYS)), { A: 3, B: 0, C: 0, D: 0 });
  assert.deepEqual(plain(core.readCounts(1e12, KEYS)), none);
  assert.deepEqual(plain(core.readCounts({ A: 1e12, B: Infinity, C: NaN }, KEYS)), { A: 9999, B: 0, C: 0, D: 0 });
  assert.deepEqual(plain(core.readCounts(null, KEYS)), none);
  assert.deepEqual(plain(core.readCounts("<b>", KEYS)), none);
  assert.equal({}.polluted, undefined);
});

const SHARES = [
  [{ A: 1, B: 1, C: 1, D: 0 }, { A: 34, B: 33, C: 33, D: 0 }],
  [{ A: 1, B: 1, C: 4, D: 0 }, { A: 17, B: 16, C: 67, D: 0 }],
  [{ A: 0, B: 0, C: 0, D: 0 }, { A: 0, B: 0, C: 0, D: 0 }],
  [{ A: 2, B: 1, C: 0, D: 0 }, { A: 67, B: 33, C: 0, D: 0 }],
  [{ A: 3, B: 3, C: 1, D: 0 }, { A: 43, B: 43, C: 14, D: 0 }],
];
for (const [counts, expected] of SHARES) {
  test(`percentages are whole and add up to 100: ${JSON.stringify(counts)}`, () => {
    const result = plain(core.percentages(counts, KEYS));
    assert.deepEqual(result, expected);
    assert.ok([0, 100].includes(Object.values(result).reduce((sum, share) => sum + share, 0)));
  });
}

test("the chart scales bars to the most chosen option", () => {
  assert.deepEqual(plain(core.chart({ A: 2, B: 8, C: 0, D: 0 }, KEYS)), [
    { key: "A", hands: 2, percent: 20, share: 0.25 },
    { key: "B", hands: 8, percent: 80, share: 1 },
    { key: "C", hands: 0, percent: 0, share: 0 },
    { key: "D", hands: 0, percent: 0, share: 0 },
  ]);
  assert.deepEqual([core.handsText(0), core.handsText(1), core.handsText(2)], ["0 hands", "1 hand", "2 hands"]);
});

const QUESTIONS = [
  { id: "q.01", keys: ["A", "B"], correctKey: "A" },
  { id: "q.02", keys: ["A", "B"], correctKey: "B" },
  { id: "q.03", keys: ["A", "B", "C"], correctKey: "C" },
  { id: "q.04", keys: ["A", "B"], correctKey: "A" },
];

test("the hardest questions come first; all-right or uncounted ones are left out", () => {
  const session = { "q.01": { A: 5 }, "q.02": { A: 3, B: 1 }, "q.03": { A: 1, C: 1 }, "q.04": null };
  const results = core.results(QUESTIONS, session);
  assert.deepEqual(results.map((row) => [row.number, row.hands, row.correct, row.percentCorrect]),
    [[1, 5, 5, 100], [2, 4, 1, 25], [3, 2, 1, 50], [4, 0, 0, null]]);
  assert.deepEqual(core.hardest(results, 3).map((result) => result.id), ["q.02", "q.03"]);
  assert.equal(core.hardest(results, 1)[0].id, "q.02");
});

test("equally hard questions keep quiz order", () => {
  const session = { "q.01": { A: 1, B: 1 }, "q.02": { A: 2, B: 2 } };
  const hardest = core.hardest(core.results(QUESTIONS.slice(0, 2), session), 3);
  assert.deepEqual(hardest.map((result) => result.id), ["q.01", "q.02"]);
});

const CELLS = [
  ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'], ["+1", "'+1"], ["-1+1", "'-1+1"],
  ["@SUM(A1)", "'@SUM(A1)"], ["\tx", "'\tx"], ["\rx", '"\'\rx"'], ["a, b", '"a, b"'],
  ['say "hi"', '"say ""hi"""'], ["plain", "plain"], [3, "3"], [null, ""], ["  =1+1", "'  =1+1"],
  ["\uff1d1+1", "'\uff1d1+1"], ["x-1", "x-1"],
];
for (const [value, cell] of CELLS) {
  test(`the counts' CSV cell cannot run as a formula: ${JSON.stringify(value)}`, () => {
    assert.equal(answers.toCsv([[[value]]]), "\ufeff" + cell + "\r\n");
  });
}

test("the session CSV has a row per option with a BOM and CRLF", () => {
  const questions = [{ id: "q.01", number: 1, stem: "Which, one?", correctKey: "B",
    options: [{ key: "A", text: "=1+1" }, { key: "B", text: "Right" }] }];
  assert.equal(answers.toCsv([core.sessionRows(questions, { "q.01": { A: 1, B: 3 } })]),
    "\ufeffQuestion,Question text,Option,Option text,Correct,Hands,Percent\r\n" +
    '1,"Which, one?",A,\'=1+1,no,1,25\r\n' +
    '1,"Which, one?",B,Right,yes,3,75\r\n');
});

// --- sessions ------------------------------------------------------------------------------------

test("a saved session is read defensively: bad start times, unknown questions and bad counts", () => {
  const saved = { started: "2026-12-01T01:05:00.000Z", counts: { "q.01": { A: 2, B: "x" }, "q.99": { A: 5 } } };
  const read = core.readSession(saved, QUESTIONS.slice(0, 2));
  assert.equal(read.started, "2026-12-01T01:05:00.000Z");
  assert.deepEqual(plain(read.counts), { "q.01": { A: 2, B: 0 }, "q.02": { A: 0, B: 0 } });
  // Saved before windows were kept apart: every hand is the window "earlier"'s.
  assert.deepEqual(plain(Object.keys(read.windows)), ["earlier"]);
  assert.equal(core.readSession({ started: "not a date", counts: {} }, QUESTIONS).started, null);
  for (const hostile of [null, "<b>", 3, [], { counts: "x" }, { started: "2026-12-01" }]) {
    assert.equal(core.readSession(hostile, QUESTIONS), null, JSON.stringify(hostile));
  }
});

test("counts saved before sessions existed become one session with no start time", () => {
  const old = { "q.01": { A: 3 }, "q.03": { C: 1 }, "q.77": { A: 1 } };
  const session = core.fromOldEntries(old, QUESTIONS);
  assert.equal(session.started, null);
  assert.deepEqual(plain(session.counts["q.01"]), { A: 3, B: 0 });
  assert.deepEqual(plain(session.counts["q.03"]), { A: 0, B: 0, C: 1 });
  assert.deepEqual(plain(core.sessionSize(session)), { questions: 2, hands: 4 });
  assert.equal(core.fromOldEntries({ "q.01": { A: 0 } }, QUESTIONS), null);
  assert.equal(core.fromOldEntries({}, QUESTIONS), null);
});

// --- two windows counting one session (issue 30, items 11 and 13) -----------------------------------

const TWO = QUESTIONS.slice(0, 2);
const empty = () => core.readSession({ started: "2026-12-06T07:00:00.000Z", counts: {} }, TWO);

test("presses in two windows that each saved over the other merge: no press is lost", () => {
  let windowA = empty(), windowB = empty();
  // Each window presses without having seen the other's last save, 51 times in all.
  for (let i = 0; i < 26; i++) windowA = core.press(windowA, TWO, "wA", "q.01", "A", 1);
  for (let i = 0; i < 25; i++) windowB = core.press(windowB, TWO, "wB", "q.01", i % 2 ? "A" : "B", 1);
  const saved = core.readSession(JSON.parse(JSON.stringify(core.toSaved(windowB))), TWO);  // window B wrote last
  const merged = core.mergeSessions(windowA, saved, TWO);
  assert.deepEqual(plain(merged.counts["q.01"]), { A: 38, B: 13 });
  assert.equal(core.total(merged.counts["q.01"]), 51);
  // Merging is the same in either order, and merging again changes nothing.
  assert.deepEqual(plain(core.mergeSessions(saved, windowA, TWO).counts), plain(merged.counts));
  assert.deepEqual(plain(core.mergeSessions(merged, windowA, TWO)), plain(merged));
  assert.equal(core.knowsMore(windowA, saved, TWO), true);
  assert.equal(core.knowsMore(saved, merged, TWO), false);
});

test("one fewer is a press too, never below zero, and merges with the other window's", () => {
  let windowA = core.press(core.press(empty(), TWO, "wA", "q.01", "A", 1), TWO, "wA", "q.01", "A", 1);
  let windowB = core.press(windowA, TWO, "wB", "q.01", "A", -1);
  windowA = core.press(windowA, TWO, "wA", "q.01", "B", 1);
  assert.deepEqual(plain(core.mergeSessions(windowA, windowB, TWO).counts["q.01"]), { A: 1, B: 1 });
  assert.equal(core.press(empty(), TWO, "wA", "q.01", "A", -1).counts["q.01"].A, 0);
  assert.equal(windowB.counts["q.01"].A, 1);
  assert.equal(windowA.counts["q.01"].A, 2, "pressing in one copy never changes another");
  assert.equal(core.press(empty(), TWO, "wA", "q.01", "Z", 1).counts["q.01"].Z, undefined);
  assert.equal(core.press(empty(), TWO, "wA", "q.99", "A", 1).counts["q.99"], undefined);
});

test("saved windows are read defensively", () => {
  const hostile = { started: null, counts: {}, windows: {
    ok: { "q.01": { A: [3, 1], B: ["2", 0], Z: [9, 0] }, "q.99": { A: [5, 0] } },
    "bad id!": { "q.01": { A: [7, 0] } }, big: { "q.02": { A: [1e12, 0] } }, odd: "x", __proto__: { polluted: 1 } } };
  const read = core.readSession(JSON.parse(JSON.stringify(hostile)), TWO);
  assert.deepEqual(plain(read.counts), { "q.01": { A: 2, B: 0 }, "q.02": { A: 9999, B: 0 } });
  assert.deepEqual(plain(Object.keys(read.windows).sort()), ["big", "odd", "ok"]);
  assert.equal({}.polluted, undefined);
});

test("an old-format count that appears after migration adds to the migrated session, never replaces it", () => {
  const migrated = core.fromOldEntries({ "q.01": { A: 10 } }, TWO);
  // A window still running the old code saves its own whole count again: q.02 now, q.01 unchanged.
  const late = core.fromOldEntries({ "q.02": { B: 1 } }, TWO);
  const merged = core.mergeSessions(migrated, late, TWO);
  assert.deepEqual(plain(merged.counts), { "q.01": { A: 10, B: 0 }, "q.02": { A: 0, B: 1 } });
  // and one more hand on q.01 there (11 in its whole count) is one more, not 21.
  const more = core.fromOldEntries({ "q.01": { A: 11 } }, TWO);
  assert.equal(core.mergeSessions(merged, more, TWO).counts["q.01"].A, 11);
});

test("a session's start is written in New Zealand English whatever the browser's language", () => {
  const text = core.startedText(new Date(2026, 11, 6, 7, 33).toISOString());
  assert.equal(text, "Sun, 6 December 2026 at 7:33 am");
});

test("sessions sort newest first, one with no start time last", () => {
  const sessions = {
    s0: { started: null, counts: {} },
    s1: { started: "2026-11-01T00:00:00.000Z", counts: {} },
    s2: { started: "2026-12-01T00:00:00.000Z", counts: {} },
  };
  assert.deepEqual(plain(core.newestFirst(sessions)), ["s2", "s1", "s0"]);
  assert.equal(core.sessionId(new Date(Date.UTC(2026, 11, 1))), "s1796083200000");
});

test("each session downloads under its own file name", () => {
  const started = new Date(2026, 11, 1, 14, 5).toISOString();  // local time, as the trainer's clock
  assert.equal(core.csvName("quiz-intro", started), "dpup-quiz-intro-room-counts-2026-12-01-1405.csv");
  assert.equal(core.csvName("quiz-intro", null), "dpup-quiz-intro-room-counts-earlier.csv");
});

// --- the join slide -------------------------------------------------------------------------------

test("phones can open http(s) addresses, not this computer's or a file", () => {
  for (const address of ["https://org.github.io/dpup/quiz/intro/", "http://192.168.1.20:8000/quiz/intro/",
    "https://127.example.org/"]) assert.equal(core.isWebAddress(address), true, address);
  for (const address of ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://app.localhost/",
    "http://[::1]:8000/", "http://0.0.0.0:8000/", "file:///home/me/pack.html", "javascript:alert(1)", "not a url"]) {
    assert.equal(core.isWebAddress(address), false, address);
  }
});

test("the built code is offered only for the address the browser has, or for a copy phones cannot open", () => {
  const published = "https://org.github.io/dpup/quiz/intro/";
  assert.deepEqual(plain(core.joinAddress(published + "#top", published)),
    { address: published, where: "web", code: published });
  // Served somewhere else that phones may reach: no code (it would open another copy), the address in words.
  assert.deepEqual(plain(core.joinAddress("https://intranet.example/dpup/quiz/intro/", published)),
    { address: "https://intranet.example/dpup/quiz/intro/", where: "web", code: "" });
  assert.deepEqual(plain(core.joinAddress("http://127.0.0.1:8000/quiz/intro/", "")),
    { address: "http://127.0.0.1:8000/quiz/intro/", where: "local", code: "" });
  assert.equal(core.joinAddress("http://127.0.0.1:8000/quiz/intro/", published).code, published);
  assert.deepEqual(plain(core.joinAddress("file:///media/usb/pack.html", published)),
    { address: "file:///media/usb/pack.html", where: "file", code: published });
  // A site built for a preview address never offers phones a code.
  assert.equal(core.joinAddress("http://127.0.0.1:8000/quiz/intro/", "http://127.0.0.1:8000/quiz/intro/").code, "");
});
