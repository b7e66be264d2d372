/* Starts every widget on the page ([data-dpup-widget="quiz"], ...) once, loading the scripts it
   names in data-dpup-scripts first, so pages without widgets load no widget code. Exports
   DPUP.loadScript, for scripts loaded later, and DPUP.onEveryPage. */
(function (DPUP) {
  "use strict";

  document.documentElement.classList.add("dpup-js");

  /**
   * A field changed before its widget started, as it was then.
   *
   * @typedef {object} EarlyChange
   * @property {HTMLInputElement | HTMLTextAreaElement} $field
   * @property {boolean} checked
   * @property {string} value
   * @property {Array<number | null>} selection - the caret or selection: start and end, not
   *   numbers where the field has no caret
   */

  // Scripts live beside this one (assets/dpup/js/); styles in the sibling css/ folder.
  const here = document.currentScript && document.currentScript.src;
  const base = here ? here.slice(0, here.lastIndexOf("/") + 1) : "";

  /** @type {Record<string, Promise<void>>} each script asked for, by its address */
  const loading = {};

  /**
   * Loads a script beside this one, once, however often it is asked for. For code a widget
   * loads only when the person asks for it (the self-check's spreadsheet files, its undo and
   * its file check) or when a visit needs it (the notice for unreadable saved answers).
   *
   * @param {string} name - "selfcheck-sheets.js"
   * @returns {Promise<void>} settled when it has run, or failed to load
   */
  function loadScript(name) {
    const src = base + name;
    if (!loading[src]) {
      loading[src] = new Promise((resolve, reject) => {
        const $script = document.createElement("script");
        $script.src = src;
        $script.async = false;  // run in the order requested: pure logic before the DOM layer
        $script.onload = resolve;
        $script.onerror = () => {
          delete loading[src];  // a later call tries again (the connection may be back)
          $script.remove();
          reject(new Error("DPUP: could not load " + src));
        };
        document.head.appendChild($script);
      });
    }
    return loading[src];
  }

  /**
   * Links the widget's styles where they are missing. Pages built with a widget link them
   * (data-dpup-styles) in <head>; after an instant page change the new page's <head> is not
   * applied.
   *
   * @param {HTMLElement} $root
   */
  function ensureStyles($root) {
    if (!base) return;
    ($root.dataset.dpupStyles || "").split(" ").filter(Boolean).forEach((name) => {
      if (document.querySelector('link[href$="css/' + name + '"]')) return;
      const $link = document.createElement("link");
      $link.rel = "stylesheet";
      $link.href = base.replace(/js\/$/, "css/") + name;
      document.head.appendChild($link);
    });
  }

  /**
   * Plays one early change again, through the widget's own listeners.
   *
   * @param {EarlyChange} early
   */
  function replayOne(early) {
    const $field = early.$field;
    if ($field.type === "file") {
      // It still holds the chosen file, which no listener has read yet.
      if ($field.files && $field.files.length) {
        $field.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return;
    }
    const choice = $field.type === "radio" || $field.type === "checkbox";
    if (choice ? $field.checked === early.checked : $field.value === early.value) return;
    // The group's checked radio carries the choice.
    if ($field.type === "radio" && !early.checked) return;
    if (choice) {
      $field.checked = early.checked;
    } else if (DPUP.answersDom.addToSaved($field, early.value)) {
      // Typed into a box drawn empty, whose saved text arrived with the scripts (answers-dom.js).
      return;
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

  /**
   * A person may choose or type in the server-drawn form while the widget's scripts load
   * (seconds on a slow phone). The widget draws the saved answers when it starts, which would
   * undo that, so each field changed early is set back afterwards and its change played
   * through the widget's own listeners, as if made then.
   *
   * @param {HTMLElement} $root
   * @returns {function(function(): void): void} starts the widget with the function given,
   *   then plays the early changes
   */
  function keepEarlyChanges($root) {
    const changed = [];
    const remember = (event) => {
      if (changed.indexOf(event.target) < 0) changed.push(event.target);
    };
    $root.addEventListener("input", remember);
    $root.addEventListener("change", remember);
    return (startWidget) => {
      $root.removeEventListener("input", remember);
      $root.removeEventListener("change", remember);
      const kept = changed.map(($field) => ({
        $field,
        checked: $field.checked,
        value: $field.value,
        selection: [$field.selectionStart, $field.selectionEnd],
      }));
      startWidget();
      kept.forEach(replayOne);
    };
  }

  /**
   * Starts a widget once: its scripts, then the widget, then what was chosen or typed early.
   * Where that fails, the page is left as the server drew it and says what works without it.
   *
   * @param {HTMLElement} $root
   */
  function start($root) {
    const name = $root.dataset.dpupWidget;
    if ($root.dataset.dpupStarted) return;
    $root.dataset.dpupStarted = "true";
    const replay = keepEarlyChanges($root);
    const ready = DPUP.widgets && DPUP.widgets[name]
      ? Promise.resolve()  // already inlined (the offline pack) or loaded for another widget
      : Promise.all(($root.dataset.dpupScripts || "").split(" ").filter(Boolean).map(loadScript));
    ready.then(() => {
      if (!DPUP.widgets || !DPUP.widgets[name]) throw new Error("DPUP: no widget called " + name);
      replay(() => DPUP.widgets[name]($root));
      $root.dataset.dpupReady = "true";  // for tests and tools: this widget is drawn and listening
    }).catch((error) => {
      $root.dataset.dpupStarted = "";
      document.documentElement.classList.remove("dpup-js");
      if (window.console) console.error(error);
    });
  }

  /**
   * Starts every widget on the page that has not started yet.
   */
  function startWidgets() {
    const $roots = document.querySelectorAll("[data-dpup-widget]");
    $roots.forEach(ensureStyles);
    $roots.forEach(start);
  }

  /**
   * Runs `action` on every page: Material's instant navigation swaps pages without a reload
   * and announces each one, the first too, on `document$`; a page without it (the offline
   * copy) runs it once, when its markup is complete.
   *
   * @param {function(): void} action
   */
  function onEveryPage(action) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(action);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", action);
    } else {
      action();
    }
  }

  DPUP.loadScript = loadScript;
  // For theme-fixes.js, served appended to this file.
  DPUP.onEveryPage = onEveryPage;
  onEveryPage(startWidgets);
})(window.DPUP = window.DPUP || {});
