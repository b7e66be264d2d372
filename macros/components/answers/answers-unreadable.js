/* The notice for saved answers that could not be read, which answers-store.js keeps apart as they
   are: loaded only on a visit that has some (DPUP.loadScript), so it weighs nothing on the others.
   show(kept, unsaved): kept maps where each is kept ("dpup.unreadable.<key>.<time>") to its text;
   unsaved says that one could not even be copied, so nothing new is saved under its key. */
(function (DPUP) {
  "use strict";
  var make = DPUP.dom.make;

  function download(kept) {
    var texts = Array.from(kept.values());
    DPUP.answerStore.download("dpup-answers-not-read.txt", texts.length === 1 ? texts[0] : texts.join("\n\n"), "text/plain;charset=utf-8");
  }

  /* The answers are the person's: they go only when the person says so, after a question. */
  function remove(kept) {
    if (!window.confirm("Remove the answers that could not be read from this browser? Download them first if you may need them.")) return;
    kept.forEach(function (text, copy) { if (copy.indexOf("dpup.unreadable.") === 0) window.localStorage.removeItem(copy); });
    kept.clear();
    document.querySelectorAll(".dpup-unreadable").forEach(function ($box) { $box.remove(); });
  }

  function notice(kept, unsaved) {
    var $download = make("button", { type: "button", className: "dpup-button dpup-button--small" }, "Download the answers that could not be read");
    var $remove = make("button", { type: "button", className: "dpup-button dpup-button--small dpup-button--danger" }, "Remove them from this browser");
    $download.addEventListener("click", function () { download(kept); });
    $remove.addEventListener("click", function () { remove(kept); });
    return [make("p", {}, "Some answers saved in this browser could not be read: the saved data is damaged, " +
      "perhaps cut short by a crash or a full disk. This page starts without them, and keeps them, unchanged, apart from " +
      "your new answers" + (unsaved ? " (nothing new is saved here until there is space to keep them apart)" : "") + "."),
    $download, " ", $remove];
  }

  /* At the top of every widget on the page, as the warning that saving failed is. */
  DPUP.showUnreadable = function (kept, unsaved) {
    document.querySelectorAll("[data-dpup-widget]").forEach(function ($root) {
      var $box = $root.querySelector(".dpup-unreadable") || make("div", { className: "dpup-unreadable", role: "alert" });
      $box.textContent = "";
      $box.append.apply($box, notice(kept, unsaved));
      $root.prepend($box);
    });
  };
})(window.DPUP = window.DPUP || {});
