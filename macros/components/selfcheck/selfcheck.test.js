// The self-check's rules (selfcheck-core.js) and merging two tabs' entries (selfcheck-merge.js), under Node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("../../../tests/js/load.js");

const LOADED = load([
  "answers-core.js", "selfcheck-core.js", "selfcheck-merge.js", "selfcheck-sheets.js", "selfcheck-undo.js",
  "selfcheck-import.js", "selfcheck-colleagues.js",
]);
const core = LOADED.selfcheckCore;
const CSV = LOADED.selfcheckSheets;  // the ratings and plan CSVs, loaded when asked for
const structure = core.index({
  levels: ["informal", "foundational", "managed"],
  names: { informal: "Informal", foundational: "Foundational", managed: "Managed" },
  rules: { element: "lowest", section: "lowest" },
  defaultTarget: "managed",
  sections: [{ id: "s", title: "Core" }],
  elements: [
    { id: "e", title: "People", number: "1", sectionId: "s", criteria: ["e.01", "e.02"] },
    { id: "f", title: "Culture", number: "2", sectionId: "s", criteria: ["f.01"] },
  ],
  criteria: [
    { id: "e.01", title: "Engaging", label: "Criteria 1", elementId: "e" },
    { id: "e.02", title: "Telling", label: "Criteria 2", elementId: "e" },
    { id: "f.01", title: "Leading", label: "Criteria 1", elementId: "f" },
  ],
});
const file = (fields) => JSON.stringify({ format: "dpup-self-check", version: 2, ratings: {}, plan: [], ...fields });
const validate = (content, name) => plain(core.validateFile(content, structure, 100, name));
const lines = (csv) => csv.replace(/^\uFEFF/, "").split("\r\n");
const ANSWERS = "Informal, Foundational, Managed, Not sure yet";
const JSON_COPY = "Choose the JSON copy: the file ending in .json, made with “Download a copy (JSON)”.";

test("a bad file is refused with every problem in words", () => {
  const cases = [
    ["{not json", ["The file is not a JSON file. " + JSON_COPY]],
    ['{"format": "something-else"}', ["The file is not a DPUP self-check file."]],
    ['{"format": "dpup-self-check", "version": 4, "ratings": {}}',
      ["The file is version 4 of the self-check format; this page reads versions 1, 2 and 3."]],
    ['{"format": "dpup-self-check", "version": 2}', ["The file has no ratings, or its plan is not a list."]],
    [file({ ratings: { "e.01": { level: "managd" }, "f.01": { level: "constructor" } }, target: "toString" }), [
      "Criterion “Engaging” (People, Criteria 1): the rating “managd” is not one of " + ANSWERS + ".",
      "Criterion “Leading” (Culture, Criteria 1): the rating “constructor” is not one of " + ANSWERS + ".",
      "The target level “toString” is not one of Informal, Foundational, Managed.",
    ]],
    [file({ plan: [{ status: "constructor" }, { due: "tomorrow", actions: "one" }] }), [
      "Plan row 1: the status “constructor” is not one of Not started, In progress, Done, Deferred, No action planned.",
      "Plan row 2: the target date “tomorrow” is not a date written as YYYY-MM-DD.",
      "Plan row 2: the planned actions are not a list.",
    ]],
  ];
  for (const [content, errors] of cases) assert.deepEqual(validate(content), { ok: false, errors }, content);
});

test("a CSV picked for import is refused with a message naming the JSON copy", () => {
  const csv = CSV.ratingsCsv(structure, core.emptyState(structure));
  const expected = { ok: false, errors: ["This is a CSV file, made for spreadsheets, and it cannot be read back. " +
    "Choose the JSON copy instead: the file ending in .json, made with “Download a copy (JSON)”."] };
  assert.deepEqual(validate(csv, "ratings.txt"), expected);
  assert.deepEqual(validate(CSV.planCsv(core.emptyState(structure)), "x"), expected);
  assert.deepEqual(validate("anything,at,all", "dpup-self-check-plan-2026-12-01.CSV"), expected);
});

