/* The self-check's steps, one shown at a time, each with its own address (#sc-<step>), so the
   browser's Back, Forward and reload keep a person's place; and the confirm dialog.
   sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";

  const { all, one, make } = DPUP.selfcheckParts.dom;

  /**
   * The steps: sets sc.go, sc.step and sc.fromAddress, and keeps sc.current (the index of the
   * step shown).
   *
   * @param {object} sc
   */
  function steps(sc) {
    const $root = sc.$root;
    const $steps = all($root, "[data-step]");
    const stepTitle = ($step) => $step.querySelector("h2").textContent;
    const clamp = (index) => Math.max(0, Math.min(index, $steps.length - 1));

    /**
     * Shows the step at `index` (kept within the steps), its heading focused if `focus`.
     *
     * @param {number} index
     * @param {boolean} focus
     */
    function showStep(index, focus) {
      const current = clamp(index);
      // The error summary belongs to the step it was shown on (as to a page, in GOV.UK's pattern).
      if (current !== sc.current) sc.showErrors([]);
      sc.current = current;
      $steps.forEach(($step, i) => {
        $step.hidden = i !== current;
      });
      all($root, ".dpup-selfcheck__steps a").forEach(($link) => {
        if ($link.dataset.stepLink === $steps[current].id) $link.setAttribute("aria-current", "step");
        else $link.removeAttribute("aria-current");
      });
      const $previous = one($root, "[data-action=previous-step]");
      const $next = one($root, "[data-action=next-step]");
      $previous.hidden = current === 0;
      $next.hidden = current === $steps.length - 1;
      if (current > 0) $previous.textContent = "Previous: " + stepTitle($steps[current - 1]);
      if (current < $steps.length - 1) $next.textContent = "Next: " + stepTitle($steps[current + 1]);
      if (focus) {
        const $heading = $steps[current].querySelector("h2");
        $heading.tabIndex = -1;
        // Bring the step, not the list of steps, to the top of the screen, below the site's
        // header (the step's scroll-margin-top in selfcheck.css).
        $steps[current].scrollIntoView({ block: "start" });
        $heading.focus({ preventScroll: true });
      }
    }

    /**
     * Shows the step holding the element with this id (a step, a criterion, a control).
     *
     * @param {string} id
     * @param {boolean} focus
     * @returns {boolean} false for an id that is not in the self-check (a hostile address such
     *   as #constructor or #<img>)
     */
    function showTarget(id, focus) {
      const $target = id && document.getElementById(id);
      const $step = $target && $target.closest("[data-step]");
      if (!$step || !$root.contains($step)) return false;
      showStep($steps.indexOf($step), $target === $step && focus);
      if ($target !== $step && focus) {
        // A control itself (it holds no other control), or the first control in a criterion or box.
        ($target.querySelector("input, textarea, select, button") || $target).focus();
      }
      return true;
    }

    /**
     * A move the person asked for: a new entry in the browser's history, so Back returns here.
     *
     * @param {string} id
     * @returns {boolean} false for an id that is not in the self-check
     */
    function go(id) {
      if (!showTarget(id, true)) return false;
      if (location.hash !== "#" + id) history.pushState(null, "", "#" + id);
      return true;
    }

    /**
     * The step the address names; the start step for none, or for one that names no step. Going
     * back to an address elsewhere on the page (the skip link's) leaves the step as it is.
     *
     * @param {boolean} focus
     * @param {boolean} fromHistory
     */
    function fromAddress(focus, fromHistory) {
      let id;
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch (error) {
        id = "";
      }
      if (showTarget(id, focus)) return;
      const $elsewhere = id && document.getElementById(id);
      if (fromHistory && $elsewhere && !$root.contains($elsewhere)) return;
      showStep(0, focus && fromHistory);
    }

    // The browser moves focus to the page itself when it goes to an address's #fragment, after
    // popstate: take the step's heading once it has done so.
    window.addEventListener("popstate", () => {
      if (document.contains($root)) setTimeout(() => fromAddress(true, true), 0);
    });
    sc.go = go;
    sc.step = (offset) => go($steps[clamp(sc.current + offset)].id);
    sc.fromAddress = fromAddress;
  }

  /**
   * The confirm dialog: sets sc.ask(title, paragraphs, choices), a question with buttons that
   * resolves to the value of the choice made. Escape or "Keep" answers no. A choice with an
   * action runs it and keeps the dialog open; any other closes it with its value.
   *
   * @param {object} sc
   */
  function dialog(sc) {
    const $dialog = one(sc.$root, "dialog");
    sc.ask = (title, paragraphs, choices) => {
      one($dialog, "h2").textContent = title;
      const $text = one($dialog, "#sc-dialog-text");
      $text.textContent = "";
      paragraphs.forEach((paragraph) => $text.appendChild(make("p", {}, paragraph)));
      const $buttons = one($dialog, ".dpup-dialog__buttons");
      $buttons.textContent = "";
      return new Promise((resolve) => {
        choices.forEach((choice) => {
          const className = "dpup-button" + (choice.style ? " dpup-button--" + choice.style : "");
          const $button = make("button", { type: "button", className }, choice.label);
          $button.addEventListener("click", () => {
            if (choice.action) choice.action($text);
            else $dialog.close(choice.value);
          });
          $buttons.appendChild($button);
        });
        $dialog.addEventListener("close", () => resolve($dialog.returnValue || "keep"), { once: true });
        $dialog.returnValue = "";
        $dialog.showModal();
        $buttons.querySelector(".dpup-button--safe").focus();
      });
    };
  }

  // The choice that answers no in every dialog that could take answers away (Clear, Undo,
  // Import): the safe one, focused first.
  const KEEP = { label: "Keep my answers", value: "keep", style: "secondary dpup-button--safe" };

  /**
   * The choice that downloads a copy before answers are taken away, and says so in the dialog,
   * which stays open.
   *
   * @param {object} sc
   * @returns {{label: string, style: string, action: function(HTMLElement): void}}
   */
  function downloadFirst(sc) {
    return {
      label: "Download a copy first",
      style: "secondary",
      action: ($text) => {
        sc.downloadJson();
        $text.appendChild(make("p", { role: "status" }, "Copy downloaded."));
      },
    };
  }

  DPUP.selfcheckParts.choices = { KEEP, downloadFirst };
  DPUP.selfcheckParts.steps = (sc) => {
    steps(sc);
    dialog(sc);
  };
})(window.DPUP = window.DPUP || {});
