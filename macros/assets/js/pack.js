/* The offline workshop pack shows one mode at a time: the quiz or the trainer. Inlined only
   into the pack (macros/pack.py), after the widgets. Trainer mode is in the address
   (#trainer-mode), so that reloading the file keeps it, as the site's own trainer page does. */
(function () {
  "use strict";
  var TRAINER = "#trainer-mode";

  function startPackModes() {
    var $buttons = document.querySelectorAll("[data-pack-mode]");
    function select(mode) {
      // replaceState, not a new history entry: Back still leaves the file.
      var address = window.location.href.split("#")[0] + (mode === "trainer" ? TRAINER : "");
      if (window.location.href !== address) window.history.replaceState(null, "", address);
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
        // In trainer mode: the question about an earlier session if it is asked, else the slides,
        // where the trainer's keys work.
        var $panel = document.querySelector('[data-pack-panel="' + $button.dataset.packMode + '"]');
        if (!$panel) return;
        var $target = $panel.querySelector(".dpup-trainer__resume:not([hidden]) [tabindex]") ||
          $panel.querySelector(".dpup-trainer__stage");
        if (!$target) { $target = $panel; $panel.tabIndex = -1; }
        $target.focus();
      });
    });
    if (!$buttons.length) return;
    select(window.location.hash === TRAINER ? "trainer" : "quiz");
    // Reloaded in trainer mode: the question about an earlier session, as on the site.
    var $question = document.querySelector('[data-pack-panel="trainer"]:not([hidden]) .dpup-trainer__resume:not([hidden]) [tabindex]');
    if ($question) $question.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPackModes);
  else startPackModes();
})();