test("a file larger than any browser can save is refused before it is read", () => {
  assert.deepEqual(plain(core.validateFile("", structure, 31200000)), { ok: false,
    errors: ["The file is 31.2 MB; a self-check file is under 30 MB. Check that you chose the right file."] });
});

test("whatever the page lets a person make imports again: long notes, 1,000 plan rows, any number of actions", () => {
  const note = "n".repeat(80000);
  const content = file({ ratings: { "e.01": { level: "managed", note } },
    plan: Array.from({ length: 2 * core.MAX_PLAN_ROWS }, () => ({ actions: Array(150).fill("Act") })) });
  const result = core.validateFile(content, structure, content.length);
  assert.equal(result.ok, true);
  assert.equal(result.state.plan.length, 1000);
  assert.equal(result.state.plan[0].actions.length, 150);
  assert.equal(result.state.ratings["e.01"].note, note);
  const tooMany = file({ plan: Array(1001).fill({}) });
  assert.deepEqual(validate(tooMany).errors, ["The plan has 1001 rows; a self-check plan has at most 1000."]);
});

test("files of versions 1, 2 and 3 import; version 3 is what a download says", () => {
  for (const version of [1, 2, 3]) {
    const result = validate(JSON.stringify({ format: "dpup-self-check", version,
      ratings: { "e.01": { level: "managed" } },
      about: { agency: "Te Puni Kōkiri", period: "2025/26", assessor: "Aroha" } }));
    assert.equal(result.ok, true, String(version));
    assert.equal(result.state.about.agency, "Te Puni Kōkiri");
  }
  const state = core.normaliseState(
    { about: { agency: "MSD" }, ratings: { "e.01": { level: "managed", note: "" } } }, structure);
  const exported = plain(core.exportState(state, "2026-12-01"));
  assert.equal(exported.version, 3);
  assert.equal(exported.about.agency, "MSD");
  assert.equal("stamps" in exported || "replacedAt" in exported, false);
  // A file of another version, or of none, is refused in words.
  assert.deepEqual(validate(JSON.stringify({ format: "dpup-self-check", version: 9, ratings: {} })).errors,
    ["The file is version 9 of the self-check format; this page reads versions 1, 2 and 3."]);
  assert.deepEqual(validate(JSON.stringify({ format: "dpup-self-check", ratings: {} })).errors,
    ["The file does not say which version of the self-check format it is; this page reads versions 1, 2 and 3."]);
});

test("a good file keeps known criteria and skips prototype keys", () => {
  const content = '{"format": "dpup-self-check", "version": 1, "target": "foundational",' +
    ' "plan": [{"status": "done"}],' +
    ' "ratings": {"e.01": {"level": "managed", "note": "n"}, "x.09": {"level": "informal"},' +
    ' "__proto__": {"level": "managed"}, "constructor": {"level": "managed"}},' +
    ' "elements": {"__proto__": {"focus": "x"}, "e": {"focus": "Next year"}}}';
  const result = validate(content);
  assert.equal(result.ok, true);
  assert.deepEqual(result.skipped, ["x.09", "__proto__", "constructor"]);
  assert.deepEqual(result.state.ratings, { "e.01": { level: "managed", note: "n" } });
  assert.deepEqual(result.state.elements, { e: { achievements: "", challenges: "", focus: "Next year" } });
  assert.equal(result.state.plan[0].status, "done");
  assert.equal(result.state.target, "foundational");
  assert.equal({}.level, undefined);
});

test("element status is not started, in progress or completed", () => {
  const state = { ratings: { "e.01": { level: "managed" }, "f.01": { level: "", note: "thinking" } } };
  assert.deepEqual(structure.elements.map((element) => core.elementStatus(structure, element, state).label),
    ["In progress", "In progress"]);
  state.ratings["e.02"] = { level: "informal" };
  assert.deepEqual(plain(core.elementStatus(structure, structure.elements[0], state)),
    { status: "completed", rated: 2, total: 2, label: "Completed" });
  assert.equal(core.elementStatus(structure, structure.elements[1], { ratings: {} }).label, "Not started");
});

