/* Interactive checklists: an answer per item from the item's answer set (Yes / No / Not
   applicable), a note, a summary of what still needs attention, export and print. Enhances the
   server-rendered form (checklist.html). Rules in checklist-core.js; saving is answers-store.js;
   DOM helpers are answers-dom.js.
   Another tab's changes show here as they are saved, and each field is saved on its own, so a
   tab left open never writes its old answers over newer ones. */
(function (DPUP) {
  "use strict";
  var NS = "checklist";

  var all = DPUP.dom.all, make = DPUP.dom.make, required = DPUP.dom.one;

  function initChecklist($root) {
    var store = DPUP.answerStore, core = DPUP.checklistCore;
    var toolId = $root.dataset.toolId;
    var $result = required($root, ".dpup-checklist__result");
    var $count = required($root, ".dpup-checklist__count");
    var $summary = required($root, ".dpup-checklist__list");
    var $sync = required($root, ".dpup-checklist__sync");
    if (!toolId) throw new Error("DPUP checklist: no tool id");
    var items = all($root, "fieldset.dpup-checklist__item").map(function ($fieldset) {
      return { id: $fieldset.dataset.itemId, text: $fieldset.querySelector("legend").textContent.trim(),
        $radios: all($fieldset, "input[type=radio]"), $note: $fieldset.querySelector("textarea") };
    });

    function chosen(item) { return item.$radios.find(function ($r) { return $r.checked; }) || null; }
    function labelOf($radio) { return $radio ? $radio.labels[0].textContent.trim() : ""; }

    function save(item, field, value) {
      store.set(NS, item.id, core.withField(store.get(NS, item.id), field, value));
    }

    function show(item, saved) {
      var entry = core.answerOf(saved);
      item.$radios.forEach(function ($radio) { $radio.checked = $radio.value === entry.answer; });
      if (item.$note.value !== entry.note) item.$note.value = entry.note;
    }

    function summarise() {
      var found = core.summary(items.map(function (item) {
        var $radio = chosen(item);
        return { id: item.id, text: item.text, scored: item.$radios.length > 0, answer: $radio ? $radio.value : "",
          needsAttention: !!$radio && $radio.dataset.needsAttention === "true" };
      }));
      var attention = found.attention.length;
      // "2 of 11 answered, 1 needs attention.": written only when it changes, so an arrow key that
      // changes nothing in it is not followed by the same words again.
      var count = found.answered + " of " + found.scored + " answered" +
        (attention ? ", " + attention + (attention === 1 ? " needs" : " need") + " attention." : ".");
      if ($count.textContent !== count) $count.textContent = count;
      $summary.textContent = "";
      if (attention) {  // the items the count above says need attention
        $summary.appendChild(make("ul", { className: "dpup-checklist__attention" }, found.attention.map(function (item) {
          return make("li", {}, make("a", { href: "#" + item.id }, item.text));
        })));
      }
      if (found.answered < found.scored) $summary.appendChild(make("p", {}, "Not answered yet: " + (found.scored - found.answered)));
    }

    function json() {
      var answers = {};
      items.forEach(function (item) { answers[item.id] = core.answerOf(store.get(NS, item.id)); });
      return core.json(toolId, answers, core.localDay(new Date()));
    }

    items.forEach(function (item) {
      show(item, store.get(NS, item.id));
      item.$radios.forEach(function ($radio) {
        $radio.addEventListener("change", function () { save(item, "answer", $radio.value); summarise(); });
      });
      item.$note.addEventListener("input", function () { item.typed = true; save(item, "note", item.$note.value); });
    });
    // Another tab saved or cleared an item: show it here, and say so, quoting any note typed here that it replaced.
    var replaced = [];
    store.watchAll(NS, function (id) {
      var changed = items.filter(function (item) { return id === null || item.id === id; });
      if (!changed.length || !document.contains($root)) return;
      var lost = changed.map(function (item) {
        // What is stored now, not the event's value: two tabs' events can arrive after later writes.
        var saved = id === null ? null : store.get(NS, item.id);
        var words = core.lostTyping("the note on “" + item.text + "”", item.$note.value, core.answerOf(saved).note, item.typed);
        show(item, saved);
        item.typed = false;
        return words;
      }).filter(Boolean);
      summarise();
      // Quoted typing stays in the message through later updates (the last three), not just until the next one.
      replaced = replaced.concat(lost).slice(-3);
      $sync.textContent = ["Updated with changes made in another tab or window."].concat(replaced).join(" ");
    });
    var actions = {
      csv: function () {
        store.download(core.fileName(toolId, core.localDay(new Date()), "csv"), core.csv(items.map(function (item) {
          return { id: item.id, text: item.text, label: labelOf(chosen(item)), note: item.$note.value };
        })), "text/csv;charset=utf-8");
      },
      json: function () { store.download(core.fileName(toolId, core.localDay(new Date()), "json"), json(), "application/json"); },
      print: function () { window.print(); },
      clear: function () {
        // One click must never wipe a whole checklist: ask first (the browser's own dialog is
        // keyboard and screen-reader friendly and needs no code of ours).
        if (!window.confirm("Clear every answer and note in this checklist? This cannot be undone. " +
                            "Cancel keeps them; Download CSV or JSON first if you want a copy.")) return;
        items.forEach(function (item) {
          store.remove(NS, item.id);
          show(item, null);
        });
        summarise();
        $count.textContent = "Your answers have been cleared. " + $count.textContent;
      }
    };
    all($root, "[data-action]").forEach(function ($button) {
      $button.addEventListener("click", actions[$button.dataset.action]);
    });
    $result.hidden = false;
    summarise();
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.checklist = initChecklist;
})(window.DPUP = window.DPUP || {});
