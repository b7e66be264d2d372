/* Accessibility fixes to the theme's own markup that CSS cannot make. Each is a no-op when
   the element is missing, so a change of theme does not break the page. */
(function () {
  "use strict";

  // A table wider than the page (on a phone) scrolls inside its own region rather than pushing
  // the whole page sideways. Keyboard users can only scroll a region they can focus, and screen
  // readers announce it by name, so a region that overflows gets role, name and tabindex.
  // Tables marked dpup-stack turn into stacked rows on a phone instead (dpup.css).
  function scrollBoxFor(table) {
    var parent = table.parentElement;
    if (parent && parent.classList.contains("md-typeset__table")) parent = parent.parentElement; // Material's own wrapper
    if (parent && (parent.classList.contains("md-typeset__scrollwrap") || parent.classList.contains("dpup-scroll"))) return parent;
    var box = document.createElement("div");
    box.className = "dpup-scroll";
    table.before(box);
    box.append(table);
    return box;
  }

  function labelFor(table) {
    var caption = table.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    return (text || "Table") + " (scrolls sideways)";
  }

  // A table of rows with three or more column headings, outside a form or widget (whose tables
  // lay themselves out), stacks on a phone like the tables our templates mark dpup-stack: each
  // cell is labelled with its column heading.
  function stackable(table) {
    var headings = table.querySelectorAll("thead th");
    if (headings.length < 3 || table.closest("form, [data-dpup-widget]") || table.querySelector("[colspan], [rowspan]")) return false;
    table.querySelectorAll("tbody td:not([data-label])").forEach(function (cell) {
      var heading = headings[cell.cellIndex];  // the cell's column (no cell spans columns here)
      if (heading) cell.setAttribute("data-label", heading.textContent.trim());
    });
    table.classList.add("dpup-stack");
    return true;
  }

  function markScrollableTables() {
    document.querySelectorAll("article table[class^='dpup-']:not(.dpup-stack)").forEach(stackable);
    document.querySelectorAll("article table:not(.dpup-stack)").forEach(function (table) {
      var box = scrollBoxFor(table);
      box.classList.add("dpup-scroll");
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", labelFor(table));
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("tabindex");
      }
    });
  }

  function fix() {
    // The search dialog has no accessible name in the theme's markup.
    var $dialog = document.querySelector('[role="dialog"].md-search, .md-search[data-md-component="search"]');
    if ($dialog && !$dialog.hasAttribute("aria-label") && !$dialog.hasAttribute("aria-labelledby")) {
      $dialog.setAttribute("aria-label", "Search this site");
    }
    markScrollableTables();
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollableTables, 150);
  });
  // Material's instant navigation swaps the content without a page load.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fix);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix); else fix();
})();