test("importing counts the ratings and notes it would change; the same ratings twice change none", () => {
  const mine = { "e.01": { level: "managed", note: "" }, "e.02": { level: "informal", note: "Ours" } };
  const file = { "e.01": { level: "managed", note: "Theirs" }, "f.01": { level: "informal", note: "" },
    "x.99": { level: "managed" } };
  // e.02 and f.01; e.01's and e.02's notes
  assert.deepEqual(plain(core.ratingChanges(structure, mine, file)), { ratings: 2, notes: 2 });
  assert.deepEqual(plain(core.ratingChanges(structure, mine, JSON.parse(JSON.stringify(mine)))),
    { ratings: 0, notes: 0 });
  assert.deepEqual(plain(core.ratingChanges(structure, { "e.01": { level: "", note: "" } }, {})),
    { ratings: 0, notes: 0 });  // empty is missing
});

test("gap rows are plain sentences and not repeated", () => {
  const state = { ratings: { "e.01": { level: "informal" }, "f.01": { level: "foundational" } },
    plan: [{ criterion: "f.01" }], target: "managed" };
  const rows = plain(core.gapRows(structure, state));
  assert.deepEqual(rows.map((row) => row.recommendation),
    ["Raise “Engaging” from Informal to Foundational, as the Foundational description for this criterion sets out."]);
  assert.equal(rows[0].focusArea, "People");
  assert.equal(rows[0].status, "not-started");
});

test("the ratings and plan CSVs are separate tables, and each row says whose it is", () => {
  const state = {
    about: { agency: "Ministry, of Tests", period: "2025/26", assessor: "=Aroha" },
    ratings: { "e.01": { level: "managed", note: "=1+1" }, "e.02": { level: "unsure" } },
    plan: [{ focusArea: "People", recommendation: "Do it.", actions: ["-first", "second"], owner: "Me", resources: "",
      due: "2026-06-30", status: "no-action", reason: "No budget" }],
    elements: {}, previous: null,
  };
  const ratings = lines(CSV.ratingsCsv(structure, state));
  assert.equal(ratings[0], "Section,Element,Element level,Criterion ID,Criterion,Rating,Notes," +
    "Element achievements,Element challenges,Element areas of future focus,Agency,Assessment period,Assessed by");
  assert.equal(ratings[1], "Core,People,,e.01,Engaging,Managed,'=1+1,,,,\"Ministry, of Tests\",2025/26,'=Aroha");
  assert.equal(ratings[2], "Core,People,,e.02,Telling,Not sure yet,,,,,\"Ministry, of Tests\",2025/26,'=Aroha");
  state.elements = { e: { achievements: "A privacy week", challenges: "+ staff turnover",
    focus: 'Training, "for all"' } };
  assert.ok(lines(CSV.ratingsCsv(structure, state))[1]
    .includes(",Managed,'=1+1,A privacy week,'+ staff turnover,\"Training, \"\"for all\"\"\","));
  const plan = lines(CSV.planCsv(state));
  assert.equal(plan[0], "Focus area,Recommendation,Action number,Planned action,Owner,Resources,Target date,Status," +
    "Reason for no action,Agency,Assessment period,Assessed by");
  assert.deepEqual(plan.slice(1, 3), [
    "People,Do it.,1,'-first,Me,,2026-06-30,No action planned,No budget,\"Ministry, of Tests\",2025/26,'=Aroha",
    "People,Do it.,2,second,Me,,2026-06-30,No action planned,No budget,\"Ministry, of Tests\",2025/26,'=Aroha",
  ]);
  assert.equal(lines(CSV.planCsv({ plan: [{ actions: [], status: "constructor" }] }))[1], ",,,,,,,,,,,");
});

