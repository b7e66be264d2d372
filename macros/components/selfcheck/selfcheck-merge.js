/* Two tabs of the self-check, one saved entry: merging them field by field, with no DOM.
   Needs selfcheck-core.js.

   Each field a person changes (a criterion's rating and note, one comment, one cover field, the
   target, one field of a plan row, last year's file) carries the time it last changed in
   state.stamps. A plan row has an id; its entry "plan/<id>" holds its place in the plan, and once
   it is removed, null: the stamp of that tombstone outlives the row, so that a tab still showing
   the row cannot bring it back, while putting it back (a later stamp) does. A clear,
   an import or an undo replaces the whole state: it sets state.replacedAt and stamps every field
   it keeps with that time, so what was typed before it is dropped and what was typed after kept.
   Merging keeps, for each field, the later change; two tabs merging the same two entries get the
   same result, whichever merges first, so they settle on one entry. */
(function (DPUP) {
  "use strict";
  var core = DPUP.selfcheckCore;
  var has = core.has;
  var ROW_FIELDS = Object.keys(core.normaliseRow({}));
  var ROW = /^plan\/[^/]+$/;
  function key(row, f) { return "plan/" + row.id + (f ? "/" + f : ""); }  // a row's place, or one of its fields
  var LABEL = { focusArea: "focus area", recommendation: "recommendation", actions: "planned actions", owner: "owner",
    resources: "resources", due: "target date", status: "status", reason: "reason for no action" };

  /* Every field of a state by name: "ratings/<id>", "elements/<id>/<comment>", "about/<field>",
     "target", "plan/<row id>" (its place, or null once removed), "plan/<row id>/<field>", "previous". */
  function fields(state) {
    var found = {};
    Object.keys(state.ratings).forEach(function (id) { found["ratings/" + id] = state.ratings[id]; });
    Object.keys(state.elements).forEach(function (id) {
      core.COMMENT_FIELDS.forEach(function (f) { found["elements/" + id + "/" + f] = state.elements[id][f]; });
    });
    core.ABOUT_FIELDS.forEach(function (f) { found["about/" + f] = state.about[f]; });
    found.target = state.target;
    state.plan.forEach(function (row) {
      found[key(row)] = row.at;
      ROW_FIELDS.forEach(function (f) { found[key(row, f)] = row[f]; });
    });
    Object.keys(state.stamps).forEach(function (k) { if (ROW.test(k) && !has(found, k)) found[k] = null; });
    found.previous = state.previous;
    return found;
  }

  function put(state, field, value, rows) {
    var parts = field.split("/");
    if (parts[0] === "plan") {
      if (!rows.has(parts[1])) rows.set(parts[1], Object.assign(core.normaliseRow({}), { id: parts[1], at: null }));
      rows.get(parts[1])[parts.length === 2 ? "at" : parts[2]] = value;
    } else if (parts[0] === "elements") {
      var id = parts.slice(1, -1).join("/");
      if (!has(state.elements, id)) state.elements[id] = core.texts(core.COMMENT_FIELDS);
      state.elements[id][parts[parts.length - 1]] = value;
    } else if (parts.length > 1) state[parts[0]][parts.slice(1).join("/")] = value;  // ratings/<id>, about/<field>
    else state[field] = value;  // target, previous
  }

  /* JSON with sorted keys: the same state always gives the same text. */
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  /* A field with no stamp was saved before stamps (or plan rows) were: as old as its state's last replacement. */
  function stampOf(state, field) { return has(state.stamps, field) ? state.stamps[field] : state.replacedAt; }

  function stamp(state, field, now) {
    state.stamps[field] = Math.max(now, state.replacedAt + 1, stampOf(state, field));
  }

  function replaced(state, at) {
    state.replacedAt = at;
    state.stamps = {};
    Object.keys(fields(state)).forEach(function (field) { state.stamps[field] = at; });
  }

  function byPlace(a, b) { return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); }

  /* A gap, or an action carried over from last year, is named alike in every tab (by its criterion,
     or by last year's row), so that two tabs adding it at the same moment add one row. Other rows,
     or a name already in the plan, get a new id. */
  function sharedId(state, row) {
    // At most 80 characters, as selfcheck-core's ROW_ID reads them back.
    var id = (row.carriedFrom ? "c-" + row.id : row.criterion ? "g-" + row.criterion.replace(/[^a-z0-9]+/gi, "-") : "").slice(0, 80);
    return id && !state.plan.some(function (other) { return other.id === id; }) ? id : "";
  }

  /* Rows added here get an id and a place after every other row; a row put back keeps both and
     stamps its place later than its tombstone. Every field is stamped with it. */
  function addRows(state, rows, now, putBack) {
    var last = state.plan.reduce(function (max, row) { return Math.max(max, row.at); }, 0);
    rows.forEach(function (row, i) {
      if (!putBack) {
        row.id = sharedId(state, row) || "r" + now.toString(36) + i.toString(36) + Math.random().toString(36).slice(2, 7);
        row.at = last = Math.max(now, last + 1);
      }
      state.plan.push(row);
      stamp(state, key(row), Math.max(now, stampOf(state, key(row)) + 1));
      ROW_FIELDS.forEach(function (f) { stamp(state, key(row, f), now); });
    });
    state.plan.sort(byPlace);
  }

  /* Removing a row leaves its tombstone (its stamp) and nothing else. */
  function removeRow(state, index, now) {
    var row = state.plan.splice(index, 1)[0];
    stamp(state, key(row), Math.max(now, stampOf(state, key(row)) + 1));
    ROW_FIELDS.forEach(function (f) { delete state.stamps[key(row, f)]; });
    return row;
  }

  /* A state made of chosen fields: {field: [value, stamp]}. */
  function build(structure, chosen, replacedAt) {
    var result = core.emptyState(structure), rows = new Map();
    result.replacedAt = replacedAt;
    Object.keys(chosen).forEach(function (field) {
      put(result, field, chosen[field][0], rows);
      result.stamps[field] = chosen[field][1];
    });
    // A removed row keeps only its tombstone; the rest in their places (ties by id, the same in every tab).
    result.plan = Array.from(rows.values()).filter(function (row) {
      if (row.at === null) ROW_FIELDS.forEach(function (f) { delete result.stamps[key(row, f)]; });
      return row.at !== null;
    }).sort(byPlace);
    return result;
  }

  function mergeStates(structure, mine, theirs) {
    var since = Math.max(mine.replacedAt, theirs.replacedAt);
    var ours = fields(mine), other = fields(theirs), chosen = {};
    new Set(Object.keys(ours).concat(Object.keys(other))).forEach(function (field) {
      [[ours, mine], [other, theirs]].forEach(function (side) {
        if (!has(side[0], field)) return;
        var at = stampOf(side[1], field);
        if (at < since) return;  // changed before a clear or import: that replaced it
        var best = chosen[field];
        if (!best || at > best[1] || (at === best[1] && canonical(side[0][field]) > canonical(best[0]))) chosen[field] = [side[0][field], at];
      });
    });
    var result = build(structure, chosen, since);
    ["savedAt", "downloadedAt"].forEach(function (f) { result[f] = mine[f] > theirs[f] ? mine[f] : theirs[f]; });
    return result;
  }

  /* The fields changed since the state's last clear, import or undo (here or in another tab). */
  function laterWork(state) {
    return Object.keys(state.stamps).filter(function (field) { return state.stamps[field] > state.replacedAt; });
  }

  /* The same answers (when each was saved aside). */
  function sameState(a, b) {
    function answers(state) { return canonical({ f: fields(state), s: state.stamps, r: state.replacedAt }); }
    return answers(a) === answers(b);
  }

  /* What another tab did to the plan, in words, for the tab that merged it (before -> after): rows
     added, removed or changed there, quoting any text typed here (typed: {"plan/<id>/<field>": true})
     that the later change there replaced; those keys leave typed, as the text shown is now the other
     tab's. text: the news; lost: the replaced typing, quoted; orphan: the last removed row that had
     text typed here, so that it can be put back. */
  function planNews(before, after, typed) {
    var was = new Map(before.plan.map(function (row, i) { return [row.id, { row: row, number: i + 1 }]; }));
    var news = [], lost = [], orphan = null;
    function name(row, number) { return "row " + number + (row.focusArea ? " (" + row.focusArea + ")" : ""); }
    function words(row, f) { return f === "status" ? core.statusName(row[f]) : [].concat(row[f]).join(" / "); }
    after.plan.forEach(function (row, i) {
      var old = was.get(row.id), named = name(row, i + 1);
      was.delete(row.id);
      if (!old) { news.push(named + " was added"); return; }
      var changed = Object.keys(LABEL).filter(function (f) { return canonical(old.row[f]) !== canonical(row[f]); });
      if (changed.length) news.push(named + ": " + changed.map(function (f) { return LABEL[f]; }).join(", ") + " changed");
      changed.forEach(function (f) {
        if (!has(typed, key(row, f))) return;
        delete typed[key(row, f)];
        lost.push(named + ", " + LABEL[f] + ": “" + words(old.row, f) + "”");
      });
    });
    lost = lost.length ? ["A later change in another tab or window replaced what you typed in " + lost.join("; ") + "."] : [];
    var typedIn = [];
    was.forEach(function (old) {
      news.push(name(old.row, old.number) + " was removed");
      if (ROW_FIELDS.some(function (f) { return has(typed, key(old.row, f)); })) typedIn.push(old);
    });
    // One row can be put back (the last): the message offers that one only.
    var last = typedIn[typedIn.length - 1];
    typedIn.forEach(function (old) {
      var named = name(old.row, old.number);
      lost.push("R" + named.slice(1) + ", where you typed, was removed in another tab or window" +
        (old === last ? ": “Put back " + named + "” brings it back." : "."));
    });
    if (last) orphan = { index: last.number - 1, row: last.row };
    return { text: news.length ? "In the plan, " + news.join("; ") + "." : "", orphan: orphan, lost: lost.join(" ") };
  }

  /* Notes, comments and cover details typed here (typed: {"ratings/<id>": true, ...}) that a later
     change in another tab replaced, quoted, as planNews quotes plan fields. A field the other tab
     already holds as typed here is no longer this tab's alone: its key leaves typed. */
  var TEXT_LABEL = { achievements: "achievements", challenges: "challenges", focus: "areas of future focus",
    agency: "agency", period: "assessment period", assessor: "assessed by", date: "date of assessment" };
  function textLost(structure, mine, theirs, merged, typed) {
    var was = fields(mine), other = fields(theirs), now = fields(merged), lost = [];
    function text(values, field) {
      var value = has(values, field) ? values[field] : "";
      return String((field.indexOf("ratings/") === 0 ? value && value.note : value) || "");
    }
    Object.keys(typed).forEach(function (field) {
      var parts = field.split("/"), typedHere = text(was, field);
      if (parts[0] === "plan") return;  // planNews says these
      if (text(other, field) === typedHere) { delete typed[field]; return; }
      if (!typedHere.trim() || text(now, field).indexOf(typedHere) >= 0) return;
      delete typed[field];
      lost.push(parts[0] === "ratings" ? "the note on “" + structure.byCriterion.get(parts[1]).title + "”" :
        parts[0] === "about" ? "the cover’s " + TEXT_LABEL[parts[1]] : structure.byElement.get(parts[1]).title + ", " + TEXT_LABEL[parts[2]]);
      lost[lost.length - 1] += ": “" + typedHere + "”";
    });
    return lost.length ? "A later change in another tab or window replaced what you typed in " + lost.join("; ") + "." : "";
  }

  core.textLost = textLost;
  core.stamp = stamp;
  core.addRows = addRows;
  core.removeRow = removeRow;
  core.planNews = planNews;
  core.replaced = replaced;
  core.mergeStates = mergeStates;
  core.sameState = sameState;
  core.laterWork = laterWork;
  // For selfcheck-undo.js, loaded when an undo is offered.
  core.fields = fields;
  core.build = build;
  core.rowKey = key;
})(window.DPUP = window.DPUP || {});
