/* Trainer mode's pure logic, with no DOM, tested under Node (trainer.test.js) and exported as
   DPUP.trainerCore: the room's show of hands, the saved sessions kept apart by their start time,
   and which address the join slide can offer phones. */
(function (DPUP) {
  "use strict";

  /**
   * The hands each option has: {optionKey: hands}.
   *
   * @typedef {Record<string, number>} Counts
   */

  /**
   * A question as the counting needs it.
   *
   * @typedef {object} CountedQuestion
   * @property {string} id
   * @property {string[]} keys - its options' keys, in order
   * @property {string} correctKey
   */

  /**
   * A workshop's counts. A session is counted by every window that shows it at once (two browser
   * windows, a second tab), so its hands are kept per window: windows = {windowId: {questionId:
   * {key: [more, fewer]}}}, where a window only ever raises its own two numbers. Two copies of a
   * session then merge by taking the larger of each number, and no press is lost whichever window
   * wrote last. Hands from before (a session saved without windows, or the old per-question
   * entries) are the window EARLIER.
   *
   * @typedef {object} Session
   * @property {string | null} started - when it started (an ISO time), or null when not known
   * @property {Record<string, Counts>} counts - each question's hands in all, as the deck and
   *   the CSV show them
   * @property {Record<string, Record<string, Record<string, number[]>>>} windows - the presses
   */

  const MAX_HANDS = 9999;  // more than any room; caps a damaged or hostile saved value
  const EARLIER = "earlier";
  const MAX_WINDOWS = 200;  // more windows than a trainer opens in a year; caps a hostile value
  const WINDOW_ID = /^[A-Za-z0-9_-]{1,40}$/;

  /**
   * Whether a value is a count of hands: a whole number, not negative.
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isHands(value) {
    return Number.isInteger(value) && value >= 0;
  }

  /**
   * Whether a value is a plain object (not null, not an array).
   *
   * @param {unknown} value
   * @returns {boolean}
   */
  function isObject(value) {
    return Boolean(value) && typeof value === "object" && !Array.isArray(value);
  }

  /**
   * An object's own property, or undefined: never one it inherits (such as "__proto__").
   *
   * @param {unknown} object
   * @param {string} name
   * @returns {unknown}
   */
  function own(object, name) {
    const has = isObject(object) && Object.prototype.hasOwnProperty.call(object, name);
    return has ? object[name] : undefined;
  }

  /**
   * A saved number of hands, or 0 when it is not one; never more than MAX_HANDS.
   *
   * @param {unknown} value
   * @returns {number}
   */
  function capped(value) {
    return isHands(value) ? Math.min(value, MAX_HANDS) : 0;
  }

  /**
   * Counts for `keys` from whatever was saved: unknown keys, negative, fractional or huge numbers
   * and anything that is not an object read as nothing, so a damaged entry never breaks the room.
   *
   * @param {unknown} saved
   * @param {string[]} keys
   * @returns {Counts}
   */
  function readCounts(saved, keys) {
    const counts = {};
    keys.forEach((key) => {
      const has = saved && typeof saved === "object" && Object.prototype.hasOwnProperty.call(saved, key);
      const value = has ? saved[key] : 0;
      counts[key] = isHands(value) ? Math.min(value, MAX_HANDS) : 0;
    });
    return counts;
  }

  /**
   * All the hands counted on a question.
   *
   * @param {Counts} counts
   * @returns {number}
   */
  function total(counts) {
    return Object.keys(counts).reduce((sum, key) => sum + counts[key], 0);
  }

  /**
   * Whole percentages that add up to exactly 100 (largest remainder), so the chart never shows
   * 33 + 33 + 33. Equal remainders go to the larger count first, then in option order. With no
   * hands every share is 0.
   *
   * @param {Counts} counts
   * @param {string[]} keys
   * @returns {Record<string, number>} each option's percentage
   */
  function percentages(counts, keys) {
    const sum = total(counts);
    const result = {};
    if (sum === 0) {
      keys.forEach((key) => {
        result[key] = 0;
      });
      return result;
    }
    let rest = 100;
    const parts = keys.map((key, index) => {
      const exact = counts[key] * 100 / sum;
      result[key] = Math.floor(exact);
      rest -= result[key];
      return { key, remainder: exact - Math.floor(exact), hands: counts[key], index };
    });
    parts.sort((first, second) => {
      // 100/6 and 400/6 differ in the last bit
      const closeEnough = Math.abs(second.remainder - first.remainder) < 1e-9;
      return (closeEnough ? 0 : second.remainder - first.remainder) ||
        second.hands - first.hands || first.index - second.index;
    });
    for (let i = 0; i < rest; i++) result[parts[i].key] += 1;
    return result;
  }

  /**
   * One bar per option, in option order.
   *
   * @param {Counts} counts
   * @param {string[]} keys
   * @returns {{key: string, hands: number, percent: number, share: number}[]} share: 0 to 1 of
   *   the largest bar
   */
  function chart(counts, keys) {
    const percent = percentages(counts, keys);
    const largest = keys.reduce((max, key) => Math.max(max, counts[key]), 0);
    return keys.map((key) => ({
      key, hands: counts[key], percent: percent[key], share: largest ? counts[key] / largest : 0,
    }));
  }

  /**
   * "1 hand", "3 hands".
   *
   * @param {number} hands
   * @returns {string}
   */
  function handsText(hands) {
    return hands === 1 ? "1 hand" : hands + " hands";
  }

  /**
   * Each counted question with the share of hands on the correct answer.
   *
   * @param {CountedQuestion[]} questions - in quiz order
   * @param {Record<string, Counts>} session - each question's counts
   * @returns {{id: string, number: number, hands: number, correct: number,
   *   percentCorrect: number | null}[]}
   */
  function results(questions, session) {
    return questions.map((question, index) => {
      const counts = readCounts(session[question.id], question.keys);
      const hands = total(counts);
      return {
        id: question.id,
        number: index + 1,
        hands,
        correct: counts[question.correctKey] || 0,
        percentCorrect: hands ? percentages(counts, question.keys)[question.correctKey] : null,
      };
    });
  }

  /**
   * The questions the room found hardest: counted ones where not every hand was right, the
   * lowest share of correct hands first (quiz order breaks ties), at most `limit`.
   *
   * @param {ReturnType<typeof results>} questionResults
   * @param {number} limit
   * @returns {ReturnType<typeof results>}
   */
  function hardest(questionResults, limit) {
    const share = (result) => result.correct / result.hands;
    return questionResults
      .filter((result) => result.hands > 0 && result.correct < result.hands)
      .sort((first, second) => share(first) - share(second) || first.number - second.number)
      .slice(0, limit);
  }

  /**
   * The session's CSV: one row per option, for the shared formula-safe CSV writer
   * (DPUP.answersCore.toCsv in answers-core.js).
   *
   * @param {{id: string, number: number, stem: string, correctKey: string,
   *   options: {key: string, text: string}[]}[]} questions
   * @param {Record<string, Counts>} session - each question's counts
   * @returns {Array<Array<string | number>>} a header row, then one row per option
   */
  function sessionRows(questions, session) {
    const rows = [["Question", "Question text", "Option", "Option text", "Correct", "Hands", "Percent"]];
    questions.forEach((question) => {
      const keys = question.options.map((option) => option.key);
      const counts = readCounts(session[question.id], keys);
      const percent = percentages(counts, keys);
      question.options.forEach((option) => {
        const correct = option.key === question.correctKey ? "yes" : "no";
        rows.push([question.number, question.stem, option.key, option.text, correct,
          counts[option.key], percent[option.key]]);
      });
    });
    return rows;
  }


  /* --- sessions: one saved entry per workshop ------------------------------------------------ */

  /**
   * Presses for every option of every question, each pair [more, fewer] from `pair`.
   *
   * @param {CountedQuestion[]} questions
   * @param {function(CountedQuestion, string): number[]} pair - [more, fewer] for an option
   * @returns {Record<string, Record<string, number[]>>}
   */
  function pressesOf(questions, pair) {
    const presses = {};
    questions.forEach((question) => {
      presses[question.id] = {};
      question.keys.forEach((key) => {
        presses[question.id][key] = pair(question, key);
      });
    });
    return presses;
  }

  /**
   * One window's presses on the known questions, read defensively: [more, fewer] per option.
   *
   * @param {unknown} saved
   * @param {CountedQuestion[]} questions
   * @returns {Record<string, Record<string, number[]>>}
   */
  function readPresses(saved, questions) {
    return pressesOf(questions, (question, key) => {
      const pair = own(own(saved, question.id), key);
      return Array.isArray(pair) ? [capped(pair[0]), capped(pair[1])] : [0, 0];
    });
  }

  /**
   * Counts as presses of the window EARLIER: each hand one press more.
   *
   * @param {unknown} counts
   * @param {CountedQuestion[]} questions
   * @returns {Record<string, Record<string, number[]>>}
   */
  function asPresses(counts, questions) {
    return pressesOf(questions, (question, key) => {
      const read = readCounts(own(counts, question.id), question.keys);
      return [read[key], 0];
    });
  }

  /**
   * Every window's presses added up: the hands each option has, never below 0.
   *
   * @param {Session["windows"]} windows
   * @param {CountedQuestion[]} questions
   * @returns {Record<string, Counts>}
   */
  function tally(windows, questions) {
    const counts = {};
    questions.forEach((question) => {
      counts[question.id] = {};
      question.keys.forEach((key) => {
        const sum = Object.keys(windows).reduce((hands, id) => {
          const pair = windows[id][question.id][key];
          return hands + pair[0] - pair[1];
        }, 0);
        counts[question.id][key] = Math.max(0, Math.min(MAX_HANDS, sum));
      });
    });
    return counts;
  }

  /**
   * A session from its start and its windows' presses.
   *
   * @param {string | null} started
   * @param {Session["windows"]} windows
   * @param {CountedQuestion[]} questions
   * @returns {Session}
   */
  function withWindows(started, windows, questions) {
    return { started, counts: tally(windows, questions), windows };
  }

  /**
   * A saved session, read defensively. Anything that is not one reads as null; unknown
   * questions, options and malformed windows are dropped.
   *
   * @param {unknown} saved
   * @param {CountedQuestion[]} questions
   * @returns {Session | null}
   */
  function readSession(saved, questions) {
    if (!isObject(saved) || !isObject(saved.counts)) return null;
    const knownStart = typeof saved.started === "string" && !isNaN(Date.parse(saved.started));
    const windows = {};
    if (isObject(saved.windows)) {
      Object.keys(saved.windows)
        .filter((id) => WINDOW_ID.test(id))
        .slice(0, MAX_WINDOWS)
        .forEach((id) => {
          windows[id] = readPresses(saved.windows[id], questions);
        });
    } else {
      windows[EARLIER] = asPresses(saved.counts, questions);  // saved before windows were kept apart
    }
    return withWindows(knownStart ? saved.started : null, windows, questions);
  }

  /**
   * What is saved: the session as read, with its counts for anyone reading the stored value.
   *
   * @param {Session} session
   * @returns {Session}
   */
  function toSaved(session) {
    return { started: session.started, counts: session.counts, windows: session.windows };
  }

  /**
   * One press in `windowId`: delta 1 one more hand for `key`, -1 one fewer (none when the
   * option shows no hands).
   *
   * @param {Session} session - not changed
   * @param {CountedQuestion[]} questions
   * @param {string} windowId
   * @param {string} questionId
   * @param {string} key
   * @param {number} delta - 1 or -1
   * @returns {Session} the new session
   */
  function press(session, questions, windowId, questionId, key, delta) {
    const windows = JSON.parse(JSON.stringify(session.windows));
    const question = questions.find((candidate) => candidate.id === questionId);
    if (!question || question.keys.indexOf(key) < 0) return session;
    if (delta < 0 && session.counts[questionId][key] === 0) return session;
    if (delta > 0 && session.counts[questionId][key] >= MAX_HANDS) return session;
    if (!windows[windowId]) windows[windowId] = readPresses({}, questions);
    windows[windowId][questionId][key][delta > 0 ? 0 : 1] += 1;
    return withWindows(session.started, windows, questions);
  }

  /**
   * Two copies of one session (this window's and the saved one) as one: each window's numbers
   * only grow, so the larger of each is the later. The earlier known start is kept.
   *
   * @param {Session} mine
   * @param {Session} theirs
   * @param {CountedQuestion[]} questions
   * @returns {Session}
   */
  function mergeSessions(mine, theirs, questions) {
    const windows = {};
    [mine, theirs].forEach((session) => {
      Object.keys(session.windows).forEach((id) => {
        if (!windows[id]) windows[id] = readPresses({}, questions);
        questions.forEach((question) => {
          question.keys.forEach((key) => {
            const kept = windows[id][question.id][key];
            const other = session.windows[id][question.id][key];
            windows[id][question.id][key] = [Math.max(kept[0], other[0]), Math.max(kept[1], other[1])];
          });
        });
      });
    });
    const starts = [mine.started, theirs.started]
      .filter(Boolean)
      .sort((first, second) => Date.parse(first) - Date.parse(second));
    return withWindows(starts[0] || null, windows, questions);
  }

  /**
   * Whether `mine` knows presses that `theirs` does not (so that `theirs`, when saved, needs
   * mine added).
   *
   * @param {Session} mine
   * @param {Session} theirs
   * @param {CountedQuestion[]} questions
   * @returns {boolean}
   */
  function knowsMore(mine, theirs, questions) {
    return Object.keys(mine.windows).some((id) => !theirs.windows[id] || questions.some(
      (question) => question.keys.some((key) => {
        const kept = mine.windows[id][question.id][key];
        const other = theirs.windows[id][question.id][key];
        return kept[0] > other[0] || kept[1] > other[1];
      }),
    ));
  }

  /**
   * How much a session holds: questions with hands, and hands in all.
   *
   * @param {Session} session
   * @returns {{questions: number, hands: number}}
   */
  function sessionSize(session) {
    const size = { questions: 0, hands: 0 };
    Object.keys(session.counts).forEach((id) => {
      const hands = total(session.counts[id]);
      if (hands > 0) size.questions += 1;
      size.hands += hands;
    });
    return size;
  }

  /**
   * Counts saved before sessions were kept apart (one entry per question,
   * dpup.trainer.<quiz>.<question>) as one session with no known start.
   *
   * @param {unknown} entries - {questionId: counts}
   * @param {CountedQuestion[]} questions
   * @returns {Session | null} null when they hold no hands
   */
  function fromOldEntries(entries, questions) {
    const session = readSession({ counts: isObject(entries) ? entries : {} }, questions);
    return sessionSize(session).hands > 0 ? session : null;
  }

  /**
   * A new session's saved id: its start time, so ids sort and never repeat in one browser.
   *
   * @param {Date} date
   * @returns {string}
   */
  function sessionId(date) {
    return "s" + date.getTime();
  }

  /**
   * Saved sessions' ids, newest first; a session with no known start is the oldest.
   *
   * @param {Record<string, Session>} sessions - by id
   * @returns {string[]}
   */
  function newestFirst(sessions) {
    const time = (id) => (sessions[id].started ? Date.parse(sessions[id].started) : -Infinity);
    return Object.keys(sessions).sort((first, second) => time(second) - time(first) || (first < second ? 1 : -1));
  }

  /**
   * A session's start as people in New Zealand write it, whatever language the browser is set
   * to: "Sun, 6 December 2026 at 7:33 am" (local time).
   *
   * @param {string} started - an ISO time
   * @returns {string}
   */
  function startedText(started) {
    return new Date(started).toLocaleString("en-NZ", {
      weekday: "short", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit",
    });
  }

  /**
   * A number in two digits: "07".
   *
   * @param {number} number
   * @returns {string}
   */
  function pad(number) {
    return String(number).padStart(2, "0");
  }

  /**
   * The CSV's file name, with the session's start in local time so that sessions download apart.
   *
   * @param {string} quizId
   * @param {string | null} started
   * @returns {string}
   */
  function csvName(quizId, started) {
    if (!started) return "dpup-" + quizId + "-room-counts-earlier.csv";
    const date = new Date(started);
    const day = date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
    return "dpup-" + quizId + "-room-counts-" + day + "-" + pad(date.getHours()) + pad(date.getMinutes()) + ".csv";
  }

  /* --- the join slide: which address phones can open ------------------------------------------- */

  /**
   * Whether an address is on the web: http or https, and not this computer.
   *
   * @param {string} address
   * @returns {boolean}
   */
  function isWebAddress(address) {
    let url;
    try {
      url = new URL(address);
    } catch (error) {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
    const thisComputer = host === "localhost" || /\.localhost$/.test(host) || /^127(\.\d+){3}$/.test(host) ||
      host === "::1" || host === "0.0.0.0" || host === "::";
    return !thisComputer;
  }

  /**
   * Which address the join slide offers phones.
   *
   * @param {string} here - the quiz page's address as the browser knows it
   * @param {string} published - the address the site was built for (its QR code is drawn at
   *   build time), or ""
   * @returns {{address: string, where: string, code: string}} where is "web" (phones may open
   *   it), "local" (a preview on this computer) or "file"; code is the address the built QR code
   *   may be shown for, or "": the browser's own address when it is the built one, or the
   *   published site's when this copy cannot be opened by phones at all
   */
  function joinAddress(here, published) {
    const url = new URL(here);
    url.hash = "";
    const address = url.href;
    let where = "local";
    if (url.protocol === "file:") where = "file";
    else if (isWebAddress(address)) where = "web";
    let code = "";
    if (published && isWebAddress(published) && (where !== "web" || published === address)) code = published;
    return { address, where, code };
  }

  DPUP.trainerCore = {
    readCounts, total, percentages, chart, handsText, results, hardest, sessionRows,
    readSession, toSaved, press, mergeSessions, knowsMore, fromOldEntries, startedText,
    sessionId, newestFirst, sessionSize, csvName, isWebAddress, joinAddress,
  };
})(window.DPUP = window.DPUP || {});
