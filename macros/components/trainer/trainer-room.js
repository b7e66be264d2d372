/* Trainer mode's record of the room: the show of hands on each question, the session it belongs
   to, the end-of-quiz summary and the sessions saved in this browser. trainer.js (the deck) starts
   it with DPUP.trainerRoom($root, deck). Each workshop is one saved session,
   dpup.trainer-sessions.<quiz id>.<session id> = {started, counts}, so one room's counts never
   show at the next; counts saved before sessions existed (dpup.trainer.<quiz id>.<question id>)
   become the first session. Needs trainer-core.js and the answers component (answers-*.js). */
(function (DPUP) {
  "use strict";

  var required = DPUP.dom.one;  // answers-dom.js
  var T = DPUP.tally;  // trainer-core.js

  function when(started) {
    if (!started) return "before sessions were kept apart";
    return "started " + T.startedText(started);
  }

  function describe(session) {
    var size = T.sessionSize(session);
    return when(session.started) + ": " + size.questions + (size.questions === 1 ? " question, " : " questions, ") +
      T.handsText(size.hands);
  }

  /* The sessions saved in this browser that hold any hands, read defensively. */
  function savedSessions(store, namespace, questions) {
    var found = {};
    var entries = store.entries(namespace);
    Object.keys(entries).forEach(function (id) {
      var session = T.readSession(entries[id], questions);
      if (session && T.sessionSize(session).hands > 0) found[id] = session;  // counted down to none: nothing kept
    });
    return found;
  }

  /* One question's hands: the running count (shown when `shown`), then after the reveal a bar
     and share per option and the room's sentence in the answer. */
  function showTally(q, counts, revealed, shown) {
    var bars = {};
    T.chart(counts, q.keys).forEach(function (bar) { bars[bar.key] = bar; });
    var hands = T.total(counts);
    shown = shown && hands > 0;
    q.$options.forEach(function ($option) {
      var bar = bars[$option.dataset.option];
      var $tally = required($option, ".dpup-tally");
      // Before the reveal the trainer sees the running count only; the chart (bar and share)
      // appears with the answer, so the room is not led by it.
      $tally.hidden = !shown;
      $tally.dataset.revealed = String(revealed);
      required($tally, ".dpup-tally__text").textContent =
        T.handsText(bar.hands) + (revealed ? ", " + bar.percent + "%" : "");
      // The longest bar takes 70% of its column, leaving room for its words.
      required($tally, ".dpup-tally__bar").style.width = revealed ? (bar.share * 70) + "%" : "0";
    });
    var $room = required(q.$slide, ".dpup-slide__room");
    $room.textContent = hands === 0 ? "" : "The room: " + T.handsText(hands) + " counted; " +
      counts[q.correctKey] + " (" + T.percentages(counts, q.keys)[q.correctKey] + "%) chose " + q.correctKey + ".";
  }

  /* The summary slide: the questions the room found hardest, or that none were counted. */
  function showSummary($summary, questions, counts) {
    var results = T.results(questions, counts);
    var counted = results.filter(function (r) { return r.hands > 0; });
    var hardest = T.hardest(results, 3);
    required($summary, ".dpup-summary__none").hidden = counted.length > 0;
    required($summary, ".dpup-summary__found").hidden = counted.length === 0;
    required($summary, ".dpup-summary__all-right").hidden = counted.length === 0 || hardest.length > 0;
    var $hardest = required($summary, ".dpup-summary__hardest");
    $hardest.querySelectorAll("li").forEach(function ($item) { $item.hidden = true; });
    hardest.forEach(function (result) {
      var $item = required($hardest, 'li[data-question-id="' + result.id + '"]');
      required($item, ".dpup-summary__result").textContent = result.correct + " of " + T.handsText(result.hands) +
        " (" + result.percentCorrect + "%) on the correct answer.";
      $item.hidden = false;
      $hardest.appendChild($item);  // in order, hardest first
    });
  }

  /* One row per saved session, from the row template in the markup: its name, Download, and
     Delete, which asks first in the row itself. actions: {download(session), remove(id), say(text)}. */
  function listSessions($sessions, sessions, currentId, actions) {
    var $list = required($sessions, ".dpup-sessions__list");
    var ids = T.newestFirst(sessions);
    required($sessions, ".dpup-sessions__none").hidden = ids.length > 0;
    $list.textContent = "";
    ids.forEach(function (id) {
      var session = sessions[id];
      var name = when(session.started);
      var $item = required($sessions, "template").content.firstElementChild.cloneNode(true);
      var text = describe(session);
      $item.firstElementChild.textContent = text.charAt(0).toUpperCase() + text.slice(1) +
        (id === currentId ? " (this session)" : "");
      $item.querySelectorAll("[data-label]").forEach(function ($el) {
        $el.setAttribute("aria-label", $el.dataset.label.replace("#", name));
      });
      required($item, ".dpup-sessions__when").textContent = name;
      var $ask = required($item, ".dpup-sessions__confirm");
      var on = {
        download: function () { actions.download(session); },
        "delete": function () { $ask.hidden = false; $ask.focus(); },
        yes: function () { actions.remove(id); },
        no: function () { $ask.hidden = true; required($item, '[data-row="delete"]').focus(); actions.say("The session was kept."); }
      };
      $item.querySelectorAll("[data-row]").forEach(function ($button) {
        $button.addEventListener("click", on[$button.dataset.row]);
      });
      $list.appendChild($item);
    });
  }

  /* The question on opening: "Continue that session" or "Start a new session"; either hides it. */
  function askToContinue($resume, which, onContinue, onNew) {
    required($resume, ".dpup-resume__which").textContent = which;
    $resume.hidden = false;
    // Focus on the question, so that a screen reader reads it out on opening (the deck's keys
    // still work there: focus is on words, not on a control).
    required($resume, "p[tabindex]").focus({ preventScroll: true });
    required($resume, '[data-session="continue"]').onclick = function () { $resume.hidden = true; onContinue(); };
    required($resume, '[data-session="new"]').onclick = function () { $resume.hidden = true; onNew(); };
  }

  /* deck: {questions, isRevealed(q), say(text), focusSlides()}; questions carry id, keys, correctKey, $slide, $options. */
  function startRoom($root, deck) {
    var store = DPUP.answerStore;
    var csvWriter = DPUP.assess;
    var quizId = $root.dataset.quizId;
    var namespace = "trainer-sessions." + quizId;
    var questions = deck.questions;
    var $summary = required($root, ".dpup-summary");
    var $confirm = required($root, ".dpup-summary__confirm");
    var $resume = required($root, ".dpup-trainer__resume");
    var $sessions = required($root, ".dpup-trainer__sessions");

    // This window's presses are kept apart from every other window's in the saved session, so
    // that two windows counting at once never undo each other (trainer-core.js, press).
    var windowId = "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    // chosen: the trainer started or continued this session here; until then, a window opened
    // beside one that counts follows that window's session.
    var current = { id: T.sessionId(new Date()), session: emptySession(), saved: false, chosen: false };
    // Counts stay hidden until the reveal, except on a question the trainer counts in this page.
    var counting = {};

    function emptySession() {
      return T.readSession({ started: new Date().toISOString(), counts: {} }, questions);
    }

    /* Counts from before sessions were kept apart become one session; the old entries go only
       once it is saved, so nothing is lost if the browser refuses the write. */
    function migrate() {
      var old = T.fromOldEntries(store.entries("trainer." + quizId), questions);
      if (!old) return;
      // A window still running the old code may save old entries after they were moved: they join
      // the moved session (the larger count of each option), never replace it.
      var moved = T.readSession(store.get(namespace, "s0"), questions);
      var session = moved ? T.mergeSessions(moved, old, questions) : old;
      if (store.set(namespace, "s0", T.toSaved(session))) store.clear("trainer." + quizId);
    }

    /* --- the room's hands ------------------------------------------------------------------- */

    function saved() { return savedSessions(store, namespace, questions); }
    function drawTally(q) {
      showTally(q, current.session.counts[q.id], deck.isRevealed(q), deck.isRevealed(q) || counting[q.id]);
    }
    function drawSummary() { showSummary($summary, questions, current.session.counts); }
    function drawSessions() {
      listSessions($sessions, saved(), current.id, { download: download, remove: remove, say: deck.say });
    }

    function drawAll() {
      questions.forEach(drawTally);
      drawSummary();
      drawSessions();
    }

    function count(q, key, delta) {
      counting[q.id] = true;
      current.chosen = true;
      var session = T.press(current.session, questions, windowId, q.id, key, delta);
      // Another window's presses saved since this one last heard of them are kept (storage
      // events arrive a moment late).
      var stored = T.readSession(store.get(namespace, current.id), questions);
      current.session = stored ? T.mergeSessions(session, stored, questions) : session;
      $resume.hidden = true;  // counting in this session answers "continue or start a new one"
      // set() returns false when the browser refuses to save (full, blocked, private mode).
      if (!store.set(namespace, current.id, T.toSaved(current.session))) {
        deck.say("The count could not be saved in this browser (storage is full or blocked); it is kept until the page closes.");
        drawTally(q);
        return;
      }
      current.saved = true;
      drawTally(q);
      drawSummary();
      drawSessions();
      deck.say(key + ": " + T.handsText(current.session.counts[q.id][key]));
    }

    function hands(q, key) { return current.session.counts[q.id][key]; }

    /* --- the summary slide -------------------------------------------------------------------- */

    function download(session) {
      var csv = csvWriter.toCsv([T.sessionRows(questions, session.counts)]);
      store.download(T.csvName(quizId, session.started), csv, "text/csv;charset=utf-8");
      deck.say("The counts of the session " + when(session.started) + " were downloaded as a CSV file.");
    }

    function askToClear() {
      $confirm.hidden = false;
      required($confirm, "[tabindex]").focus();
    }

    function clearSession(confirmed) {
      $confirm.hidden = true;
      var $clear = required($summary, '[data-session="clear"]');
      if (confirmed) {
        store.remove(namespace, current.id);
        startNew();
        deck.say("The counts for this session were cleared.");
      } else {
        deck.say("The counts were kept.");
      }
      $clear.focus();
    }

    /* --- sessions ----------------------------------------------------------------------------- */

    function use(id, session, isSaved) {
      current = { id: id, session: session, saved: isSaved, chosen: true };
      counting = {};
      drawAll();
    }

    function startNew() {
      use(T.sessionId(new Date()), emptySession(), false);
    }

    function remove(id) {
      store.remove(namespace, id);
      if (id === current.id) startNew(); else drawSessions();
      deck.say("The session was deleted.");
      required($sessions, "summary").focus();
    }

    /* On opening: with counts saved from an earlier session, ask whether to continue it. Until
       the trainer answers, the deck is a new session, so nothing of the last room shows. */
    function offerToContinue() {
      var sessions = saved();
      var latest = T.newestFirst(sessions)[0];
      if (latest) askToContinue($resume, describe(sessions[latest]), function () {
        deck.focusSlides();  // the question is gone: the keys work in the slides
        use(latest, sessions[latest], true);
        deck.say("Continuing the session " + when(sessions[latest].started) + ". Its counts show on each question after the reveal.");
      }, function () {
        deck.focusSlides();
        startNew();
        deck.say("A new session: no hands counted yet. Earlier sessions are under Sessions.");
      });
    }

    /* Another tab or window of this trainer changed the saved counts: merge them into this
       session (and save the presses that window had not heard of yet), or follow the session
       another window counts in while this one is freshly opened and has not chosen its own. */
    function onStorage(event) {
      var prefix = store.key(namespace, "");
      if (event.key !== null && event.key.indexOf(prefix) !== 0) return;  // null: storage cleared
      var id = event.key === null ? current.id : event.key.slice(prefix.length);
      var session = T.readSession(store.get(namespace, id), questions);
      if (id === current.id) {
        if (session) {
          var merged = T.mergeSessions(current.session, session, questions);
          if (current.saved && T.knowsMore(current.session, session, questions)) store.set(namespace, id, T.toSaved(merged));
          current.session = merged;
        } else if (current.saved) startNew();
      } else if (session && !current.chosen && !current.saved && !T.sessionSize(current.session).hands) {
        current = { id: id, session: session, saved: true, chosen: false };
      }
      drawAll();
    }

    migrate();
    required($summary, '[data-session="export"]').addEventListener("click", function () { download(current.session); });
    required($summary, '[data-session="clear"]').addEventListener("click", askToClear);
    required($summary, '[data-session="confirm-clear"]').addEventListener("click", function () { clearSession(true); });
    required($summary, '[data-session="keep"]').addEventListener("click", function () { clearSession(false); });
    required($sessions, '[data-session="start-new"]').addEventListener("click", function () {
      $resume.hidden = true;
      // The new room is counted next: the list closes and the slides, where the keys work, have focus.
      $sessions.open = false;
      deck.focusSlides();
      startNew();
      deck.say("A new session: no hands counted yet.");
    });
    window.addEventListener("storage", onStorage);
    $sessions.hidden = false;
    offerToContinue();
    drawSessions();
    return { count: count, hands: hands, drawTally: drawTally, drawSummary: drawSummary, drawAll: drawAll,
      stop: function () { window.removeEventListener("storage", onStorage); } };
  }

  DPUP.trainerRoom = startRoom;
})(window.DPUP = window.DPUP || {});
