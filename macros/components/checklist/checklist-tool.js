/* What the checklist and the template share on the page, exported as DPUP.ChecklistTool: the
   tool's id, its buttons (named by data-action), its downloads' names, and following what
   another tab saves. Each field is saved on its own and another tab's changes show here as
   they are saved, so a tab left open never writes its old text over newer. */
(function (DPUP) {
  "use strict";

  const core = DPUP.checklistCore;

  /**
   * A tool built from a content file's sections: the checklist (checklist.js) and the template
   * (checklist-template.js) extend it.
   */
  class ChecklistTool extends DPUP.Widget {
    /** @type {string} the tool's id ("tool-purpose-statement"), named in its downloads */
    toolId;

    /**
     * @param {HTMLElement} $root
     */
    constructor($root) {
      super($root);
      this.toolId = this.setting("data-tool-id");
    }

    /**
     * Listens to the tool's buttons; Print is the same in every tool.
     *
     * @param {Record<string, function(): void>} actions - what each button does, by its
     *   data-action
     */
    listenToButtons(actions) {
      const all = { ...actions, print: () => window.print() };
      DPUP.answersDom.all(this.$root, "[data-action]").forEach(($button) => {
        $button.addEventListener("click", all[$button.dataset.action]);
      });
    }

    /**
     * Shows here what another tab or window saves in the tool's namespace, and says so in
     * `$sync`, quoting any typing here that it replaced.
     *
     * @param {string} namespace
     * @param {HTMLElement} $sync - the live region that says what another tab changed here
     * @param {function(string | null): string[] | null} takeTheirs - shows what is stored now
     *   under an id (every id when null: another tab emptied the storage) in the fields saved
     *   there, and returns lostTyping's words for each; null when no field here is saved there
     */
    followOtherTabs(namespace, $sync, takeTheirs) {
      const syncLine = new core.SyncLine();
      DPUP.answersStore.watchAll(namespace, (id) => {
        // The listener outlives a page that instant navigation replaced: that page stays as it was.
        if (!document.contains(this.$root)) return;
        const lost = takeTheirs(id);
        if (lost) $sync.textContent = syncLine.after(lost);
      });
    }

    /**
     * A download's name: the tool and the person's day.
     *
     * @param {string} extension
     * @returns {string}
     */
    fileName(extension) {
      return core.fileName(this.toolId, DPUP.answersCore.localDay(new Date()), extension);
    }
  }

  DPUP.ChecklistTool = ChecklistTool;
})(window.DPUP = window.DPUP || {});
