/* Trainer mode's pure logic, with no DOM, tested under Node (trainer.test.js): the room's show of
   hands (counts are {optionKey: hands}; a session's counts are {questionId: counts}), the saved
   sessions kept apart by their start time, and which address the join slide can offer phones. */
(function (DPUP) {
  "use strict";

  var MAX_HANDS = 9999;  // more than any room; caps a damaged or hostile saved value

  function isHands(value) {
    return Number.isInteger(value) && value >= 0;
  }

  /* Counts for `keys` from whatever was saved: unknown keys, negative, fractional or huge numbers
     and anything that is not an object read as nothing, so a damaged entry never breaks the room. */
  function readCounts(saved, keys) {
    var counts = {};
    keys.forEach(function (key) {
      var value = saved && typeof saved === "object" && Object.prototype.hasOwnProperty.call(saved, key) ? saved[key] : 0;
      counts[key] = isHands(value) ? Math.min(value, MAX_HANDS) : 0;
    });
    return counts;
  }

  function total(counts) {
    return Object.keys(counts).reduce(function (sum, key) { return sum + counts[key]; }, 0);
  }

  /* Whole percentages that add up to exactly 100 (largest remainder), so the chart never shows
     33 + 33 + 33. Equal remainders go to the larger count first, then in option order. With no
     hands every share is 0. */
  function percentages(counts, keys) {
    var sum = total(counts);
    var result = {};
    if (sum === 0) {
      keys.forEach(function (key) { result[key] = 0; });
      return result;
    }
    var rest = 100;
    var parts = keys.map(function (key, index) {
      var exact = counts[key] * 100 / sum;
      result[key] = Math.floor(exact);
      rest -= result[key];
      return { key: key, remainder: exact - Math.floor(exact), hands: counts[key], index: index };
    });
    parts.sort(function (a, b) {
      var closeEnough = Math.abs(b.remainder - a.remainder) < 1e-9;  // 100/6 and 400/6 differ in the last bit
      return (closeEnough ? 0 : b.remainder - a.remainder) || b.hands - a.hands || a.index - b.index;
    });
    for (var i = 0; i < rest; i++) result[parts[i].key] += 1;
    return result;
  }

  /* One bar per option, in option order: {key, hands, percent, share (0..1 of the largest bar)}. */
  function chart(counts, keys) {
    var percent = percentages(counts, keys);
    var largest = keys.reduce(function (max, key) { return Math.max(max, counts[key]); }, 0);
    return keys.map(function (key) {
      return { key: key, hands: counts[key], percent: percent[key], share: largest ? counts[key] / largest : 0 };
    });
  }

  function handsText(hands) {
    return hands === 1 ? "1 hand" : hands + " hands";
  }

  /* questions: [{id, keys, correctKey}] in quiz order; session: {questionId: counts}.
     Each counted question with the share of hands on the correct answer. */
  function results(questions, session) {
    return questions.map(function (question, index) {
      var counts = readCounts(session[question.id], question.keys);
      var hands = total(counts);
      return {
        id: question.id, number: index + 1, hands: hands, correct: counts[question.correctKey] || 0,
        percentCorrect: hands ? percentages(counts, question.keys)[question.correctKey] : null
      };
    });
  }

  /* The questions the room found hardest: counted ones where not every hand was right, the lowest
     share of correct hands first (quiz order breaks ties), at most `limit`. */
  function hardest(questionResults, limit) {
    return questionResults
      .filter(function (r) { return r.hands > 0 && r.correct < r.hands; })
      .sort(function (a, b) { return a.correct / a.hands - b.correct / b.hands || a.number - b.number; })
      .slice(0, limit);
  }

  /* questions: [{id, number, stem, correctKey, options: [{key, text}]}]; one row per option, for the
     shared formula-safe CSV writer (DPUP.assess.toCsv in answers-core.js). */
  function sessionRows(questions, session) {
    var rows = [["Question", "Question text", "Option", "Option text", "Correct", "Hands", "Percent"]];
    questions.forEach(function (question) {
      var keys = question.options.map(function (option) { return option.key; });
      var counts = readCounts(session[question.id], keys);
      var percent = percentages(counts, keys);
      question.options.forEach(function (option) {
        rows.push([question.number, question.stem, option.key, option.text,
          option.key === question.correctKey ? "yes" : "no", counts[option.key], percent[option.key]]);
      });
    });
    return rows;
  }


  /* --- sessions: one saved entry per workshop ------------------------------------------------ */

  /* A session is counted by every window that shows it at once (two browser windows, a second
     tab), so its hands are kept per window: windows = {windowId: {questionId: {key: [more, fewer]}}},
     where a window only ever raises its own two numbers. Two copies of a session then merge by
     taking the larger of each number, and no press is lost whichever window wrote last.
     Hands from before (a session saved without windows, or the old per-question entries) are the
     window EARLIER. counts: the hands each option has in all, as the deck and the CSV show them. */
  var EARLIER = "earlier";
  var MAX_WINDOWS = 200;  // more windows than a trainer opens in a year; caps a hostile value
  var WINDOW_ID = /^[A-Za-z0-9_-]{1,40}$/;

  function isObject(value) { return Boolean(value) && typeof value === "object" && !Array.isArray(value); }
  function own(object, name) { return isObject(object) && Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined; }
  function capped(value) { return isHands(value) ? Math.min(value, MAX_HANDS) : 0; }

  /* One window's presses on the known questions, read defensively: [more, fewer] per option. */
  function readPresses(saved, questions) {
    var presses = {};
    questions.forEach(function (question) {
      var perQuestion = own(saved, question.id);
      presses[question.id] = {};
      question.keys.forEach(function (key) {
        var pair = own(perQuestion, key);
        presses[question.id][key] = Array.isArray(pair) ? [capped(pair[0]), capped(pair[1])] : [0, 0];
      });
    });
    return presses;
  }

  /* Counts as presses of the window EARLIER: each hand one press more. */
  function asPresses(counts, questions) {
    var presses = {};
    questions.forEach(function (question) {
      var read = readCounts(own(counts, question.id), question.keys);
      presses[question.id] = {};
      question.keys.forEach(function (key) { presses[question.id][key] = [read[key], 0]; });
    });
    return presses;
  }

  /* Every window's presses added up: the hands each option has, never below 0. */
  function tally(windows, questions) {
    var counts = {};
    questions.forEach(function (question) {
      counts[question.id] = {};
      question.keys.forEach(function (key) {
        var sum = Object.keys(windows).reduce(function (hands, id) {
          var pair = windows[id][question.id][key];
          return hands + pair[0] - pair[1];
        }, 0);
        counts[question.id][key] = Math.max(0, Math.min(MAX_HANDS, sum));
      });
    });
    return counts;
  }

  function withWindows(started, windows, questions) {
    return { started: started, counts: tally(windows, questions), windows: windows };
  }

  /* A saved session, read defensively: {started: ISO time or null, counts, windows}. Anything that
     is not one reads as null; unknown questions, options and malformed windows are dropped. */
  function readSession(saved, questions) {
    if (!isObject(saved) || !isObject(saved.counts)) return null;
    var started = typeof saved.started === "string" && !isNaN(Date.parse(saved.started)) ? saved.started : null;
    var windows = {};
    if (isObject(saved.windows)) {
      Object.keys(saved.windows).filter(function (id) { return WINDOW_ID.test(id); }).slice(0, MAX_WINDOWS)
        .forEach(function (id) { windows[id] = readPresses(saved.windows[id], questions); });
    } else {
      windows[EARLIER] = asPresses(saved.counts, questions);  // saved before windows were kept apart
    }
    return withWindows(started, windows, questions);
  }

  /* What is saved: the session as read, with its counts for anyone reading the stored value. */
  function toSaved(session) {
    return { started: session.started, counts: session.counts, windows: session.windows };
  }

  /* One press in `windowId`: delta 1 one more hand for `key`, -1 one fewer (none when the option
     shows no hands). Returns the new session; the one given is not changed. */
  function press(session, questions, windowId, questionId, key, delta) {
    var windows = JSON.parse(JSON.stringify(session.windows));
    var question = questions.filter(function (q) { return q.id === questionId; })[0];
    if (!question || question.keys.indexOf(key) < 0) return session;
    if (delta < 0 && session.counts[questionId][key] === 0) return session;
    if (delta > 0 && session.counts[questionId][key] >= MAX_HANDS) return session;
    if (!windows[windowId]) windows[windowId] = readPresses({}, questions);
    windows[windowId][questionId][key][delta > 0 ? 0 : 1] += 1;
    return withWindows(session.started, windows, questions);
  }

  /* Two copies of one session (this window's and the saved one) as one: each window's numbers
     only grow, so the larger of each is the later. The earlier known start is kept. */
  function mergeSessions(a, b, questions) {
    var windows = {};
    [a, b].forEach(function (session) {
      Object.keys(session.windows).forEach(function (id) {
        if (!windows[id]) windows[id] = readPresses({}, questions);
        questions.forEach(function (question) {
          question.keys.forEach(function (key) {
            var mine = windows[id][question.id][key], theirs = session.windows[id][question.id][key];
            windows[id][question.id][key] = [Math.max(mine[0], theirs[0]), Math.max(mine[1], theirs[1])];
          });
        });
      });
    });
    var starts = [a.started, b.started].filter(Boolean).sort(function (x, y) { return Date.parse(x) - Date.parse(y); });
    return withWindows(starts[0] || null, windows, questions);
  }

  /* Whether `a` knows presses that `b` does not (so that `b`, when saved, needs a's added). */
  function knowsMore(a, b, questions) {
    return Object.keys(a.windows).some(function (id) {
      return !b.windows[id] || questions.some(function (question) {
        return question.keys.some(function (key) {
          var mine = a.windows[id][question.id][key], theirs = b.windows[id][question.id][key];
          return mine[0] > theirs[0] || mine[1] > theirs[1];
        });
      });
    });
  }

  /* Counts saved before sessions were kept apart (one entry per question, dpup.trainer.<quiz>.<question>)
     as one session with no known start, or null when they hold no hands. */
  function fromOldEntries(entries, questions) {
    var session = readSession({ counts: isObject(entries) ? entries : {} }, questions);
    return sessionSize(session).hands > 0 ? session : null;
  }

  /* A new session's saved id: its start time, so ids sort and never repeat in one browser. */
  function sessionId(date) {
    return "s" + date.getTime();
  }

  /* Saved sessions {id: session} newest first; a session with no known start is the oldest. */
  function newestFirst(sessions) {
    return Object.keys(sessions).sort(function (a, b) {
      var ta = sessions[a].started ? Date.parse(sessions[a].started) : -Infinity;
      var tb = sessions[b].started ? Date.parse(sessions[b].started) : -Infinity;
      return tb - ta || (a < b ? 1 : -1);
    });
  }

  /* How much a session holds: questions with hands, and hands in all. */
  function sessionSize(session) {
    var size = { questions: 0, hands: 0 };
    Object.keys(session.counts).forEach(function (id) {
      var hands = total(session.counts[id]);
      if (hands > 0) size.questions += 1;
      size.hands += hands;
    });
    return size;
  }

  /* A session's start as people in New Zealand write it, whatever language the browser is set
     to: "Sun, 6 December 2026 at 7:33 am" (local time). */
  function startedText(started) {
    return new Date(started).toLocaleString("en-NZ",
      { weekday: "short", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
  }

  function pad(number) { return String(number).padStart(2, "0"); }

  /* The CSV's file name, with the session's start in local time so that sessions download apart. */
  function csvName(quizId, started) {
    if (!started) return "dpup-" + quizId + "-room-counts-earlier.csv";
    var d = new Date(started);
    return "dpup-" + quizId + "-room-counts-" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      "-" + pad(d.getHours()) + pad(d.getMinutes()) + ".csv";
  }

  /* --- the join slide: which address phones can open ------------------------------------------- */

  function isWebAddress(address) {
    var url;
    try { url = new URL(address); } catch (error) { return false; }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    var host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return !(host === "localhost" || /\.localhost$/.test(host) || /^127(\.\d+){3}$/.test(host) || host === "::1" ||
      host === "0.0.0.0" || host === "::");
  }

  /* here: the quiz page's address as the browser knows it; published: the address the site was
     built for (its QR code is drawn at build time), or "". Returns {address, where, code}: where is
     "web" (phones may open it), "local" (a preview on this computer) or "file"; code is the address
     the built QR code may be shown for, or "": the browser's own address when it is the built one,
     or the published site's when this copy cannot be opened by phones at all. */
  function joinAddress(here, published) {
    var url = new URL(here);
    url.hash = "";
    var address = url.href;
    var where = url.protocol === "file:" ? "file" : isWebAddress(address) ? "web" : "local";
    var code = "";
    if (published && isWebAddress(published)) {
      if (where === "web" ? published === address : true) code = published;
    }
    return { address: address, where: where, code: code };
  }

  DPUP.tally = { readCounts: readCounts, total: total, percentages: percentages, chart: chart,
    handsText: handsText, results: results, hardest: hardest, sessionRows: sessionRows,
    readSession: readSession, toSaved: toSaved, press: press, mergeSessions: mergeSessions, knowsMore: knowsMore,
    fromOldEntries: fromOldEntries, startedText: startedText, sessionId: sessionId, newestFirst: newestFirst,
    sessionSize: sessionSize, csvName: csvName, isWebAddress: isWebAddress, joinAddress: joinAddress };
})(window.DPUP = window.DPUP || {});
