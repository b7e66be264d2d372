/* Starts every widget on the page ([data-dpup-widget="quiz"], ...) once. Material's instant
   navigation swaps the page without reloading; it announces each new page on `document$`. */
(function (DPUP) {
  "use strict";
  document.documentElement.classList.add("dpup-js");

  function startWidgets() {
    document.querySelectorAll("[data-dpup-widget]").forEach(function ($root) {
      var start = DPUP.widgets && DPUP.widgets[$root.dataset.dpupWidget];
      if (!start || $root.dataset.dpupStarted) return;
      $root.dataset.dpupStarted = "true";
      start($root);
    });
  }

  /* The offline pack shows one mode at a time: the quiz or the trainer. */
  function startPackModes() {
    var $buttons = document.querySelectorAll("[data-pack-mode]");
    function select(mode) {
      $buttons.forEach(function ($button) {
        $button.setAttribute("aria-pressed", String($button.dataset.packMode === mode));
      });
      document.querySelectorAll("[data-pack-panel]").forEach(function ($panel) {
        $panel.hidden = $panel.dataset.packPanel !== mode;
      });
    }
    $buttons.forEach(function ($button) {
      $button.addEventListener("click", function () { select($button.dataset.packMode); });
    });
    if ($buttons.length) select("quiz");
  }

  DPUP.startWidgets = startWidgets;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(startWidgets);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { startWidgets(); startPackModes(); });
  } else {
    startWidgets();
    startPackModes();
  }
})(window.DPUP = window.DPUP || {});
