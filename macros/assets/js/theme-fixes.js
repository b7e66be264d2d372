/* Accessibility fixes to the theme's own markup that CSS cannot make. Each is a no-op when
   the element is missing, so a change of theme does not break the page. */
(function () {
  "use strict";
  function fix() {
    // The search dialog has no accessible name in the theme's markup.
    var $dialog = document.querySelector('[role="dialog"].md-search, .md-search[data-md-component="search"]');
    if ($dialog && !$dialog.hasAttribute("aria-label") && !$dialog.hasAttribute("aria-labelledby")) {
      $dialog.setAttribute("aria-label", "Search this site");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix); else fix();
})();