test("file names carry the agency, the period and the day, as safe slugs", () => {
  const about = { agency: "Te Puni Kōkiri / Ministry of Māori Development", period: "1 July 2025 to 30 June 2026" };
  assert.equal(core.fileName("ratings", about, "2026-12-01"),
    "dpup-self-check-ratings-te-puni-kokiri-ministry-of-maori-develop-1-july-2025-to-30-june-2026-2026-12-01.csv");
  assert.equal(core.fileName("plan", { agency: "MSD" }, "2026-12-01"), "dpup-self-check-plan-msd-2026-12-01.csv");
  assert.equal(core.fileName("json", { period: "2025/26" }, "2026-12-01"), "dpup-self-check-2025-26-2026-12-01.json");
  assert.equal(core.fileName("json", {}, "2026-12-01"), "dpup-self-check-2026-12-01.json");
  for (const hostile of ["../../etc/passwd", "<img src=x>", "C:\\con", "\u202Egnp.exe", "constructor"]) {
    assert.match(core.fileName("plan", { agency: hostile }, "2026-12-01"),
      /^dpup-self-check-plan-[a-z0-9-]*2026-12-01\.csv$/);
  }
});

test("an action past its target date is overdue unless done or not planned", () => {
  assert.equal(core.isOverdue({ due: "2026-06-30", status: "in-progress" }, "2026-12-01"), true);
  assert.equal(core.isOverdue({ due: "2026-06-30", status: "done" }, "2026-12-01"), false);
  assert.equal(core.isOverdue({ due: "2026-06-30", status: "no-action" }, "2026-12-01"), false);
  assert.equal(core.isOverdue({ due: "2026-12-01", status: "not-started" }, "2026-12-01"), false);
  assert.equal(core.isOverdue({ due: "", status: "not-started" }, "2026-12-01"), false);
});

test("comparison gives previous, current and change in words", () => {
  const state = {
    ratings: { "e.01": { level: "managed" }, "e.02": { level: "informal" }, "f.01": { level: "unsure" } },
    previous: { label: "2024/25", plan: [],
      ratings: { "e.01": { level: "informal" }, "e.02": { level: "informal" }, "f.01": { level: "managed" } } },
  };
  let result = plain(core.compare(structure, state));
  assert.equal(result.criteria["e.01"].text, "Up from Informal to Managed");
  assert.equal(result.criteria["e.02"].text, "No change");
  assert.deepEqual(result.criteria["f.01"], { previous: "Managed", current: "Not sure yet", text: "Cannot compare" });
  assert.equal(result.elements.e.text, "No change");
  state.ratings["e.02"] = { level: "foundational" };
  result = plain(core.compare(structure, state));
  assert.equal(result.elements.e.text, "Up from Informal to Foundational");
});

test("open actions carry over once", () => {
  const state = { plan: [{ focusArea: "A", recommendation: "kept" }], previous: { label: "Last year", ratings: {},
    plan: [
    { focusArea: "A", recommendation: "kept", status: "in-progress" },
    { focusArea: "B", recommendation: "open", status: "deferred" },
    { focusArea: "C", recommendation: "finished", status: "done" },
    { focusArea: "D", recommendation: "skipped", status: "no-action" },
  ] } };
  assert.deepEqual(core.openActions(state).map((row) => [row.focusArea, row.status, row.carriedFrom]), [["B",
    "deferred", "Last year"]]);
});

test("consolidation shows agreement and disagreement", () => {
  const people = [
    { ratings: { "e.01": { level: "managed" }, "e.02": { level: "informal" } } },
    { ratings: { "e.01": { level: "managed" }, "e.02": { level: "foundational" } } },
  ];
  assert.deepEqual(plain(core.consolidate(structure, people)), [
    { criterion: "e.01", ratings: ["managed", "managed"], agree: true, unrated: false, agreed: "managed" },
    { criterion: "e.02", ratings: ["informal", "foundational"], agree: false, unrated: false, agreed: "" },
    { criterion: "f.01", ratings: ["", ""], agree: false, unrated: true, agreed: "" },
  ]);
});

/* Two tabs: each starts from the same saved entry and changes its own fields. */
function tab(changes, at) {
  const state = core.normaliseState({}, structure);
  for (const [field, apply] of Object.entries(changes)) {
    apply(state);
    core.stamp(state, field, at);
  }
  return state;
}

