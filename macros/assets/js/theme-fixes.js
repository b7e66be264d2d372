/* Accessibility fixes to the theme's own markup that CSS cannot make. Each is a no-op when
   the element is missing, so a change of theme does not break the page. Served appended to
   widgets.js, whose DPUP.onEveryPage runs them on every page; exports nothing. */
(function (DPUP) {
  "use strict";

  /**
   * The box a table scrolls in: Material's own wrapper, or ours, added around the table. A
   * table wider than the page (on a phone) scrolls inside its own region rather than pushing
   * the whole page sideways.
   *
   * @param {HTMLTableElement} $table
   * @returns {HTMLElement}
   */
  function scrollBoxFor($table) {
    let $parent = $table.parentElement;
    // Material wraps the table twice: .md-typeset__scrollwrap > .md-typeset__table > table.
    if ($parent && $parent.classList.contains("md-typeset__table")) $parent = $parent.parentElement;
    const wrapped = $parent && ($parent.classList.contains("md-typeset__scrollwrap") ||
      $parent.classList.contains("dpup-scroll"));
    if (wrapped) return $parent;
    const $box = document.createElement("div");
    $box.className = "dpup-scroll";
    $table.before($box);
    $box.append($table);
    return $box;
  }

  /**
   * The scrolling region's name: the table's caption, or "Table", and that it scrolls.
   *
   * @param {HTMLTableElement} $table
   * @returns {string}
   */
  function labelFor($table) {
    const $caption = $table.querySelector("caption");
    const text = $caption ? $caption.textContent.trim() : "";
    return (text || "Table") + " (scrolls sideways)";
  }

  /**
   * Stacks a table on a phone like the tables our templates mark dpup-stack: each cell is
   * labelled with its column heading. Only a table of rows with three or more column headings,
   * outside a form or widget (whose tables lay themselves out), and with no cell spanning rows
   * or columns.
   *
   * @param {HTMLTableElement} $table
   * @returns {boolean} whether it stacks now
   */
  function stackable($table) {
    const $headings = $table.querySelectorAll("thead th");
    if ($headings.length < 3) return false;
    if ($table.closest("form, [data-dpup-widget]")) return false;
    if ($table.querySelector("[colspan], [rowspan]")) return false;
    $table.querySelectorAll("tbody td:not([data-label])").forEach(($cell) => {
      const $heading = $headings[$cell.cellIndex];  // the cell's column (no cell spans columns here)
      if ($heading) $cell.setAttribute("data-label", $heading.textContent.trim());
    });
    $table.classList.add("dpup-stack");
    return true;
  }

  /**
   * Keyboard users can only scroll a region they can focus, and screen readers announce it by
   * name, so a table's box that overflows gets a role, a name and a tabindex, and loses them
   * when it fits again (after a resize). Tables marked dpup-stack stack on a phone instead
   * (dpup.css).
   */
  function markScrollableTables() {
    document.querySelectorAll("article table[class^='dpup-']:not(.dpup-stack)").forEach(stackable);
    document.querySelectorAll("article table:not(.dpup-stack)").forEach(($table) => {
      const $box = scrollBoxFor($table);
      $box.classList.add("dpup-scroll");
      if ($box.scrollWidth > $box.clientWidth + 1) {
        $box.setAttribute("role", "region");
        $box.setAttribute("aria-label", labelFor($table));
        $box.setAttribute("tabindex", "0");
      } else if ($box.getAttribute("role") === "region") {
        $box.removeAttribute("role");
        $box.removeAttribute("aria-label");
        $box.removeAttribute("tabindex");
      }
    });
  }

  /**
   * Material's search dialog (the header's search box, which grows into the results) has a role
   * and no accessible name in the theme's markup: it gets one. Only a box that is a dialog:
   * Zensical's header box around its Search button is not one (the finishing pass takes away the
   * role Zensical gives it), and its real dialog, in a shadow root, is named by Zensical.
   */
  function nameSearchDialog() {
    const $dialog = document.querySelector('.md-search[role="dialog"]');
    if ($dialog && !$dialog.hasAttribute("aria-label") && !$dialog.hasAttribute("aria-labelledby")) {
      $dialog.setAttribute("aria-label", "Search this site");
    }
  }

  /**
   * Zensical draws its search dialog in a shadow root, under a bare <div> its script appends to
   * <body> before this runs, which the site's styles cannot reach; the theme's custom properties
   * still cross into it. The host gets a class, for dpup.css to give the dialog readable colours
   * through them, once its shadow root holds the dialog (drawn when the search index has loaded).
   * Nothing happens on Material, which has no such host.
   */
  function markZensicalSearch() {
    for (const $host of document.body.children) {
      const $root = $host.shadowRoot;
      if (!$root || $host.classList.contains("dpup-search-host")) continue;
      const markIfSearch = () => {
        const found = $root.querySelector("dialog") !== null;
        if (found) $host.classList.add("dpup-search-host");
        return found;
      };
      if (!markIfSearch()) {
        const observer = new MutationObserver(() => {
          if (markIfSearch()) observer.disconnect();
        });
        observer.observe($root, { childList: true, subtree: true });
      }
    }
  }

  /**
   * Every fix, on a page as it opens or after an instant page change.
   */
  function fix() {
    nameSearchDialog();
    markZensicalSearch();
    markScrollableTables();
  }

  // A resize may make a table overflow, or fit: checked once the resizing pauses.
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollableTables, 150);
  });
  DPUP.onEveryPage(fix);
})(window.DPUP = window.DPUP || {});
