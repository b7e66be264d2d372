/* A template tool (the purpose statement): one text box per heading, assembled into a statement
   to copy, download or print. Enhances checklist-template.html. Rules in checklist-core.js,
   what it shares with the checklist in checklist-tool.js; saving is answers-store.js. */
(function (DPUP) {
  "use strict";

  // Saved as dpup.template.<key>: each box's key is its heading's first prompt id.
  const NAMESPACE = "template";

  const core = DPUP.checklistCore;
  const store = DPUP.answersStore;

  /**
   * Shows a box's saved text.
   *
   * @param {HTMLTextAreaElement} $field
   * @param {unknown} saved - as stored, perhaps damaged or null
   */
  function fill($field, saved) {
    const value = typeof saved === "string" ? saved : "";
    // Set only when it differs, so the caret of a person typing there stays put.
    if ($field.value !== value) $field.value = value;
  }

  /**
   * A template tool: [data-dpup-widget="template"].
   */
  class Template extends DPUP.ChecklistTool {
    /** @type {string} the statement's title, its first line */
    #title;

    /** @type {HTMLTextAreaElement[]} one per heading, in page order */
    #fields;

    /** @type {HTMLElement} the statement, as it will be copied */
    #output;

    /** @type {HTMLElement} the live region for Copy and Clear */
    #status;

    /** @type {Set<HTMLTextAreaElement>} boxes holding this tab's own typing, not another's */
    #typed = new Set();

    /**
     * @param {HTMLElement} $root
     */
    constructor($root) {
      super($root);
      this.#title = this.setting("data-title");
      this.#fields = this.parts("textarea.dpup-template__field");
      const $result = this.part(".dpup-template__result");
      this.#output = this.part(".dpup-template__output", $result);
      this.#status = this.part(".dpup-template__status", $result);
      const $sync = this.part(".dpup-template__sync", $result);
      this.#listen();
      this.followOtherTabs(NAMESPACE, $sync, (key) => this.#takeTheirs(key));
      $result.hidden = false;
      this.#show();
    }

    /**
     * The statement as text: the title, then each heading and what was written under it.
     *
     * @returns {string}
     */
    #statement() {
      const fields = this.#fields.map(($field) => ({
        heading: $field.dataset.heading,
        value: $field.value,
      }));
      return core.statement(this.#title, fields);
    }

    /**
     * Shows the statement as it stands.
     */
    #show() {
      this.#output.textContent = this.#statement();
    }

    /**
     * Draws the saved text and listens to the boxes and the buttons.
     */
    #listen() {
      this.#fields.forEach(($field) => {
        fill($field, store.get(NAMESPACE, $field.dataset.key));
        $field.addEventListener("input", () => {
          this.#typed.add($field);
          store.set(NAMESPACE, $field.dataset.key, $field.value);
          this.#show();
        });
      });
      this.listenToButtons({
        copy: () => this.#copy(),
        download: () => this.#download(),
        clear: () => this.#clear(),
      });
    }

    /**
     * Another tab saved or cleared a box: show it here.
     *
     * @param {string | null} key - the box's, or null for every box
     * @returns {string[] | null} the words quoting each box's typing here that it replaced;
     *   null when it is none of this template's boxes
     */
    #takeTheirs(key) {
      const changed = this.#fields.filter(($field) => key === null || $field.dataset.key === key);
      if (changed.length === 0) return null;
      const lost = changed.map(($field) => {
        // What is stored now, not the event's value: two tabs' events can arrive after later
        // writes.
        const saved = key === null ? null : store.get(NAMESPACE, key);
        const where = "“" + $field.dataset.heading + "”";
        const words = core.lostTyping(where, $field.value, saved, this.#typed.has($field));
        fill($field, saved);
        this.#typed.delete($field);
        return words;
      });
      this.#show();
      return lost;
    }

    /**
     * "Copy statement", and where the browser refuses, how to copy it by hand.
     */
    #copy() {
      navigator.clipboard.writeText(this.#statement()).then(() => {
        this.#status.textContent = "Statement copied.";
      }, () => {
        this.#status.textContent = "Copying is blocked here: select the statement and copy it yourself.";
      });
    }

    /**
     * "Download as text", named after the tool and the person's day.
     */
    #download() {
      store.download(this.fileName("txt"), this.#statement(), "text/plain;charset=utf-8");
    }

    /**
     * "Clear", after asking: one click must never wipe what a person wrote.
     */
    #clear() {
      const sure = window.confirm(
        "Clear everything you have written in this form? This cannot be undone. " +
        "Cancel keeps it; Download it first if you want a copy.",
      );
      if (!sure) return;
      this.#fields.forEach(($field) => {
        $field.value = "";
        store.remove(NAMESPACE, $field.dataset.key);
      });
      this.#show();
      this.#status.textContent = "Cleared.";
    }
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.template = ($root) => new Template($root);
})(window.DPUP = window.DPUP || {});