test("two tabs rating at the same moment keep both ratings, whichever merges first", () => {
  const first = tab({ "ratings/e.01": (state) => { state.ratings["e.01"] = { level: "managed", note: "" }; } }, 1000);
  const second = tab({ "ratings/f.01": (state) => { state.ratings["f.01"] = { level: "informal", note: "" }; },
    "about/agency": (state) => { state.about.agency = "MSD"; } }, 1000);
  const ab = core.mergeStates(structure, first, second), ba = core.mergeStates(structure, second, first);
  assert.deepEqual(plain(ab.ratings),
    { "e.01": { level: "managed", note: "" }, "f.01": { level: "informal", note: "" } });
  assert.equal(ab.about.agency, "MSD");
  assert.equal(core.sameState(ab, ba), true);
  assert.equal(core.sameState(core.mergeStates(structure, ab, second), ab), true);  // merging again changes nothing
});

test("the later change to the same criterion wins; a clear drops only what came before it", () => {
  const first = tab({ "ratings/e.01": (state) => {
    state.ratings["e.01"] = { level: "managed", note: "old" };
  } }, 1000);
  const second = tab({ "ratings/e.01": (state) => {
    state.ratings["e.01"] = { level: "informal", note: "new" };
  } }, 2000);
  assert.equal(core.mergeStates(structure, first, second).ratings["e.01"].note, "new");
  assert.equal(core.mergeStates(structure, second, first).ratings["e.01"].note, "new");
  const cleared = core.emptyState(structure);
  core.replaced(cleared, 3000);
  const merged = core.mergeStates(structure, second, cleared);
  assert.deepEqual(plain(merged.ratings), {});
  const typedAfter = tab({ "elements/e/focus": (state) => {
    state.elements.e = { achievements: "", challenges: "", focus: "after" };
  } }, 4000);
  assert.equal(core.mergeStates(structure, cleared, typedAfter).elements.e.focus, "after");
});

test("stamps read back from storage are numbers under their own names only", () => {
  const state = core.normaliseState({ stamps: { "ratings/e.01": 5, "__proto__": 7, plan: "soon", target: Infinity },
    replacedAt: "x" }, structure);
  assert.deepEqual(Object.keys(state.stamps), ["ratings/e.01"]);
  assert.equal(state.replacedAt, 0);
  assert.equal({}.plan, undefined);
});

/* The plan, row by row: a tab adds rows, edits, removes and puts back through addRows/removeRow. */
function planTab(base, now) {
  const state = core.normaliseState(JSON.parse(JSON.stringify(base)), structure);
  return {
    state,
    add(fields, at = now) { const row = core.normaliseRow(fields); core.addRows(state, [row], at); return row; },
    edit(id, field, value, at = now) {
      state.plan.find((row) => row.id === id)[field] = value;
      core.stamp(state, `plan/${id}/${field}`, at);
    },
  };
}
const focusAreas = (state) => plain(state.plan.map((row) => row.focusArea));

test("two tabs editing the plan at once keep both tabs' rows and both fields of one row", () => {
  const start = planTab({}, 1000);
  const shared = start.add({ focusArea: "Training" });
  const first = planTab(start.state, 2000), second = planTab(start.state, 2000);
  first.edit(shared.id, "owner", "Aroha");
  second.edit(shared.id, "due", "2027-06-30");
  first.add({ focusArea: "Notices" });
  second.add({ focusArea: "Access requests" }, 2001);
  const ab = core.mergeStates(structure, first.state, second.state);
  const ba = core.mergeStates(structure, second.state, first.state);
  assert.equal(core.sameState(ab, ba), true);  // whichever tab merges first, both settle on one entry
  assert.deepEqual(focusAreas(ab), ["Training", "Notices", "Access requests"]);
  assert.deepEqual([ab.plan[0].owner, ab.plan[0].due], ["Aroha", "2027-06-30"]);
  assert.equal(core.sameState(core.mergeStates(structure, ab, second.state), ab), true);
  // Saved and read back (JSON), the merged entry is the same.
  assert.equal(core.sameState(core.normaliseState(JSON.parse(JSON.stringify(ab)), structure), ab), true);
});

