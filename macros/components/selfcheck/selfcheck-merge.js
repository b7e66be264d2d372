/* Two tabs of the self-check, one saved entry: merging them field by field, with no DOM. Adds
   to DPUP.selfcheckCore (selfcheck-core.js).

   Each field a person changes (a criterion's rating and note, one comment, one cover field, the
   target, one field of a plan row, last year's file) carries the time it last changed in
   state.stamps. A plan row has an id; its entry "plan/<id>" holds its place in the plan, and once
   it is removed, null: the stamp of that tombstone outlives the row, so that a tab still showing
   the row cannot bring it back, while putting it back (a later stamp) does. A clear, an import
   or an undo replaces the whole state: it sets state.replacedAt and stamps every field it keeps
   with that time, so what was typed before it is dropped and what was typed after kept.
   Merging keeps, for each field, the later change; two tabs merging the same two entries get
   the same result, whichever merges first, so they settle on one entry. */
(function (DPUP) {
  "use strict";

  const core = DPUP.selfcheckCore;
  const has = core.has;
  const ROW_FIELDS = Object.keys(core.normaliseRow({}));
  const ROW = /^plan\/[^/]+$/;
  // What the messages call a plan row's fields and the texts of the cover and the elements.
  const ROW_LABEL = {
    focusArea: "focus area", recommendation: "recommendation", actions: "planned actions",
    owner: "owner", resources: "resources", due: "target date", status: "status",
    reason: "reason for no action",
  };
  const TEXT_LABEL = {
    achievements: "achievements", challenges: "challenges", focus: "areas of future focus",
    agency: "agency", period: "assessment period", assessor: "assessed by", date: "date of assessment",
  };
  const REPLACED_TYPING = "A later change in another tab or window replaced what you typed in ";

  /**
   * @typedef {import("./selfcheck-core.js").State} State
   * @typedef {import("./selfcheck-core.js").PlanRow} PlanRow
   * @typedef {import("./selfcheck-core.js").Structure} Structure
   */

  /**
   * A plan row's field name: "plan/<id>" (its place) or "plan/<id>/<field>".
   *
   * @param {PlanRow} row
   * @param {string} [field]
   * @returns {string}
   */
  function rowKey(row, field) {
    return "plan/" + row.id + (field ? "/" + field : "");
  }

  /**
   * Every field of a state by name: "ratings/<id>", "elements/<id>/<comment>", "about/<field>",
   * "target", "plan/<row id>" (its place, or null once removed), "plan/<row id>/<field>",
   * "previous".
   *
   * @param {State} state
   * @returns {Record<string, unknown>}
   */
  function fields(state) {
    const found = {};
    Object.keys(state.ratings).forEach((id) => {
      found["ratings/" + id] = state.ratings[id];
    });
    Object.keys(state.elements).forEach((id) => {
      core.COMMENT_FIELDS.forEach((field) => {
        found["elements/" + id + "/" + field] = state.elements[id][field];
      });
    });
    core.ABOUT_FIELDS.forEach((field) => {
      found["about/" + field] = state.about[field];
    });
    found.target = state.target;
    state.plan.forEach((row) => {
      found[rowKey(row)] = row.at;
      ROW_FIELDS.forEach((field) => {
        found[rowKey(row, field)] = row[field];
      });
    });
    Object.keys(state.stamps).forEach((field) => {
      if (ROW.test(field) && !has(found, field)) found[field] = null;
    });
    found.previous = state.previous;
    return found;
  }

  /**
   * Sets one field of `state` by its name (fields()); a plan row's fields go to its entry in
   * `rows`, made on its first field.
   *
   * @param {State} state
   * @param {string} field
   * @param {unknown} value
   * @param {Map<string, PlanRow>} rows - by id
   */
  function put(state, field, value, rows) {
    const parts = field.split("/");
    if (parts[0] === "plan") {
      if (!rows.has(parts[1])) rows.set(parts[1], Object.assign(core.normaliseRow({}), { id: parts[1], at: null }));
      rows.get(parts[1])[parts.length === 2 ? "at" : parts[2]] = value;
    } else if (parts[0] === "elements") {
      const id = parts.slice(1, -1).join("/");
      if (!has(state.elements, id)) state.elements[id] = core.texts(core.COMMENT_FIELDS);
      state.elements[id][parts[parts.length - 1]] = value;
    } else if (parts.length > 1) {
      state[parts[0]][parts.slice(1).join("/")] = value;  // ratings/<id>, about/<field>
    } else {
      state[field] = value;  // target, previous
    }
  }

  /**
   * JSON with sorted keys: the same state always gives the same text.
   *
   * @param {unknown} value
   * @returns {string}
   */
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      const members = Object.keys(value).sort().map((name) => JSON.stringify(name) + ":" + canonical(value[name]));
      return "{" + members.join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  /**
   * When a field last changed. A field with no stamp was saved before stamps (or plan rows)
   * were: as old as its state's last replacement.
   *
   * @param {State} state
   * @param {string} field
   * @returns {number}
   */
  function stampOf(state, field) {
    return has(state.stamps, field) ? state.stamps[field] : state.replacedAt;
  }

  /**
   * Marks a field changed now: never earlier than the state's last replacement or its own
   * last change.
   *
   * @param {State} state
   * @param {string} field
   * @param {number} now
   */
  function stamp(state, field, now) {
    state.stamps[field] = Math.max(now, state.replacedAt + 1, stampOf(state, field));
  }

  /**
   * Marks the whole state as a replacement (a clear, an import or an undo) made at `at`.
   *
   * @param {State} state
   * @param {number} at
   */
  function replaced(state, at) {
    state.replacedAt = at;
    state.stamps = {};
    Object.keys(fields(state)).forEach((field) => {
      state.stamps[field] = at;
    });
  }

  /**
   * Plan rows in their places; ties by id, the same in every tab.
   *
   * @param {PlanRow} one
   * @param {PlanRow} other
   * @returns {number}
   */
  function byPlace(one, other) {
    const byAt = one.at - other.at;
    if (byAt) return byAt;
    if (one.id === other.id) return 0;
    return one.id < other.id ? -1 : 1;
  }

  /**
   * A gap, or an action carried over from last year, is named alike in every tab (by its
   * criterion, or by last year's row), so that two tabs adding it at the same moment add one
   * row. Other rows, or a name already in the plan, get a new id.
   *
   * @param {State} state
   * @param {PlanRow} row
   * @returns {string} "" when the row needs a new id
   */
  function sharedId(state, row) {
    let id = "";
    if (row.carriedFrom) id = "c-" + row.id;
    else if (row.criterion) id = "g-" + row.criterion.replace(/[^a-z0-9]+/gi, "-");
    // At most 80 characters, as selfcheck-core's ROW_ID reads them back.
    id = id.slice(0, 80);
    return id && !state.plan.some((other) => other.id === id) ? id : "";
  }

  /**
   * Adds rows to the plan. Rows added here get an id and a place after every other row; a row
   * put back keeps both and stamps its place later than its tombstone. Every field is stamped
   * with it.
   *
   * @param {State} state
   * @param {PlanRow[]} rows
   * @param {number} now
   * @param {boolean} [putBack] - the rows are ones removed before
   */
  function addRows(state, rows, now, putBack) {
    let last = state.plan.reduce((latest, row) => Math.max(latest, row.at), 0);
    rows.forEach((row, i) => {
      if (!putBack) {
        const random = Math.random().toString(36).slice(2, 7);
        row.id = sharedId(state, row) || "r" + now.toString(36) + i.toString(36) + random;
        last = Math.max(now, last + 1);
        row.at = last;
      }
      state.plan.push(row);
      stamp(state, rowKey(row), Math.max(now, stampOf(state, rowKey(row)) + 1));
      ROW_FIELDS.forEach((field) => stamp(state, rowKey(row, field), now));
    });
    state.plan.sort(byPlace);
  }

  /**
   * Removes a row, leaving its tombstone (its stamp) and nothing else.
   *
   * @param {State} state
   * @param {number} index
   * @param {number} now
   * @returns {PlanRow} the row removed
   */
  function removeRow(state, index, now) {
    const row = state.plan.splice(index, 1)[0];
    stamp(state, rowKey(row), Math.max(now, stampOf(state, rowKey(row)) + 1));
    ROW_FIELDS.forEach((field) => {
      delete state.stamps[rowKey(row, field)];
    });
    return row;
  }

  /**
   * A state made of chosen fields.
   *
   * @param {Structure} structure
   * @param {Record<string, [unknown, number]>} chosen - each field's value and stamp
   * @param {number} replacedAt
   * @returns {State}
   */
  function build(structure, chosen, replacedAt) {
    const result = core.emptyState(structure);
    const rows = new Map();
    result.replacedAt = replacedAt;
    Object.keys(chosen).forEach((field) => {
      put(result, field, chosen[field][0], rows);
      result.stamps[field] = chosen[field][1];
    });
    // A removed row keeps only its tombstone; the rest in their places.
    result.plan = Array.from(rows.values()).filter((row) => {
      if (row.at === null) {
        ROW_FIELDS.forEach((field) => {
          delete result.stamps[rowKey(row, field)];
        });
      }
      return row.at !== null;
    }).sort(byPlace);
    return result;
  }

  /**
   * Two tabs' entries as one: for each field, the later change; a field changed before the
   * later clear or import of either is dropped (that replaced it). Ties go to the larger value,
   * so that both tabs choose alike.
   *
   * @param {Structure} structure
   * @param {State} mine
   * @param {State} theirs
   * @returns {State}
   */
  function mergeStates(structure, mine, theirs) {
    const since = Math.max(mine.replacedAt, theirs.replacedAt);
    const sides = [[fields(mine), mine], [fields(theirs), theirs]];
    const chosen = {};
    const names = new Set(Object.keys(sides[0][0]).concat(Object.keys(sides[1][0])));
    names.forEach((field) => {
      sides.forEach(([values, state]) => {
        if (!has(values, field)) return;
        const at = stampOf(state, field);
        if (at < since) return;
        const best = chosen[field];
        const later = !best || at > best[1];
        if (later || (at === best[1] && canonical(values[field]) > canonical(best[0]))) {
          chosen[field] = [values[field], at];
        }
      });
    });
    const result = build(structure, chosen, since);
    ["savedAt", "downloadedAt"].forEach((field) => {
      result[field] = mine[field] > theirs[field] ? mine[field] : theirs[field];
    });
    return result;
  }

  /**
   * The fields changed since the state's last clear, import or undo (here or in another tab).
   *
   * @param {State} state
   * @returns {string[]}
   */
  function laterWork(state) {
    return Object.keys(state.stamps).filter((field) => state.stamps[field] > state.replacedAt);
  }

  /**
   * Whether two states hold the same answers, saved at the same times.
   *
   * @param {State} one
   * @param {State} other
   * @returns {boolean}
   */
  function sameState(one, other) {
    const answers = (state) => canonical({ f: fields(state), s: state.stamps, r: state.replacedAt });
    return answers(one) === answers(other);
  }

  /**
   * A plan row as the messages and the Put back button name it: "row 2 (Governance)".
   *
   * @param {PlanRow} row
   * @param {number} number
   * @returns {string}
   */
  function rowName(row, number) {
    return "row " + number + (row.focusArea ? " (" + row.focusArea + ")" : "");
  }

  /**
   * What another tab did to the plan, in words, for the tab that merged it (before -> after):
   * rows added, removed or changed there, quoting any text typed here that the later change
   * there replaced; those fields leave `typed`, as the text shown is now the other tab's.
   *
   * @param {State} before
   * @param {State} after
   * @param {Record<string, boolean>} typed - the fields typed in this tab ("plan/<id>/<field>")
   * @returns {{text: string, lost: string, orphan: {index: number, row: PlanRow} | null}} the
   *   news; the replaced typing, quoted; the last removed row that had text typed here, so that
   *   it can be put back
   */
  function planNews(before, after, typed) {
    const was = new Map(before.plan.map((row, i) => [row.id, { row, number: i + 1 }]));
    const news = [];
    let lost = [];
    const words = (row, field) => {
      return field === "status" ? core.statusName(row[field]) : [].concat(row[field]).join(" / ");
    };
    after.plan.forEach((row, i) => {
      const old = was.get(row.id);
      const named = rowName(row, i + 1);
      was.delete(row.id);
      if (!old) {
        news.push(named + " was added");
        return;
      }
      const changed = Object.keys(ROW_LABEL).filter((field) => canonical(old.row[field]) !== canonical(row[field]));
      if (changed.length) {
        news.push(named + ": " + changed.map((field) => ROW_LABEL[field]).join(", ") + " changed");
      }
      changed.forEach((field) => {
        if (!has(typed, rowKey(row, field))) return;
        delete typed[rowKey(row, field)];
        lost.push(named + ", " + ROW_LABEL[field] + ": “" + words(old.row, field) + "”");
      });
    });
    lost = lost.length ? [REPLACED_TYPING + lost.join("; ") + "."] : [];
    const typedIn = [];
    was.forEach((old) => {
      news.push(rowName(old.row, old.number) + " was removed");
      if (ROW_FIELDS.some((field) => has(typed, rowKey(old.row, field)))) typedIn.push(old);
    });
    // One row can be put back (the last): the message offers that one only.
    const last = typedIn[typedIn.length - 1];
    typedIn.forEach((old) => {
      const named = rowName(old.row, old.number);
      lost.push("R" + named.slice(1) + ", where you typed, was removed in another tab or window" +
        (old === last ? ": “Put back " + named + "” brings it back." : "."));
    });
    return {
      text: news.length ? "In the plan, " + news.join("; ") + "." : "",
      orphan: last ? { index: last.number - 1, row: last.row } : null,
      lost: lost.join(" "),
    };
  }

  /**
   * Notes, comments and cover details typed here that a later change in another tab replaced,
   * quoted, as planNews quotes plan fields. A field the other tab already holds as typed here
   * is no longer this tab's alone: it leaves `typed`.
   *
   * @param {Structure} structure
   * @param {State} mine
   * @param {State} theirs
   * @param {State} merged
   * @param {Record<string, boolean>} typed - the fields typed in this tab ("ratings/<id>", ...)
   * @returns {string} "" when nothing typed here was replaced
   */
  function textLost(structure, mine, theirs, merged, typed) {
    const was = fields(mine);
    const other = fields(theirs);
    const now = fields(merged);
    const lost = [];
    const textOf = (values, field) => {
      const value = has(values, field) ? values[field] : "";
      return String((field.indexOf("ratings/") === 0 ? value && value.note : value) || "");
    };
    const where = ([kind, id, comment]) => {
      if (kind === "ratings") return "the note on “" + structure.byCriterion.get(id).title + "”";
      if (kind === "about") return "the cover’s " + TEXT_LABEL[id];
      return structure.byElement.get(id).title + ", " + TEXT_LABEL[comment];
    };
    Object.keys(typed).forEach((field) => {
      const parts = field.split("/");
      const typedHere = textOf(was, field);
      if (parts[0] === "plan") return;  // planNews says these
      if (textOf(other, field) === typedHere) {
        delete typed[field];
        return;
      }
      if (!typedHere.trim() || textOf(now, field).indexOf(typedHere) >= 0) return;
      delete typed[field];
      lost.push(where(parts) + ": “" + typedHere + "”");
    });
    return lost.length ? REPLACED_TYPING + lost.join("; ") + "." : "";
  }

  Object.assign(core, {
    stamp, replaced, addRows, removeRow, mergeStates, sameState, laterWork, planNews, textLost,
    // For selfcheck-undo.js, loaded when an undo is offered.
    fields, build, rowKey,
    // For the Put back button (selfcheck-plan.js), named as the messages name the row.
    rowName,
  });
})(window.DPUP = window.DPUP || {});
