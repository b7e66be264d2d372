/* The offline workshop pack shows one mode at a time: the quiz or the trainer. Inlined only
   into the pack (macros/pack.py), after the widgets. Trainer mode is in the address
   (#trainer-mode), so that reloading the file keeps it, as the site's own trainer page does. */
(function () {
  "use strict";

  const TRAINER = "#trainer-mode";
  // The mode buttons, not the body, which carries the mode in the same attribute for pack.css.
  const MODE_BUTTONS = "button[data-pack-mode]";
  // The question about an earlier session, while the trainer asks it.
  const RESUME_QUESTION = ".dpup-trainer__resume:not([hidden]) [tabindex]";

  /**
   * Shows one mode, says which in the address and on its button.
   *
   * @param {string} mode - "quiz" or "trainer"
   */
  function select(mode) {
    // replaceState, not a new history entry: Back still leaves the file.
    const address = window.location.href.split("#")[0] + (mode === "trainer" ? TRAINER : "");
    if (window.location.href !== address) window.history.replaceState(null, "", address);
    document.querySelectorAll(MODE_BUTTONS).forEach(($button) => {
      $button.setAttribute("aria-pressed", String($button.dataset.packMode === mode));
    });
    document.body.dataset.packMode = mode;  // pack.css lays the page out for the mode
    document.querySelectorAll("[data-pack-panel]").forEach(($panel) => {
      $panel.hidden = $panel.dataset.packPanel !== mode;
    });
  }

  /**
   * The chosen mode takes the focus: left on its button, Space pressed it again instead of
   * moving the trainer's slides on. In trainer mode: the question about an earlier session if
   * it is asked, else the slides, where the trainer's keys work.
   *
   * @param {string} mode
   */
  function focusMode(mode) {
    const $panel = document.querySelector('[data-pack-panel="' + mode + '"]');
    if (!$panel) return;
    let $target = $panel.querySelector(RESUME_QUESTION) || $panel.querySelector(".dpup-trainer__stage");
    if (!$target) {
      $target = $panel;
      $panel.tabIndex = -1;
    }
    $target.focus();
  }

  /**
   * Wires the mode buttons and opens the mode the address names.
   */
  function startPackModes() {
    const $buttons = document.querySelectorAll(MODE_BUTTONS);
    $buttons.forEach(($button) => {
      $button.addEventListener("click", () => {
        select($button.dataset.packMode);
        focusMode($button.dataset.packMode);
      });
    });
    if (!$buttons.length) return;
    select(window.location.hash === TRAINER ? "trainer" : "quiz");
    // Reloaded in trainer mode: the question about an earlier session, as on the site.
    const $question = document.querySelector('[data-pack-panel="trainer"]:not([hidden]) ' + RESUME_QUESTION);
    if ($question) $question.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPackModes);
  else startPackModes();
})();
