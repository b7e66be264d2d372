/* The offline workshop pack shows one mode at a time: the quiz or the trainer. Inlined only
   into the pack (macros/pack.py), after the widgets. */
(function () {
  "use strict";
  function startPackModes() {
    var $buttons = document.querySelectorAll("[data-pack-mode]");
    function select(mode) {
      $buttons.forEach(function ($button) {
        $button.setAttribute("aria-pressed", String($button.dataset.packMode === mode));
      });
      document.body.dataset.packMode = mode;  // pack.css lays the page out for the mode
      document.querySelectorAll("[data-pack-panel]").forEach(function ($panel) {
        $panel.hidden = $panel.dataset.packPanel !== mode;
      });
    }
    $buttons.forEach(function ($button) {
      $button.addEventListener("click", function () {
        select($button.dataset.packMode);
        // The chosen mode takes the focus: left on this button, Space pressed it again instead
        // of moving the trainer's slides on.
        var $panel = document.querySelector('[data-pack-panel="' + $button.dataset.packMode + '"]');
        if ($panel) { $panel.tabIndex = -1; $panel.focus(); }
      });
    });
    if ($buttons.length) select("quiz");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPackModes);
  else startPackModes();
})();
