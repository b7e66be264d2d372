/* The self-check's steps, one shown at a time, each with its own address (#sc-<step>), so the
   browser's Back, Forward and reload keep a person's place; and the confirm dialog.
   sc is the shared object made in selfcheck.js. */
(function (DPUP) {
  "use strict";
  var dom = DPUP.selfcheckParts.dom;
  var all = dom.all, one = dom.one, make = dom.make;

  function steps(sc) {
    var $root = sc.$root;
    var $steps = all($root, "[data-step]");  // sc.current: the index of the one shown (showStep)

    function stepTitle($step) { return $step.querySelector("h2").textContent; }
    function clamp(index) { return Math.max(0, Math.min(index, $steps.length - 1)); }

    function showStep(index, focus) {
      var current = clamp(index);
      // The error summary belongs to the step it was shown on (as to a page, in GOV.UK's pattern).
      if (current !== sc.current) sc.showErrors([]);
      sc.current = current;
      $steps.forEach(function ($step, i) { $step.hidden = i !== current; });
      all($root, ".dpup-selfcheck__steps a").forEach(function ($link) {
        if ($link.dataset.stepLink === $steps[current].id) $link.setAttribute("aria-current", "step");
        else $link.removeAttribute("aria-current");
      });
      var $previous = one($root, "[data-action=previous-step]"), $next = one($root, "[data-action=next-step]");
      $previous.hidden = current === 0;
      $next.hidden = current === $steps.length - 1;
      if (current > 0) $previous.textContent = "Previous: " + stepTitle($steps[current - 1]);
      if (current < $steps.length - 1) $next.textContent = "Next: " + stepTitle($steps[current + 1]);
      if (focus) {
        var $heading = $steps[current].querySelector("h2");
        $heading.tabIndex = -1;
        // Bring the step, not the list of steps, to the top of the screen, below the site's header
        // (the step's scroll-margin-top in selfcheck.css).
        $steps[current].scrollIntoView({ block: "start" });
        $heading.focus({ preventScroll: true });
      }
    }

    /* Show the step holding the element with this id (a step, a criterion, a control); false for
       an id that is not in the self-check (a hostile address such as #constructor or #<img>). */
    function showTarget(id, focus) {
      var $target = id && document.getElementById(id);
      var $step = $target && $target.closest("[data-step]");
      if (!$step || !$root.contains($step)) return false;
      showStep($steps.indexOf($step), $target === $step && focus);
      if ($target !== $step && focus) {
        // A control itself (it holds no other control), or the first control in a criterion or box.
        ($target.querySelector("input, textarea, select, button") || $target).focus();
      }
      return true;
    }

    /* A move the person asked for: a new entry in the browser's history, so Back returns here. */
    function go(id) {
      if (!showTarget(id, true)) return false;
      if (location.hash !== "#" + id) history.pushState(null, "", "#" + id);
      return true;
    }

    /* The step the address names; the start step for none, or for one that names no step. Going
       back to an address elsewhere on the page (the skip link's) leaves the step as it is. */
    function fromAddress(focus, fromHistory) {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { id = ""; }
      if (showTarget(id, focus)) return;
      var $elsewhere = id && document.getElementById(id);
      if (fromHistory && $elsewhere && !$root.contains($elsewhere)) return;
      showStep(0, focus && fromHistory);
    }

    // The browser moves focus to the page itself when it goes to an address's #fragment, after
    // popstate: take the step's heading once it has done so.
    window.addEventListener("popstate", function () {
      if (document.contains($root)) setTimeout(function () { fromAddress(true, true); }, 0);
    });
    sc.go = go;
    sc.step = function (offset) { go($steps[clamp(sc.current + offset)].id); };
    sc.fromAddress = fromAddress;
  }

  /* A question with buttons; Escape or "Keep" answers no. A choice with an action runs it and
     keeps the dialog open; any other closes it with its value. */
  function dialog(sc) {
    var $dialog = one(sc.$root, "dialog");
    sc.ask = function (title, paragraphs, choices) {
      one($dialog, "h2").textContent = title;
      var $text = one($dialog, "#sc-dialog-text");
      $text.textContent = "";
      paragraphs.forEach(function (p) { $text.appendChild(make("p", {}, p)); });
      var $buttons = one($dialog, ".dpup-dialog__buttons");
      $buttons.textContent = "";
      return new Promise(function (resolve) {
        choices.forEach(function (choice) {
          var $button = make("button", { type: "button", className: "dpup-button" + (choice.style ? " dpup-button--" + choice.style : "") }, choice.label);
          $button.addEventListener("click", function () {
            if (choice.action) { choice.action($text); return; }
            $dialog.close(choice.value);
          });
          $buttons.appendChild($button);
        });
        $dialog.addEventListener("close", function () { resolve($dialog.returnValue || "keep"); }, { once: true });
        $dialog.returnValue = "";
        $dialog.showModal();
        $buttons.querySelector(".dpup-button--safe").focus();
      });
    };
  }

  DPUP.selfcheckParts.steps = function (sc) { steps(sc); dialog(sc); };
})(window.DPUP = window.DPUP || {});
