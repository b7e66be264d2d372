/* Two tabs of the self-check, one saved entry: merging them field by field, with no DOM.
   Needs selfcheck-core.js.

   Each field a person changes (a criterion's rating and note, one comment, one cover field, the
   target, the plan, last year's file) carries the time it last changed in state.stamps. A clear,
   an import or an undo replaces the whole state: it sets state.replacedAt and stamps every field
   it keeps with that time, so what was typed before it is dropped and what was typed after kept.
   Merging keeps, for each field, the later change; two tabs merging the same two entries get the
   same result, whichever merges first, so they settle on one entry. */
(function (DPUP) {
  "use strict";
  var core = DPUP.selfcheckCore;
  var has = core.has;

  /* Every field of a state by name: "ratings/<id>", "elements/<id>/<comment>", "about/<field>",
     "target", "plan", "previous". */
  function fields(state) {
    var found = {};
    Object.keys(state.ratings).forEach(function (id) { found["ratings/" + id] = state.ratings[id]; });
    Object.keys(state.elements).forEach(function (id) {
      core.COMMENT_FIELDS.forEach(function (f) { found["elements/" + id + "/" + f] = state.elements[id][f]; });
    });
    core.ABOUT_FIELDS.forEach(function (f) { found["about/" + f] = state.about[f]; });
    found.target = state.target;
    found.plan = state.plan;
    found.previous = state.previous;
    return found;
  }

  function put(state, field, value) {
    var parts = field.split("/");
    if (parts[0] === "ratings") state.ratings[parts.slice(1).join("/")] = value;
    else if (parts[0] === "elements") {
      var id = parts.slice(1, -1).join("/");
      if (!has(state.elements, id)) state.elements[id] = { achievements: "", challenges: "", focus: "" };
      state.elements[id][parts[parts.length - 1]] = value;
    } else if (parts[0] === "about") state.about[parts[1]] = value;
    else state[field] = value;
  }

  /* JSON with sorted keys: the same state always gives the same text. */
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  function stampOf(state, field) { return has(state.stamps, field) ? state.stamps[field] : 0; }

  function stamp(state, field, now) {
    state.stamps[field] = Math.max(now, state.replacedAt + 1, stampOf(state, field));
  }

  function replaced(state, at) {
    state.replacedAt = at;
    state.stamps = {};
    Object.keys(fields(state)).forEach(function (field) { state.stamps[field] = at; });
  }

  function later(a, b) { return a > b ? a : b; }

  function mergeStates(structure, mine, theirs) {
    var since = Math.max(mine.replacedAt, theirs.replacedAt);
    var result = core.emptyState(structure);
    result.replacedAt = since;
    var ours = fields(mine), other = fields(theirs);
    Object.keys(ours).concat(Object.keys(other)).forEach(function (field) {
      if (has(result.stamps, field)) return;  // done already
      var chosen = null, chosenAt = -1;
      [[ours, mine], [other, theirs]].forEach(function (side) {
        if (!has(side[0], field)) return;
        var at = stampOf(side[1], field);
        if (at < since) return;  // changed before a clear or import: that replaced it
        var better = at > chosenAt || (at === chosenAt && canonical(side[0][field]) > canonical(chosen));
        if (better) { chosen = side[0][field]; chosenAt = at; }
      });
      if (chosenAt < 0) return;
      put(result, field, chosen);
      result.stamps[field] = chosenAt;
    });
    result.savedAt = later(mine.savedAt, theirs.savedAt);
    result.downloadedAt = later(mine.downloadedAt, theirs.downloadedAt);
    return result;
  }

  /* The same answers (when each was saved aside). */
  function sameState(a, b) {
    function answers(state) { return canonical({ f: fields(state), s: state.stamps, r: state.replacedAt }); }
    return answers(a) === answers(b);
  }

  core.stamp = stamp;
  core.replaced = replaced;
  core.mergeStates = mergeStates;
  core.sameState = sameState;
  core.canonical = canonical;
})(window.DPUP = window.DPUP || {});
