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
   would run if typed in again (DPUP.assess.formulaLike, the CSV guard's rule) is marked
   quotePrefix, Excel's own "this is text" flag: shown without the CSV's apostrophe, and kept as
   text when the cell is edited. */
(function (DPUP) {
  "use strict";
  var A = DPUP.assess, core = DPUP.selfcheckCore;

  // --- the self-check's tables ----------------------------------------------------------------------

  /* Whose file it is, on every row, so that a GCPO team can put returns together and tell them apart. */
  var ABOUT_HEADINGS = ["Agency", "Assessment period", "Assessed by"];
  function aboutCells(state) {
    return Object.values(core.texts(core.ABOUT_FIELDS.slice(0, 3), state.about));  // agency, period, assessor
  }

  /* The ratings, headings first, one row per criterion. */
  function ratingsTable(structure, state) {
    var comparison = core.compare(structure, state);
    // The element's comments for the GCPO, repeated on each of its criteria like its level, so
    // that a spreadsheet filtered or sorted by criterion keeps them.
    var header = ["Section", "Element", "Element level", "Criterion ID", "Criterion", "Rating", "Notes"].concat(
      comparison ? ["Previous rating", "Change"] : [], ["Element achievements", "Element challenges", "Element areas of future focus"], ABOUT_HEADINGS);
    var found = core.levels(structure, state.ratings);
    var rows = [header];
    structure.criteria.forEach(function (c) {
      var element = structure.byElement.get(c.elementId);
      var rating = core.has(state.ratings, c.id) ? state.ratings[c.id] : {};
      var section = structure.sections.find(function (s) { return s.id === element.sectionId; });
      var row = [section.title, element.title, found.elements[element.id] ? core.nameOf(structure, found.elements[element.id]) : "",
        c.id, c.title, rating.level ? core.nameOf(structure, rating.level) : "", rating.note];
      if (comparison) row.push(comparison.criteria[c.id].previous, comparison.criteria[c.id].text);
      rows.push(row.concat(Object.values(core.texts(core.COMMENT_FIELDS, state.elements[element.id])), aboutCells(state)));
    });
    return rows;
  }

  /* The plan, headings first, one row per planned action (numbered across the plan). */
  function planTable(state) {
    var rows = [["Focus area", "Recommendation", "Action number", "Planned action", "Owner", "Resources", "Target date", "Status",
      "Reason for no action"].concat(ABOUT_HEADINGS)];
    A.numberedActions(state.plan).forEach(function (entry) {
      var row = entry.row;
      rows.push([row.focusArea, row.recommendation, entry.number, entry.action, row.owner, row.resources, row.due,
        core.statusName(row.status), row.reason].concat(aboutCells(state)));
    });
    return rows;
  }

  function ratingsCsv(structure, state) { return A.toCsv([ratingsTable(structure, state)]); }
  function planCsv(state) { return A.toCsv([planTable(state)]); }

  // --- a zip file, entries stored ---------------------------------------------------------------

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* Little-endian fields: [[value, bytes], ...] as one array of bytes. */
  function fields(list) {
    var out = [];
    list.forEach(function (field) {
      for (var i = 0; i < field[1]; i++) out.push((field[0] / Math.pow(256, i)) & 0xff);
    });
    return out;
  }

  /* files: [{ name, data: Uint8Array }] -> the zip's bytes. Every entry is dated 1 January 1980
     (the format's earliest date): the file says nothing about when or where it was made. */
  function zip(files) {
    var encoder = new TextEncoder();
    var local = [], central = [], offset = 0;
    files.forEach(function (file) {
      var name = encoder.encode(file.name), crc = crc32(file.data), size = file.data.length;
      // version 2.0, no flags, stored, time 00:00, date 1980-01-01, CRC-32, sizes, name length, no extra
      var common = [[20, 2], [0, 2], [0, 2], [0, 2], [0x21, 2], [crc, 4], [size, 4], [size, 4], [name.length, 2], [0, 2]];
      var header = fields([[0x04034b50, 4]].concat(common));
      local.push(header, name, file.data);
      // made by version 2.0; no comment, disk 0, no attributes; where the local header starts
      central.push(fields([[0x02014b50, 4], [20, 2]].concat(common, [[0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]])), name);
      offset += header.length + name.length + size;
    });
    var centralSize = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = fields([[0x06054b50, 4], [0, 2], [0, 2], [files.length, 2], [files.length, 2], [centralSize, 4], [offset, 4], [0, 2]]);
    var parts = local.concat(central, [end]);
    var bytes = new Uint8Array(offset + centralSize + end.length), at = 0;
    parts.forEach(function (part) { bytes.set(part, at); at += part.length; });
    return bytes;
  }

  // --- the workbook -------------------------------------------------------------------------------

  var MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  var PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  var MAX_CELL_TEXT = 32767;  // Excel's limit: a longer cell makes it "repair" the file
  // Styles (cellXfs, in styles.xml): 0 text, 1 heading (bold), 2 date, 3 text marked as text.
  var HEADING = 1, DATE = 2, MARKED_TEXT = 3;
  var STYLES = XML + '<styleSheet xmlns="' + MAIN + '">' +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  /* Text as XML can hold it: characters XML 1.0 forbids and lone surrogates are dropped, line
     ends made \n, and & < > " escaped. */
  function xmlText(value) {
    return String(value)
      .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, function (pair) { return pair.length === 2 ? pair : ""; })
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
      .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* 0 -> A, 25 -> Z, 26 -> AA. */
  function columnName(index) {
    var name = "";
    for (var n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  }

  /* A YYYY-MM-DD date as the spreadsheet's day number (days since 30 December 1899); null for
     anything else, which stays text. */
  function dayNumber(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return null;
    var time = Date.UTC(+match[1], +match[2] - 1, +match[3]);
    if (new Date(time).toISOString().slice(0, 10) !== value) return null;  // 2026-02-30
    return time / 86400000 + 25569;
  }

  function cell(ref, value, style) {
    if (typeof value === "number" && isFinite(value)) return '<c r="' + ref + '"><v>' + value + "</v></c>";
    var text = value === null || value === undefined ? "" : String(value).slice(0, MAX_CELL_TEXT);
    if (text === "") return "";
    if (style === DATE && dayNumber(text) !== null) return '<c r="' + ref + '" s="' + DATE + '"><v>' + dayNumber(text) + "</v></c>";
    if (style !== HEADING) style = DPUP.assess.formulaLike(text) ? MARKED_TEXT : 0;
    return '<c r="' + ref + '"' + (style ? ' s="' + style + '"' : "") + ' t="inlineStr"><is><t xml:space="preserve">' +
      xmlText(text) + "</t></is></c>";
  }

  /* sheet: { rows: [[heading, ...], [value, ...], ...], dates: [heading, ...] }. The first row is
     the headings (bold, frozen at the top); each column as wide as its longest line, within 8 to 60. */
  function sheetXml(sheet) {
    var headings = sheet.rows[0] || [];
    var dates = headings.map(function (heading) { return (sheet.dates || []).indexOf(heading) >= 0; });
    var widths = headings.map(function () { return 8; });
    var rows = sheet.rows.map(function (row, r) {
      var cells = row.map(function (value, c) {
        var longest = String(value === null || value === undefined ? "" : value).split("\n")
          .reduce(function (most, line) { return Math.max(most, line.length); }, 0);
        widths[c] = Math.min(60, Math.max(widths[c] || 8, longest + 2));
        return cell(columnName(c) + (r + 1), value, r === 0 ? HEADING : dates[c] ? DATE : 0);
      });
      return '<row r="' + (r + 1) + '">' + cells.join("") + "</row>";
    });
    var cols = widths.map(function (width, c) {
      return '<col min="' + (c + 1) + '" max="' + (c + 1) + '" width="' + width + '" customWidth="1"/>';
    });
    return XML + '<worksheet xmlns="' + MAIN + '"><sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      (cols.length ? "<cols>" + cols.join("") + "</cols>" : "") + "<sheetData>" + rows.join("") + "</sheetData></worksheet>";
  }

  /* sheets: [{ name, rows, dates }] -> the .xlsx file's bytes. Names are ours ("Ratings", "Plan"):
     at most 31 characters, none of : \ / ? * [ ]. */
  function workbook(sheets) {
    var encoder = new TextEncoder();
    var overrides = sheets.map(function (sheet, i) {
      return '<Override PartName="/xl/worksheets/sheet' + (i + 1) + '.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
    });
    var relations = sheets.map(function (sheet, i) {
      return '<Relationship Id="rId' + (i + 1) + '" Type="' + REL + '/worksheet" Target="worksheets/sheet' + (i + 1) + '.xml"/>';
    });
    var files = [
      ["[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        overrides.join("") + "</Types>"],
      ["_rels/.rels", XML + '<Relationships xmlns="' + PACKAGE_REL + '">' +
        '<Relationship Id="rId1" Type="' + REL + '/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ["xl/workbook.xml", XML + '<workbook xmlns="' + MAIN + '" xmlns:r="' + REL + '"><sheets>' +
        sheets.map(function (sheet, i) {
          return '<sheet name="' + xmlText(sheet.name) + '" sheetId="' + (i + 1) + '" r:id="rId' + (i + 1) + '"/>';
        }).join("") + "</sheets></workbook>"],
      ["xl/_rels/workbook.xml.rels", XML + '<Relationships xmlns="' + PACKAGE_REL + '">' + relations.join("") +
        '<Relationship Id="rId' + (sheets.length + 1) + '" Type="' + REL + '/styles" Target="styles.xml"/></Relationships>'],
      ["xl/styles.xml", STYLES],
    ].concat(sheets.map(function (sheet, i) { return ["xl/worksheets/sheet" + (i + 1) + ".xml", sheetXml(sheet)]; }));
    return zip(files.map(function (file) { return { name: file[0], data: encoder.encode(file[1]) }; }));
  }

  // --- what the self-check asks for ---------------------------------------------------------------------

  var CSV = "text/csv;charset=utf-8", XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /* The workbook's sheets: the ratings and the plan, the plan's target dates as dates. */
  function selfCheckSheets(structure, state) {
    return [{ name: "Ratings", rows: ratingsTable(structure, state) },
      { name: "Plan", rows: planTable(state), dates: ["Target date"] }];
  }

  /* kind "ratings" or "plan" (a CSV file) or "xlsx" (both, as one workbook), for the self-check
     sc; `offer` names the file and saves it as the self-check's other files. */
  function offer(kind, sc, offerFile) {
    if (kind === "ratings") offerFile(kind, ratingsCsv(sc.S, sc.state), CSV);
    if (kind === "plan") offerFile(kind, planCsv(sc.state), CSV);
    if (kind === "xlsx") offerFile(kind, workbook(selfCheckSheets(sc.S, sc.state)), XLSX);
  }

  DPUP.selfcheckSheets = { ratingsCsv: ratingsCsv, planCsv: planCsv, selfCheckSheets: selfCheckSheets, offer: offer,
    workbook: workbook, crc32: crc32 };
})(window.DPUP = window.DPUP || {});