test("the later change to one field wins, and the tab whose typing lost is told what it typed", () => {
  const start = planTab({}, 1000);
  const row = start.add({ focusArea: "Training" });
  const first = planTab(start.state, 2000), second = planTab(start.state, 2001);
  first.edit(row.id, "owner", "Aroha");
  second.edit(row.id, "owner", "Bill");
  first.edit(row.id, "actions", ["Plan the course", "Book rooms"]);
  const merged = core.mergeStates(structure, first.state, second.state);
  assert.equal(merged.plan[0].owner, "Bill");
  assert.deepEqual(plain(merged.plan[0].actions), ["Plan the course", "Book rooms"]);
  const typed = { [`plan/${row.id}/owner`]: true, [`plan/${row.id}/actions`]: true };
  assert.deepEqual(plain(core.planNews(first.state, merged, typed)), {
    orphan: null,
    text: "In the plan, row 1 (Training): owner changed.",
    lost: "A later change in another tab or window replaced what you typed in row 1 (Training), owner: “Aroha”." });
  // told once; the owner shown is now the other tab's
  assert.deepEqual(Object.keys(typed), [`plan/${row.id}/actions`]);
  assert.equal(core.planNews(merged, merged, typed).text, "");
});

test("a removed row stays removed when a stale tab still has it, and comes back in its place when put back", () => {
  const start = planTab({}, 1000);
  ["Governance", "Training", "Notices"].forEach((focusArea) => start.add({ focusArea }));
  const first = planTab(start.state, 2000), stale = planTab(start.state, 3000);
  const removed = core.removeRow(first.state, 1, 2000);
  stale.edit(removed.id, "owner", "Typed after the removal");  // the stale tab has not heard of it yet
  stale.add({ focusArea: "Retention" });
  const both = [
    core.mergeStates(structure, first.state, stale.state), core.mergeStates(structure, stale.state, first.state),
  ];
  for (const merged of both) {
    assert.deepEqual(focusAreas(merged), ["Governance", "Notices", "Retention"]);
    assert.equal(Object.keys(merged.stamps).some((key) => key.startsWith(`plan/${removed.id}/`)), false);
  }
  const news = core.planNews(stale.state, core.mergeStates(structure, stale.state, first.state),
    { [`plan/${removed.id}/owner`]: true });
  assert.equal(news.text, "In the plan, row 2 (Training) was removed.");
  assert.equal(news.orphan.row.id, removed.id);  // the stale tab can put back what it typed in
  assert.equal(news.lost,
    "Row 2 (Training), where you typed, was removed in another tab or window: " +
    "“Put back row 2 (Training)” brings it back.");
  core.addRows(first.state, [removed], 4000, true);
  const back = core.mergeStates(structure, stale.state, first.state);
  assert.deepEqual(focusAreas(back), ["Governance", "Training", "Notices", "Retention"]);
  assert.equal(core.sameState(back, core.mergeStates(structure, first.state, stale.state)), true);
});

