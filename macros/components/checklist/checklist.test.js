// The checklists' and the purpose statement's rules (checklist-core.js), under Node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("../../../tests/js/load.js");

const core = load(["answers-core.js", "checklist-core.js"]).checklistCore;

test("a saved entry is read back as two text fields, whatever was stored", () => {
  assert.deepEqual(plain(core.answerOf({ answer: "yes", note: "ok", extra: 1 })), { answer: "yes", note: "ok" });
  for (const hostile of [null, "yes", 3, [], { answer: { toString: 1 }, note: 5 }]) {
    assert.deepEqual(plain(core.answerOf(hostile)), { answer: "", note: "" });
  }
});

test("changing one field keeps the other as another tab saved it", () => {
  const stored = { answer: "no", note: "typed in the other tab" };
  assert.deepEqual(plain(core.withField(stored, "answer", "yes")), { answer: "yes", note: "typed in the other tab" });
  assert.deepEqual(plain(core.withField({ answer: "no", note: "" }, "note", "mine")), { answer: "no", note: "mine" });
  assert.deepEqual(plain(core.withField(null, "note", "first")), { answer: "", note: "first" });
});

test("the summary counts answered items and lists those that need attention", () => {
  const found = plain(core.summary([
    { id: "a", scored: true, answer: "yes", needsAttention: false },
    { id: "b", scored: true, answer: "no", needsAttention: true },
    { id: "c", scored: true, answer: "", needsAttention: false },
    { id: "d", scored: false, answer: "", needsAttention: false },
  ]));
  assert.equal(found.scored, 3);
  assert.equal(found.answered, 2);
  assert.deepEqual(found.attention.map((item) => item.id), ["b"]);
});

test("the CSV neutralises formulas and the statement keeps the headings in order", () => {
  const rows = [{ id: "x.01", text: "Is it fair?", label: "No", note: "=HYPERLINK(1)" }];
  const csv = core.csv(rows).replace(/^\uFEFF/, "").split("\r\n");
  assert.deepEqual(csv.slice(0, 2), ["Item,Question,Answer,Note", "x.01,Is it fair?,No,'=HYPERLINK(1)"]);
  const fields = [{ heading: "What", value: " Collect " }, { heading: "Why", value: "" }];
  assert.equal(core.statement("Purpose statement", fields),
    "Purpose statement\n\nWhat\nCollect\n\nWhy\n(not written yet)\n");
  const exported = JSON.parse(core.json("tool-x", { "x.01": { answer: "yes", note: "" } }, "2026-12-01"));
  assert.deepEqual(exported, { format: "dpup-checklist", version: 1, tool: "tool-x", exported: "2026-12-01",
    answers: { "x.01": { answer: "yes", note: "" } } });
});

test("typing replaced by another tab's later text is quoted, unless that text already holds it", () => {
  assert.equal(core.lostTyping("the note on “Notices”", "our words", "their words", true),
    "A later change there replaced what you typed in the note on “Notices”: “our words”.");
  assert.equal(core.lostTyping("x", "our", "our words and theirs", true), "");  // the other tab typed on from ours
  assert.equal(core.lostTyping("x", "shown from elsewhere", "new", false), "");  // not typed here
  assert.equal(core.lostTyping("x", "  ", "new", true), "");
  // a clear elsewhere
  assert.equal(core.lostTyping("x", "ours", null, true), "A later change there replaced what you typed in x: “ours”.");
});

test("the sync line keeps the last three quotes of replaced typing through later updates", () => {
  const line = new core.SyncLine();
  const updated = "Updated with changes made in another tab or window.";
  assert.equal(line.after([""]), updated);
  assert.equal(line.after(["one", "", "two"]), updated + " one two");
  assert.equal(line.after([]), updated + " one two");  // a later update that replaced nothing
  assert.equal(line.after(["three", "four"]), updated + " two three four");
});

test("downloads name the tool and the person's day", () => {
  assert.equal(core.fileName("tool-check-your-actions", "2026-12-07", "csv"), "dpup-check-your-actions-2026-12-07.csv");
  assert.equal(core.fileName("tool-purpose-statement", "2026-12-07", "txt"), "dpup-purpose-statement-2026-12-07.txt");
});
