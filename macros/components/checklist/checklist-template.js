/* A template tool (the purpose statement): one text box per heading, assembled into a statement
   to copy, download or print. Enhances checklist-template.html. Each box is saved on its own, and
   another tab's typing shows here as it is saved, so a tab left open never writes over it. */
(function (DPUP) {
  "use strict";
  var NS = "template";

  var all = DPUP.dom.all, required = DPUP.dom.one;  // answers-dom.js

  function initTemplate($root) {
    var store = DPUP.answerStore, core = DPUP.checklistCore;
    var title = $root.dataset.title;
    var $output = required($root, ".dpup-template__output");
    var $status = required($root, ".dpup-template__status");
    var $sync = required($root, ".dpup-template__sync");
    var fields = all($root, "textarea.dpup-template__field");
    if (fields.length === 0) throw new Error("DPUP template: no fields");

    function statement() {
      return core.statement(title, fields.map(function ($field) { return { heading: $field.dataset.heading, value: $field.value }; }));
    }
    function show() { $output.textContent = statement(); }
    function fill($field, saved) {
      var value = typeof saved === "string" ? saved : "";
      if ($field.value !== value) $field.value = value;
    }

    fields.forEach(function ($field) {
      fill($field, store.get(NS, $field.dataset.key));
      $field.addEventListener("input", function () { typed.add($field); store.set(NS, $field.dataset.key, $field.value); show(); });
    });
    var typed = new Set();  // boxes holding this tab's own typing, not text shown from another tab
    var replaced = [];  // the messages quoting typing here that another tab's text replaced
    store.watchAll(NS, function (key) {
      var changed = fields.filter(function ($field) { return key === null || $field.dataset.key === key; });
      if (!changed.length || !document.contains($root)) return;
      var lost = changed.map(function ($field) {
        // What is stored now, not the event's value: two tabs' events can arrive after later writes.
        var saved = key === null ? null : store.get(NS, key);
        var words = core.lostTyping("“" + $field.dataset.heading + "”", $field.value, saved, typed.has($field));
        fill($field, saved);
        typed.delete($field);
        return words;
      }).filter(Boolean);
      show();
      // Quoted typing stays in the message through later updates (the last three), not just until the next one.
      replaced = replaced.concat(lost).slice(-3);
      $sync.textContent = ["Updated with changes made in another tab or window."].concat(replaced).join(" ");
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
        store.download(core.fileName($root.dataset.toolId, core.localDay(new Date()), "txt"), statement(), "text/plain;charset=utf-8");
      },
      print: function () { window.print(); },
      clear: function () {
        if (!window.confirm("Clear everything you have written in this form? This cannot be undone. " +
                            "Cancel keeps it; Download it first if you want a copy.")) return;
        fields.forEach(function ($field) { $field.value = ""; store.remove(NS, $field.dataset.key); });
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
  DPUP.widgets.template = initTemplate;
})(window.DPUP = window.DPUP || {});