test("two tabs adding the gaps and last year's open actions at once add each row once; " +
  "a removed gap comes back", () => {
  const ratings = { "e.01": { level: "informal", note: "" }, "f.01": { level: "foundational", note: "" } };
  const previous = { label: "2025", ratings: {}, plan: [{ focusArea: "Training", recommendation: "Train new staff" }] };
  const start = planTab({ ratings, previous }, 1000);
  const first = planTab(start.state, 2000), second = planTab(start.state, 2001);
  for (const tab of [first, second]) {
    core.addRows(tab.state, core.gapRows(structure, tab.state), tab === first ? 2000 : 2001);
    core.addRows(tab.state, core.openActions(tab.state), tab === first ? 2002 : 2003);
  }
  const ab = core.mergeStates(structure, first.state, second.state);
  const ba = core.mergeStates(structure, second.state, first.state);
  assert.equal(core.sameState(ab, ba), true);
  assert.deepEqual(focusAreas(ab), ["People", "Culture", "Training"]);
  assert.equal(new Set(ab.plan.map((row) => row.id)).size, 3);
  // A gap removed, then added again: its name is the same, and the later add wins over the removal.
  const gone = core.removeRow(ab, 0, 3000);
  core.addRows(ab, core.gapRows(structure, ab), 4000);
  assert.equal(ab.plan.find((row) => row.criterion === "e.01").id, gone.id);
  assert.equal(core.sameState(core.mergeStates(structure, ab, first.state), ab), true);
  // A name read back as it was written, however long last year's row id.
  const long = planTab(
    { previous: { label: "2025", ratings: {}, plan: [{ id: "x".repeat(80), focusArea: "Long" }] } }, 1000);
  core.addRows(long.state, core.openActions(long.state), 2000);
  const stored = core.normaliseState(JSON.parse(JSON.stringify(long.state)), structure);
  assert.equal(stored.plan[0].id, long.state.plan[0].id);
  // Rows a person adds are their own, even when alike.
  const blank = planTab({}, 1000);
  blank.add({}); blank.add({});
  assert.equal(new Set(blank.state.plan.map((row) => row.id)).size, 2);
});

test("rows removed elsewhere that were typed in here: each is named, " +
  "and only the one that can be put back says so", () => {
  const start = planTab({}, 1000);
  const rows = ["Governance", "Training"].map((focusArea) => start.add({ focusArea }));
  const cleared = core.normaliseState({}, structure);
  core.replaced(cleared, 5000);
  const news = core.planNews(start.state, core.mergeStates(structure, start.state, cleared),
    { [`plan/${rows[0].id}/owner`]: true, [`plan/${rows[1].id}/due`]: true });
  assert.equal(news.orphan.row.id, rows[1].id);
  assert.equal(news.lost, "Row 1 (Governance), where you typed, was removed in another tab or window. " +
    "Row 2 (Training), where you typed, was removed in another tab or window: " +
    "“Put back row 2 (Training)” brings it back.");
});

test("a plan saved before rows had ids loads whole, merges without losing rows, " +
  "and files keep version 3's rows", () => {
  const old = { ratings: {}, replacedAt: 5000, stamps: { plan: 6000, "ratings/e.01": 5000 },
    plan: [{ focusArea: "Governance", actions: ["Name a lead"] }, { focusArea: "Training", id: "constructor" },
      { focusArea: "Notices", id: "__proto__" }] };
  const first = core.normaliseState(old, structure), second = core.normaliseState(old, structure);
  assert.deepEqual(focusAreas(first), ["Governance", "Training", "Notices"]);
  assert.deepEqual(plain(first.plan.map((row) => row.id)), ["row-0", "constructor", "row-2"]);
  core.addRows(second, [core.normaliseRow({ focusArea: "Retention" })], 7000);
  for (const merged of [core.mergeStates(structure, first, second), core.mergeStates(structure, second, first)]) {
    assert.deepEqual(focusAreas(merged), ["Governance", "Training", "Notices", "Retention"]);
    assert.deepEqual(plain(merged.plan[0].actions), ["Name a lead"]);
  }
  const file = plain(core.exportState(first, "2026-12-02"));
  assert.deepEqual(Object.keys(file.plan[0]).sort(), [
    "actions", "carriedFrom", "criterion", "due", "focusArea", "owner", "reason", "recommendation", "resources",
    "status",
  ]);
  assert.deepEqual(focusAreas(validate(JSON.stringify(file)).state), ["Governance", "Training", "Notices"]);
});

