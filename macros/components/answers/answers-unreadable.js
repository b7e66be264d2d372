/* The notice for saved answers that could not be read, which answers-store.js keeps apart as
   they are, exported as DPUP.unreadableAnswers. Loaded only on a visit that has some
   (DPUP.loadScript), so it weighs nothing on the others. */
(function (DPUP) {
  "use strict";

  const { make } = DPUP.answersDom;

  /**
   * Offers the unreadable answers as one text file, to keep or to send for help.
   *
   * @param {Map<string, string>} kept - each text, by where it is kept
   */
  function download(kept) {
    const texts = Array.from(kept.values());
    const text = texts.length === 1 ? texts[0] : texts.join("\n\n");
    DPUP.answersStore.download("dpup-answers-not-read.txt", text, "text/plain;charset=utf-8");
  }

  /**
   * Removes the kept copies, and the notice, after asking: the answers are the person's, and
   * go only when the person says so.
   *
   * @param {Map<string, string>} kept
   */
  function remove(kept) {
    const sure = window.confirm(
      "Remove the answers that could not be read from this browser? " +
      "Download them first if you may need them.",
    );
    if (!sure) return;
    kept.forEach((_, copy) => {
      // Only the copies: a key kept from memory (its copy could not be saved) is the entry itself.
      if (copy.indexOf("dpup.unreadable.") === 0) window.localStorage.removeItem(copy);
    });
    kept.clear();
    document.querySelectorAll(".dpup-unreadable").forEach(($box) => $box.remove());
  }

  /**
   * The notice's contents: what happened, and its two buttons.
   *
   * @param {Map<string, string>} kept
   * @param {boolean} unsaved - a copy could not be saved, so nothing new is saved under its key
   * @returns {Array<Node | string>}
   */
  function notice(kept, unsaved) {
    const $download = make("button", { type: "button", className: "dpup-button dpup-button--small" },
      "Download the answers that could not be read");
    const $remove = make("button", {
      type: "button", className: "dpup-button dpup-button--small dpup-button--danger",
    }, "Remove them from this browser");
    $download.addEventListener("click", () => download(kept));
    $remove.addEventListener("click", () => remove(kept));
    const until = unsaved ? " (nothing new is saved here until there is space to keep them apart)" : "";
    const said = make("p", {}, "Some answers saved in this browser could not be read: the saved " +
      "data is damaged, perhaps cut short by a crash or a full disk. This page starts without " +
      "them, and keeps them, unchanged, apart from your new answers" + until + ".");
    return [said, $download, " ", $remove];
  }

  /**
   * Shows the notice at the top of every widget on the page, as the warning that saving failed
   * is, or redraws it there.
   *
   * @param {Map<string, string>} kept - each unreadable text, by where it is kept
   *   ("dpup.unreadable.<key>.<time>", or the key itself when its copy could not be saved)
   * @param {boolean} unsaved - a copy could not be saved, so nothing new is saved under its key
   */
  function show(kept, unsaved) {
    document.querySelectorAll("[data-dpup-widget]").forEach(($root) => {
      const $box = $root.querySelector(".dpup-unreadable") ||
        make("div", { className: "dpup-unreadable", role: "alert" });
      $box.replaceChildren(...notice(kept, unsaved));
      $root.prepend($box);
    });
  }

  DPUP.unreadableAnswers = { show };
})(window.DPUP = window.DPUP || {});
