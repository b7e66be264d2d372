/* Starts every widget on the page ([data-dpup-widget="quiz"], ...) once, loading the scripts it
   names in data-dpup-scripts first, so pages without widgets load no widget code. Material's
   instant navigation swaps pages without a reload and announces each one on `document$`. */
(function (DPUP) {
  "use strict";
  document.documentElement.classList.add("dpup-js");

  // Scripts live beside this one (assets/dpup/js/); styles in the sibling css/ folder.
  var here = document.currentScript && document.currentScript.src;
  var base = here ? here.slice(0, here.lastIndexOf("/") + 1) : "";
  var loading = {};

  function loadScript(name) {
    var src = base + name;
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var $script = document.createElement("script");
        $script.src = src;
        $script.async = false;  // run in the order requested: pure logic before the DOM layer
        $script.onload = resolve;
        $script.onerror = function () {
          delete loading[src];  // a later call tries again (the connection may be back)
          $script.remove();
          reject(new Error("DPUP: could not load " + src));
        };
        document.head.appendChild($script);
      });
    }
    return loading[src];
  }
  // For code a widget loads only when the person asks for it (the self-check's spreadsheet files,
  // its undo and its file check) or when a visit needs it (the notice for unreadable saved answers).
  DPUP.loadScript = loadScript;

  function ensureStyles($root) {
    // Pages built with a widget link its styles (data-dpup-styles) in <head>; after an instant
    // page change the new page's <head> is not applied, so add the links that are missing.
    if (!base) return;
    ($root.dataset.dpupStyles || "").split(" ").filter(Boolean).forEach(function (name) {
      if (document.querySelector('link[href$="css/' + name + '"]')) return;
      var $link = document.createElement("link");
      $link.rel = "stylesheet";
      $link.href = base.replace(/js\/$/, "css/") + name;
      document.head.appendChild($link);
    });
  }

  /* A person may choose or type in the server-drawn form while the widget's scripts load (seconds
     on a slow phone). The widget draws the saved answers when it starts, which would undo that, so
     each field changed early is set back afterwards and its change played through the widget's
     own listeners, as if made then. Returns the function that does so. */
  function keepEarlyChanges($root) {
    var changed = [];
    function remember(event) { if (changed.indexOf(event.target) < 0) changed.push(event.target); }
    $root.addEventListener("input", remember);
    $root.addEventListener("change", remember);
    return function replay(startWidget) {
      $root.removeEventListener("input", remember);
      $root.removeEventListener("change", remember);
      var kept = changed.map(function ($field) {
        return { $field: $field, checked: $field.checked, value: $field.value,
          selection: [$field.selectionStart, $field.selectionEnd] };  // not numbers where there is no caret
      });
      startWidget();
      kept.forEach(replayOne);
    };
  }

  function replayOne(early) {
    var $field = early.$field;
    if ($field.type === "file") {  // still holds the chosen file, which no listener has read yet
      if ($field.files && $field.files.length) $field.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    var choice = $field.type === "radio" || $field.type === "checkbox";
    if (choice ? $field.checked === early.checked : $field.value === early.value) return;
    if ($field.type === "radio" && !early.checked) return;  // the group's checked radio carries the choice
    if (choice) {
      $field.checked = early.checked;
    } else if (DPUP.dom.addToSaved($field, early.value)) {
      return;  // typed into a box drawn empty, whose saved text arrived with the scripts (answers-dom.js)
    } else {
      $field.value = early.value;
      // The person may still be typing there: the caret goes back where it was, not to the end.
      if (document.activeElement === $field && typeof early.selection[0] === "number") {
        $field.setSelectionRange(early.selection[0], early.selection[1]);
      }
    }
    $field.dispatchEvent(new Event("input", { bubbles: true }));
    $field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function start($root) {
    var name = $root.dataset.dpupWidget;
    if ($root.dataset.dpupStarted) return;
    $root.dataset.dpupStarted = "true";
    var replay = keepEarlyChanges($root);
    var ready = DPUP.widgets && DPUP.widgets[name]
      ? Promise.resolve()  // already inlined (the offline pack) or loaded for another widget
      : Promise.all(($root.dataset.dpupScripts || "").split(" ").filter(Boolean).map(loadScript));
    ready.then(function () {
      if (!DPUP.widgets || !DPUP.widgets[name]) throw new Error("DPUP: no widget called " + name);
      replay(function () { DPUP.widgets[name]($root); });
      $root.dataset.dpupReady = "true";  // for tests and tools: this widget is drawn and listening
    }).catch(function (error) {
      $root.dataset.dpupStarted = "";
      // The server-rendered page still works: show what it says works without the script.
      document.documentElement.classList.remove("dpup-js");
      if (window.console) console.error(error);
    });
  }

  function startWidgets() {
    var $roots = document.querySelectorAll("[data-dpup-widget]");
    $roots.forEach(ensureStyles);
    $roots.forEach(start);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(startWidgets);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startWidgets);
  } else {
    startWidgets();
  }
})(window.DPUP = window.DPUP || {});