test("undoing an import keeps what was changed since, and counts what it takes away", () => {
  // Before the import: one rating and one row.
  const before = core.emptyState(structure);
  before.ratings["e.01"] = { level: "informal", note: "kept from before" };
  core.addRows(before, [core.normaliseRow({ focusArea: "Before" })], 500);
  // The import brings three ratings and two rows; then a rating changes, a note is typed and a row added.
  const current = core.normaliseState({
    ratings: {
      "e.01": { level: "managed", note: "" }, "e.02": { level: "managed", note: "" },
      "f.01": { level: "informal", note: "" },
    },
    plan: [{ focusArea: "Imported A" }, { focusArea: "Imported B" }],
  }, structure);
  current.plan.forEach((row, i) => { row.id = "i-" + i; });
  core.replaced(current, 1000);
  assert.deepEqual(plain(core.laterWork(current)), []);
  current.ratings["f.01"] = { level: "managed", note: "typed since" };
  core.stamp(current, "ratings/f.01", 2000);
  current.plan[1].owner = "Aroha";
  core.stamp(current, "plan/i-1/owner", 2000);
  core.addRows(current, [core.normaliseRow({ focusArea: "Added since" })], 2100);
  assert.deepEqual(core.laterWork(current).length > 0, true);

  const undone = core.undoState(structure, current, core.normaliseState(JSON.parse(JSON.stringify(before)), structure));
  assert.deepEqual(plain(undone.ratings), { "e.01": { level: "informal", note: "kept from before" },
    "f.01": { level: "managed", note: "typed since" } });
  // A row typed in since comes back whole; a row untouched since the import goes with it.
  assert.deepEqual(plain(undone.plan.map((row) => [row.focusArea, row.owner])),
    [["Imported B", "Aroha"], ["Before", ""], ["Added since", ""]]);
  assert.deepEqual(plain(core.losses(structure, current, undone)), { ratings: 2, notes: 0, rows: 1, other: 0 });
  // Nothing changed since: the undo gives back the copy exactly, and takes away only what the import brought.
  const fresh = core.normaliseState(JSON.parse(JSON.stringify(current)), structure);
  core.replaced(fresh, 3000);
  const back = core.undoState(structure, fresh, core.normaliseState(JSON.parse(JSON.stringify(before)), structure));
  assert.deepEqual(plain(back.ratings), plain(before.ratings));
  assert.deepEqual(plain(back.plan.map((row) => row.focusArea)), ["Before"]);
});

test("undoing a clear keeps a note typed after it, in this tab or another", () => {
  const before = core.emptyState(structure);
  before.ratings["e.01"] = { level: "managed", note: "A year of evidence" };
  const cleared = core.emptyState(structure);
  core.replaced(cleared, 1000);
  cleared.ratings["e.02"] = { level: "", note: "typed after the clear" };
  core.stamp(cleared, "ratings/e.02", 1500);
  const undone = core.undoState(structure, cleared, before);
  assert.equal(undone.ratings["e.01"].note, "A year of evidence");
  assert.equal(undone.ratings["e.02"].note, "typed after the clear");
  // it only brings back
  assert.deepEqual(plain(core.losses(structure, cleared, undone)), { ratings: 0, notes: 0, rows: 0, other: 0 });
});

test("a note, comment or cover detail typed here that a later change elsewhere replaced is quoted", () => {
  const mine = tab({ "ratings/e.01": (state) => { state.ratings["e.01"] = { level: "", note: "ours" }; },
    "elements/e/focus": (state) => { state.elements.e = { achievements: "", challenges: "", focus: "our focus" }; },
    "about/agency": (state) => { state.about.agency = "MSD"; } }, 1000);
  const theirs = tab({ "ratings/e.01": (state) => { state.ratings["e.01"] = { level: "", note: "theirs" }; },
    "elements/e/focus": (state) => {
      state.elements.e = { achievements: "", challenges: "", focus: "our focus, and more" };
    },
    "about/agency": (state) => { state.about.agency = "MSD"; } }, 2000);
  const typed = { "ratings/e.01": true, "elements/e/focus": true, "about/agency": true };
  const merged = core.mergeStates(structure, mine, theirs);
  assert.equal(core.textLost(structure, mine, theirs, merged, typed),
    "A later change in another tab or window replaced what you typed in the note on “Engaging”: “ours”.");
  // The focus they typed on from ours and the agency they already hold are no longer this tab's alone.
  assert.deepEqual(Object.keys(typed), ["elements/e/focus"]);
  assert.equal(core.textLost(structure, mine, theirs, merged, {}), "");
});
