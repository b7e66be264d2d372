/* Interactive checklists: an answer per item from the item's answer set (Yes / No / Not
   applicable), a note, a summary of what still needs attention, export and print. Enhances the
   server-rendered form. Needs answers-core.js and answers-store.js. */
(function (DPUP) {
  "use strict";
  var NS = "checklist";

  function all($root, selector) { return Array.prototype.slice.call($root.querySelectorAll(selector)); }

  function initChecklist($root) {
    var store = DPUP.answerStore;
    var toolId = $root.dataset.toolId;
    var $result = $root.querySelector(".dpup-checklist__result");
    var $summary = $root.querySelector(".dpup-checklist__summary");
    if (!toolId || !$result || !$summary) throw new Error("DPUP checklist: missing tool id or summary");
    var items = all($root, "fieldset.dpup-checklist__item").map(function ($fieldset) {
      return { id: $fieldset.dataset.itemId, text: $fieldset.querySelector("legend").textContent.trim(),
        $radios: all($fieldset, "input[type=radio]"), $note: $fieldset.querySelector("textarea") };
    });

    function chosen(item) { return item.$radios.filter(function ($r) { return $r.checked; })[0] || null; }
    function labelOf($radio) { return $radio ? $root.querySelector('label[for="' + $radio.id + '"]').textContent.trim() : ""; }

    function save(item) {
      var $radio = chosen(item);
      store.set(NS, item.id, { answer: $radio ? $radio.value : "", note: item.$note.value });
    }

    function summarise() {
      var scored = items.filter(function (item) { return item.$radios.length; });
      var answered = scored.filter(chosen);
      var attention = answered.filter(function (item) { return chosen(item).dataset.needsAttention === "true"; });
      $summary.textContent = "";
      function line(text) {
        var $p = document.createElement("p");
        $p.textContent = text;
        $summary.appendChild($p);
      }
      line(answered.length + " of " + scored.length + " answered.");
      if (attention.length) {
        line(attention.length + " need attention:");
        var $list = document.createElement("ul");
        $list.className = "dpup-checklist__attention";
        attention.forEach(function (item) {
          var $li = document.createElement("li");
          var $a = document.createElement("a");
          $a.href = "#" + item.id;
          $a.textContent = item.text;
          $li.appendChild($a);
          $list.appendChild($li);
        });
        $summary.appendChild($list);
      }
      if (answered.length < scored.length) line("Not answered yet: " + (scored.length - answered.length));
    }

    function csv() {
      var rows = [["Item", "Question", "Answer", "Note"]];
      items.forEach(function (item) { rows.push([item.id, item.text, labelOf(chosen(item)), item.$note.value]); });
      return DPUP.assess.toCsv([rows]);
    }

    function json() {
      var answers = {};
      items.forEach(function (item) { answers[item.id] = store.get(NS, item.id) || { answer: "", note: "" }; });
      return JSON.stringify({ format: "dpup-checklist", version: 1, tool: toolId,
        exported: new Date().toISOString().slice(0, 10), answers: answers }, null, 2);
    }

    items.forEach(function (item) {
      var saved = store.get(NS, item.id) || {};
      item.$radios.forEach(function ($radio) {
        $radio.checked = $radio.value === saved.answer;
        $radio.addEventListener("change", function () { save(item); summarise(); });
      });
      item.$note.value = typeof saved.note === "string" ? saved.note : "";
      item.$note.addEventListener("input", function () { save(item); });
    });
    var actions = {
      csv: function () { store.download(toolId + ".csv", csv(), "text/csv;charset=utf-8"); },
      json: function () { store.download(toolId + ".json", json(), "application/json"); },
      print: function () { window.print(); },
      clear: function () {
        // One click must never wipe a whole checklist: ask first (the browser's own dialog is
        // keyboard and screen-reader friendly and needs no code of ours).
        if (!window.confirm("Clear every answer and note in this checklist? This cannot be undone. " +
                            "Cancel keeps them; Download CSV or JSON first if you want a copy.")) return;
        items.forEach(function (item) {
          store.remove(NS, item.id);
          item.$radios.forEach(function ($radio) { $radio.checked = false; });
          item.$note.value = "";
        });
        summarise();
        $summary.insertAdjacentHTML("afterbegin", "<p>Your answers have been cleared.</p>");
      }
    };
    all($root, "[data-action]").forEach(function ($button) {
      $button.addEventListener("click", actions[$button.dataset.action]);
    });
    $root.addEventListener("submit", function (event) { event.preventDefault(); });
    $result.hidden = false;
    summarise();
  }

  /* A template tool (the purpose statement): one text box per heading, assembled into a
     statement to copy, download or print. */
  function initTemplate($root) {
    var store = DPUP.answerStore;
    var title = $root.dataset.title;
    var $output = $root.querySelector(".dpup-template__output");
    var $status = $root.querySelector(".dpup-template__status");
    var fields = all($root, "textarea.dpup-template__field");
    if (!$output || !$status || fields.length === 0) throw new Error("DPUP template: missing fields or output");

    function statement() {
      return [title].concat(fields.map(function ($field) {
        return $field.dataset.heading + "\n" + ($field.value.trim() || "(not written yet)");
      })).join("\n\n") + "\n";
    }
    function show() { $output.textContent = statement(); }

    fields.forEach(function ($field) {
      var saved = store.get("template", $field.dataset.key);
      $field.value = typeof saved === "string" ? saved : "";
      $field.addEventListener("input", function () { store.set("template", $field.dataset.key, $field.value); show(); });
    });
    var actions = {
      copy: function () {
        navigator.clipboard.writeText(statement()).then(function () {
          $status.textContent = "Statement copied.";
        }, function () {
          $status.textContent = "Copying is blocked here: select the statement and copy it yourself.";
        });
      },
      download: function () {
        store.download($root.dataset.toolId.replace(/^tool-/, "") + ".txt", statement(), "text/plain;charset=utf-8");
      },
      print: function () { window.print(); },
      clear: function () {
        if (!window.confirm("Clear everything you have written in this form? This cannot be undone. " +
                            "Cancel keeps it; Download it first if you want a copy.")) return;
        fields.forEach(function ($field) { $field.value = ""; store.remove("template", $field.dataset.key); });
        show();
        $status.textContent = "Cleared.";
      }
    };
    all($root, "[data-action]").forEach(function ($button) {
      $button.addEventListener("click", actions[$button.dataset.action]);
    });
    $root.querySelector(".dpup-template__result").hidden = false;
    show();
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.checklist = initChecklist;
  DPUP.widgets.template = initTemplate;
})(window.DPUP = window.DPUP || {});
