// The self-check's spreadsheet workbook (selfcheck-sheets.js), under Node: the zip read back entry by
// entry, each cell's type. tests/browser/test_spreadsheets.py opens the files in LibreOffice.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain } = require("../../../tests/js/load.js");

const DPUP = load(["answers-core.js", "selfcheck-core.js", "selfcheck-sheets.js"], { TextEncoder });
const xlsx = DPUP.selfcheckSheets;

/* A stored zip's entries, {name: text}, read as the format says, every CRC checked. */
function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, "end of central directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = {};
  for (let i = 0; i < count; i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50, "central directory entry");
    const size = view.getUint32(at + 24, true), nameLength = view.getUint16(at + 28, true);
    const crc = view.getUint32(at + 16, true), offset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(view.getUint32(offset, true), 0x04034b50, "local header of " + name);
    assert.equal(view.getUint16(offset + 8, true), 0, "stored");
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const data = bytes.subarray(start, start + size);
    assert.equal(xlsx.crc32(data), crc, "CRC of " + name);
    entries[name] = new TextDecoder().decode(data);
    at += 46 + nameLength;
  }
  return entries;
}

test("CRC-32 is the zip format's (its check value for 123456789)", () => {
  assert.equal(xlsx.crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
});

test("a workbook is a zip with the parts SpreadsheetML needs, one sheet each", () => {
  const files = unzip(xlsx.workbook([{ name: "Ratings", rows: [["A"]] }, { name: "Plan", rows: [["B"]] }]));
  assert.deepEqual(Object.keys(files), ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);
  assert.match(files["xl/workbook.xml"],
    /<sheet name="Ratings" sheetId="1" r:id="rId1"\/><sheet name="Plan" sheetId="2" r:id="rId2"\/>/);
  assert.match(files["xl/_rels/workbook.xml.rels"], /Id="rId3" Type="[^"]+\/styles" Target="styles.xml"/);
  assert.match(files["[Content_Types].xml"], /PartName="\/xl\/worksheets\/sheet2.xml"/);
});

test("numbers are numbers, dates are dates, text is inline text and nothing is a formula", () => {
  const rows = [["Text", "Number", "Target date"],
    ["Māori & <whānau>", 3, "2026-06-30"], ["=1+1", -5000, "2026-02-30"], ["+64 21 555 0101", 12.5, "soon"],
    ["-5,000", "", "\u0000@x\u0001\ud800"]];
  const files = unzip(xlsx.workbook([{ name: "Plan", rows: rows, dates: ["Target date"] }]));
  const sheet = files["xl/worksheets/sheet1.xml"];
  const cell = (ref) => (sheet.match(new RegExp('<c r="' + ref + '"[^>]*>.*?</c>')) || [""])[0];
  assert.equal(cell("A1"), '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Text</t></is></c>');
  assert.equal(cell("A2"),
    '<c r="A2" t="inlineStr"><is><t xml:space="preserve">Māori &amp; &lt;whānau&gt;</t></is></c>');
  assert.equal(cell("B2"), '<c r="B2"><v>3</v></c>');
  assert.equal(cell("C2"), '<c r="C2" s="2"><v>46203</v></c>');  // 30 June 2026
  assert.equal(cell("A3"), '<c r="A3" s="3" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>');
  assert.equal(cell("B3"), '<c r="B3"><v>-5000</v></c>');
  assert.match(cell("C3"), /t="inlineStr".*2026-02-30/);  // not a day: stays text
  assert.match(cell("A4"), /^<c r="A4" s="3" t="inlineStr">/);
  assert.match(cell("C4"), /^<c r="C4" t="inlineStr">.*soon/);
  assert.match(cell("A5"), /^<c r="A5" t="inlineStr">.*-5,000/);  // a plain number: no mark needed
  assert.equal(cell("B5"), "");  // an empty cell is left out
  assert.equal(cell("C5"), '<c r="C5" s="3" t="inlineStr"><is><t xml:space="preserve">@x</t></is></c>');
  assert.doesNotMatch(sheet, /<f[ >]/);
  assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
});

test("the self-check's sheets: the ratings and the plan, with agency and period, target dates as dates", () => {
  const structure = DPUP.selfcheckCore.index({
    levels: ["informal", "managed"], names: { informal: "Informal", managed: "Managed" },
    rules: { element: "lowest", section: "lowest" }, defaultTarget: "managed",
    sections: [{ id: "s", title: "Core" }],
    elements: [{ id: "e", title: "People", number: "1", sectionId: "s", criteria: ["e.01"] }],
    criteria: [{ id: "e.01", title: "Engaging", label: "Criteria 1", elementId: "e" }],
  });
  const state = { about: { agency: "Te Puni Kōkiri", period: "2025/26", assessor: "Aroha" },
    ratings: { "e.01": { level: "managed", note: "" } }, elements: {}, previous: null,
    plan: [{ focusArea: "People", recommendation: "Do it.", actions: ["First"], owner: "", resources: "",
      due: "2026-06-30", status: "done", reason: "" }] };
  const sheets = xlsx.selfCheckSheets(structure, state);
  assert.deepEqual(plain(sheets.map((sheet) => sheet.name)), ["Ratings", "Plan"]);
  const files = unzip(xlsx.workbook(sheets));
  assert.match(files["xl/worksheets/sheet1.xml"], /Te Puni Kōkiri/);
  assert.match(files["xl/worksheets/sheet2.xml"], /<c r="C2"><v>1<\/v><\/c>/);  // the action's number
  assert.match(files["xl/worksheets/sheet2.xml"], /<c r="G2" s="2"><v>46203<\/v><\/c>/);
  assert.equal(DPUP.selfcheckCore.fileName("xlsx", state.about, "2026-12-06"),
    "dpup-self-check-te-puni-kokiri-2025-26-2026-12-06.xlsx");
});

test("columns are named past Z", () => {
  const row = Array.from({ length: 28 }, (_, i) => i);
  const sheet = unzip(xlsx.workbook([{ name: "Wide", rows: [row] }]))["xl/worksheets/sheet1.xml"];
  assert.match(sheet, /<c r="Z1"><v>25<\/v><\/c><c r="AA1"><v>26<\/v><\/c><c r="AB1"/);
});
