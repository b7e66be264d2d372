/* The self-check's spreadsheet files: the ratings and the plan as tables, written as two CSV
   files or as one workbook (.xlsx, Office Open XML) with a sheet each. Loaded only when the person
   asks for one of them (selfcheck-files.js), so the page's first load carries none of it.

   Why the workbook is written here rather than by a library: the libraries that write .xlsx are
   300 KB or more and do far more than this needs, and a fixed template would still need a zip
   writer. A workbook of text, numbers and dates in a few sheets is five small XML files in a zip
   stored without compression: the zip format (PKWARE's APPNOTE 6.3, "stored" entries, CRC-32)
   and the SpreadsheetML parts (ECMA-376 Part 1, §18) below are the whole of it.

   Cells: numbers are numbers, dates (named columns, YYYY-MM-DD) are dates, everything else is
   text written inline (never a formula: this writer makes no <f> element). Text a spreadsheet
   would run if typed in again (DPUP.answersCore.formulaLike, the
   CSV guard's rule) is marked
   quotePrefix, Excel's own "this is text" flag: shown without the CSV's apostrophe, and kept as
   text when the cell is edited. */
(function (DPUP) {
  "use strict";

  const assess = DPUP.answersCore;
  const core = DPUP.selfcheckCore;

  /**
   * @typedef {import("./selfcheck-core.js").Structure} Structure
   * @typedef {import("./selfcheck-core.js").State} State
   */

  /**
   * One sheet of a workbook: its rows, headings first, and the headings of its date columns.
   *
   * @typedef {object} Sheet
   * @property {string} name - ours ("Ratings", "Plan"): at most 31 characters, none of : \ / ? * [ ]
   * @property {Array<Array<string | number | null>>} rows
   * @property {string[]} [dates]
   */

  // --- the self-check's tables ------------------------------------------------------------

  // Whose file it is, on every row, so that a GCPO team can put returns together and tell them
  // apart.
  const ABOUT_HEADINGS = ["Agency", "Assessment period", "Assessed by"];
  const COMMENT_HEADINGS = ["Element achievements", "Element challenges", "Element areas of future focus"];

  /**
   * The cells that say whose file it is: agency, period, assessor.
   *
   * @param {State} state
   * @returns {string[]}
   */
  function aboutCells(state) {
    return Object.values(core.texts(core.ABOUT_FIELDS.slice(0, 3), state.about));
  }

  /**
   * The ratings, headings first, one row per criterion. The element's comments for the GCPO
   * are repeated on each of its criteria like its level, so that a spreadsheet filtered or
   * sorted by criterion keeps them.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {Array<Array<string | number>>}
   */
  function ratingsTable(structure, state) {
    const comparison = core.compare(structure, state);
    const header = ["Section", "Element", "Element level", "Criterion ID", "Criterion", "Rating", "Notes"]
      .concat(comparison ? ["Previous rating", "Change"] : [], COMMENT_HEADINGS, ABOUT_HEADINGS);
    const found = core.levels(structure, state.ratings);
    const rows = [header];
    structure.criteria.forEach((criterion) => {
      const element = structure.byElement.get(criterion.elementId);
      const rating = core.own(state.ratings, criterion.id);
      const section = structure.sections.find((candidate) => candidate.id === element.sectionId);
      const level = found.elements[element.id];
      const row = [
        section.title, element.title, level ? core.nameOf(structure, level) : "",
        criterion.id, criterion.title, rating.level ? core.nameOf(structure, rating.level) : "", rating.note,
      ];
      if (comparison) row.push(comparison.criteria[criterion.id].previous, comparison.criteria[criterion.id].text);
      const comments = Object.values(core.texts(core.COMMENT_FIELDS, state.elements[element.id]));
      rows.push(row.concat(comments, aboutCells(state)));
    });
    return rows;
  }

  /**
   * The plan, headings first, one row per planned action (numbered across the plan).
   *
   * @param {State} state
   * @returns {Array<Array<string | number>>}
   */
  function planTable(state) {
    const rows = [[
      "Focus area", "Recommendation", "Action number", "Planned action", "Owner", "Resources", "Target date",
      "Status", "Reason for no action",
    ].concat(ABOUT_HEADINGS)];
    assess.numberedActions(state.plan).forEach(({ row, number, action }) => {
      rows.push([
        row.focusArea, row.recommendation, number, action, row.owner, row.resources, row.due,
        core.statusName(row.status), row.reason,
      ].concat(aboutCells(state)));
    });
    return rows;
  }

  /**
   * The ratings as a CSV file.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {string}
   */
  function ratingsCsv(structure, state) {
    return assess.toCsv([ratingsTable(structure, state)]);
  }

  /**
   * The plan as a CSV file.
   *
   * @param {State} state
   * @returns {string}
   */
  function planCsv(state) {
    return assess.toCsv([planTable(state)]);
  }

  // --- a zip file, entries stored ---------------------------------------------------------

  const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    return crc >>> 0;
  });

  /**
   * The CRC-32 of some bytes, as the zip format checks its entries.
   *
   * @param {Uint8Array} bytes
   * @returns {number}
   */
  function crc32(bytes) {
    let crc = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /**
   * Little-endian fields as one array of bytes.
   *
   * @param {Array<[number, number]>} list - each field's value and its size in bytes
   * @returns {number[]}
   */
  function fields(list) {
    const out = [];
    list.forEach(([value, size]) => {
      for (let i = 0; i < size; i++) out.push((value / Math.pow(256, i)) & 0xff);
    });
    return out;
  }

  /**
   * A zip file of entries stored as they are. Every entry is dated 1 January 1980 (the
   * format's earliest date): the file says nothing about when or where it was made.
   *
   * @param {{name: string, data: Uint8Array}[]} files
   * @returns {Uint8Array} the zip's bytes
   */
  function zip(files) {
    const encoder = new TextEncoder();
    const local = [];
    const central = [];
    let offset = 0;
    files.forEach((file) => {
      const name = encoder.encode(file.name);
      const crc = crc32(file.data);
      const size = file.data.length;
      // version 2.0, no flags, stored, time 00:00, date 1980-01-01, CRC-32, sizes, name length,
      // no extra
      const common = [
        [20, 2], [0, 2], [0, 2], [0, 2], [0x21, 2], [crc, 4], [size, 4], [size, 4], [name.length, 2], [0, 2],
      ];
      const header = fields([[0x04034b50, 4]].concat(common));
      local.push(header, name, file.data);
      // made by version 2.0; no comment, disk 0, no attributes; where the local header starts
      const entry = [[0x02014b50, 4], [20, 2]].concat(common, [[0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]);
      central.push(fields(entry), name);
      offset += header.length + name.length + size;
    });
    const centralSize = central.reduce((sum, part) => sum + part.length, 0);
    const end = fields([
      [0x06054b50, 4], [0, 2], [0, 2], [files.length, 2], [files.length, 2], [centralSize, 4], [offset, 4], [0, 2],
    ]);
    const bytes = new Uint8Array(offset + centralSize + end.length);
    let at = 0;
    local.concat(central, [end]).forEach((part) => {
      bytes.set(part, at);
      at += part.length;
    });
    return bytes;
  }

  // --- the workbook -----------------------------------------------------------------------

  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
  const OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
  const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const MAX_CELL_TEXT = 32767;  // Excel's limit: a longer cell makes it "repair" the file
  // Styles (cellXfs, in styles.xml): 0 text, 1 heading (bold), 2 date, 3 text marked as text.
  const HEADING = 1;
  const DATE = 2;
  const MARKED_TEXT = 3;
  const FONT = '<sz val="11"/><name val="Calibri"/>';
  const STYLES = XML + '<styleSheet xmlns="' + MAIN + '">' +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
    '<fonts count="2"><font>' + FONT + "</font><font><b/>" + FONT + "</font></fonts>" +
    '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
    '<fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  /**
   * Text as XML can hold it: characters XML 1.0 forbids and lone surrogates are dropped, line
   * ends made \n, and & < > " escaped.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function xmlText(value) {
    return String(value)
      .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (pair) => (pair.length === 2 ? pair : ""))
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
      .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /**
   * A column's name: 0 -> A, 25 -> Z, 26 -> AA.
   *
   * @param {number} index
   * @returns {string}
   */
  function columnName(index) {
    let name = "";
    for (let left = index + 1; left > 0; left = Math.floor((left - 1) / 26)) {
      name = String.fromCharCode(65 + ((left - 1) % 26)) + name;
    }
    return name;
  }

  /**
   * A YYYY-MM-DD date as the spreadsheet's day number (days since 30 December 1899).
   *
   * @param {string} value
   * @returns {number | null} null for anything else, which stays text
   */
  function dayNumber(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return null;
    const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (new Date(time).toISOString().slice(0, 10) !== value) return null;  // 2026-02-30
    return time / 86400000 + 25569;
  }

  /**
   * One cell: a number, a date in a date column, or inline text (marked as text where a
   * spreadsheet would run it); "" for an empty cell, which is left out.
   *
   * @param {string} ref - such as "B2"
   * @param {string | number | null | undefined} value
   * @param {number} style - HEADING, DATE or 0
   * @returns {string}
   */
  function cell(ref, value, style) {
    if (typeof value === "number" && isFinite(value)) return '<c r="' + ref + '"><v>' + value + "</v></c>";
    const text = value === null || value === undefined ? "" : String(value).slice(0, MAX_CELL_TEXT);
    if (text === "") return "";
    if (style === DATE && dayNumber(text) !== null) {
      return '<c r="' + ref + '" s="' + DATE + '"><v>' + dayNumber(text) + "</v></c>";
    }
    let shown = style;
    if (style !== HEADING) shown = assess.formulaLike(text) ? MARKED_TEXT : 0;
    return '<c r="' + ref + '"' + (shown ? ' s="' + shown + '"' : "") +
      ' t="inlineStr"><is><t xml:space="preserve">' + xmlText(text) + "</t></is></c>";
  }

  /**
   * A worksheet's XML. The first row is the headings (bold, frozen at the top); each column is
   * as wide as its longest line, within 8 to 60.
   *
   * @param {Sheet} sheet
   * @returns {string}
   */
  function sheetXml(sheet) {
    const headings = sheet.rows[0] || [];
    const dates = headings.map((heading) => (sheet.dates || []).indexOf(heading) >= 0);
    const widths = headings.map(() => 8);
    const rows = sheet.rows.map((row, rowIndex) => {
      const cells = row.map((value, column) => {
        const longest = String(value === null || value === undefined ? "" : value).split("\n")
          .reduce((most, line) => Math.max(most, line.length), 0);
        widths[column] = Math.min(60, Math.max(widths[column] || 8, longest + 2));
        let style = dates[column] ? DATE : 0;
        if (rowIndex === 0) style = HEADING;
        return cell(columnName(column) + (rowIndex + 1), value, style);
      });
      return '<row r="' + (rowIndex + 1) + '">' + cells.join("") + "</row>";
    });
    const cols = widths.map((width, column) => {
      return '<col min="' + (column + 1) + '" max="' + (column + 1) + '" width="' + width + '" customWidth="1"/>';
    });
    return XML + '<worksheet xmlns="' + MAIN + '"><sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      (cols.length ? "<cols>" + cols.join("") + "</cols>" : "") +
      "<sheetData>" + rows.join("") + "</sheetData></worksheet>";
  }

  /**
   * A relationship, as the package's .rels parts list them.
   *
   * @param {string} id
   * @param {string} type - after the relationships namespace
   * @param {string} target
   * @returns {string}
   */
  function relationship(id, type, target) {
    return '<Relationship Id="' + id + '" Type="' + REL + "/" + type + '" Target="' + target + '"/>';
  }

  /**
   * The .xlsx file of some sheets.
   *
   * @param {Sheet[]} sheets
   * @returns {Uint8Array} its bytes
   */
  function workbook(sheets) {
    const encoder = new TextEncoder();
    const overrides = sheets.map((sheet, i) => {
      return '<Override PartName="/xl/worksheets/sheet' + (i + 1) + '.xml" ' +
        'ContentType="' + OFFICE + 'worksheet+xml"/>';
    });
    const relations = sheets.map((sheet, i) => {
      return relationship("rId" + (i + 1), "worksheet", "worksheets/sheet" + (i + 1) + ".xml");
    });
    const names = sheets.map((sheet, i) => {
      return '<sheet name="' + xmlText(sheet.name) + '" sheetId="' + (i + 1) + '" r:id="rId' + (i + 1) + '"/>';
    });
    const files = [
      ["[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="' + OFFICE + 'sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="' + OFFICE + 'styles+xml"/>' +
        overrides.join("") + "</Types>"],
      ["_rels/.rels", XML + '<Relationships xmlns="' + PACKAGE_REL + '">' +
        relationship("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>"],
      ["xl/workbook.xml", XML + '<workbook xmlns="' + MAIN + '" xmlns:r="' + REL + '"><sheets>' +
        names.join("") + "</sheets></workbook>"],
      ["xl/_rels/workbook.xml.rels", XML + '<Relationships xmlns="' + PACKAGE_REL + '">' + relations.join("") +
        relationship("rId" + (sheets.length + 1), "styles", "styles.xml") + "</Relationships>"],
      ["xl/styles.xml", STYLES],
    ].concat(sheets.map((sheet, i) => ["xl/worksheets/sheet" + (i + 1) + ".xml", sheetXml(sheet)]));
    return zip(files.map(([name, text]) => ({ name, data: encoder.encode(text) })));
  }

  // --- what the self-check asks for -------------------------------------------------------

  const CSV = "text/csv;charset=utf-8";
  const XLSX = OFFICE + "sheet";

  /**
   * The workbook's sheets: the ratings and the plan, the plan's target dates as dates.
   *
   * @param {Structure} structure
   * @param {State} state
   * @returns {Sheet[]}
   */
  function selfCheckSheets(structure, state) {
    return [
      { name: "Ratings", rows: ratingsTable(structure, state) },
      { name: "Plan", rows: planTable(state), dates: ["Target date"] },
    ];
  }

  /**
   * Makes a spreadsheet file for the self-check and offers it as the self-check's other files
   * are offered (named, saved, said).
   *
   * @param {string} kind - "ratings" or "plan" (a CSV file) or "xlsx" (both, as one workbook)
   * @param {object} sc - the self-check's shared object (SelfCheckContext, selfcheck-dom.js)
   * @param {function(string, string | Uint8Array, string): void} offerFile - names and saves it
   */
  function offer(kind, sc, offerFile) {
    if (kind === "ratings") offerFile(kind, ratingsCsv(sc.structure, sc.state), CSV);
    if (kind === "plan") offerFile(kind, planCsv(sc.state), CSV);
    if (kind === "xlsx") offerFile(kind, workbook(selfCheckSheets(sc.structure, sc.state)), XLSX);
  }

  DPUP.selfcheckSheets = { ratingsCsv, planCsv, selfCheckSheets, offer, workbook, crc32 };
})(window.DPUP = window.DPUP || {});
