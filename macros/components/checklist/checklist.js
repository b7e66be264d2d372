/* Interactive checklists: an answer per item from the item's answer set (Yes / No / Not
   applicable), a note, a summary of what still needs attention, export and print. Enhances the
   server-rendered checklist.html. Rules in checklist-core.js, what it shares with the
   template in checklist-tool.js; saving is answers-store.js. */
(function (DPUP) {
  "use strict";

  // Saved as dpup.checklist.<item id>: item ids are unique across the toolkit's checklists.
  const NAMESPACE = "checklist";

  const { make } = DPUP.answersDom;
  const core = DPUP.checklistCore;
  const store = DPUP.answersStore;

  /**
   * One checklist item as the page draws it.
   *
   * @typedef {object} Item
   * @property {string} id - the fieldset's data-item-id
   * @property {string} text - the question (the legend)
   * @property {HTMLInputElement[]} $radios - its answers; none for an item with a note only
   * @property {HTMLTextAreaElement} $note
   * @property {boolean} typed - the note holds this tab's own typing, not text shown from
   *   another tab
   */

  /**
   * The chosen answer's radio, or null.
   *
   * @param {Item} item
   * @returns {HTMLInputElement | null}
   */
  function chosen(item) {
    return item.$radios.find(($radio) => $radio.checked) || null;
  }

  /**
   * Shows an item's saved entry.
   *
   * @param {Item} item
   * @param {unknown} saved - as stored, perhaps damaged or null
   */
  function show(item, saved) {
    const entry = core.answerOf(saved);
    item.$radios.forEach(($radio) => {
      $radio.checked = $radio.value === entry.answer;
    });
    // Set only when it differs, so the caret of a person typing there stays put.
    if (item.$note.value !== entry.note) item.$note.value = entry.note;
  }

  /**
   * A checklist: [data-dpup-widget="checklist"].
   */
  class Checklist extends DPUP.ChecklistTool {
    /** @type {Item[]} in page order */
    #items;

    /** @type {HTMLElement} the live region: how many are answered and need attention */
    #count;

    /** @type {HTMLElement} the items that need attention, linked, and how many are left */
    #summary;

    /**
     * @param {HTMLElement} $root
     */
    constructor($root) {
      super($root);
      this.#items = this.parts("fieldset.dpup-checklist__item").map(($fieldset) => ({
        id: $fieldset.dataset.itemId,
        text: this.part("legend", $fieldset).textContent.trim(),
        $radios: DPUP.answersDom.all($fieldset, "input[type=radio]"),
        $note: this.part("textarea", $fieldset),
        typed: false,
      }));
      const $result = this.part(".dpup-checklist__result");
      this.#count = this.part(".dpup-checklist__count", $result);
      this.#summary = this.part(".dpup-checklist__list", $result);
      const $sync = this.part(".dpup-checklist__sync", $result);
      this.#listen();
      this.followOtherTabs(NAMESPACE, $sync, (id) => this.#takeTheirs(id));
      $result.hidden = false;
      this.#summarise();
    }

    /**
     * Saves one field of an item, keeping the other as it is stored now.
     *
     * @param {Item} item
     * @param {"answer" | "note"} field
     * @param {string} value
     */
    #save(item, field, value) {
      store.set(NAMESPACE, item.id, core.withField(store.get(NAMESPACE, item.id), field, value));
    }

    /**
     * Draws the saved answers and listens to the items and the buttons.
     */
    #listen() {
      this.#items.forEach((item) => {
        show(item, store.get(NAMESPACE, item.id));
        item.$radios.forEach(($radio) => {
          $radio.addEventListener("change", () => {
            this.#save(item, "answer", $radio.value);
            this.#summarise();
          });
        });
        item.$note.addEventListener("input", () => {
          item.typed = true;
          this.#save(item, "note", item.$note.value);
        });
      });
      this.listenToButtons({
        csv: () => this.#downloadCsv(),
        json: () => this.#downloadJson(),
        clear: () => this.#clear(),
      });
    }

    /**
     * Another tab saved or cleared an item: show it here.
     *
     * @param {string | null} id - the item's, or null for every item
     * @returns {string[] | null} the words quoting each note typed here that it replaced; null
     *   when it is none of this checklist's items
     */
    #takeTheirs(id) {
      const changed = this.#items.filter((item) => id === null || item.id === id);
      if (changed.length === 0) return null;
      const lost = changed.map((item) => {
        // What is stored now, not the event's value: two tabs' events can arrive after later
        // writes.
        const saved = id === null ? null : store.get(NAMESPACE, item.id);
        const where = "the note on “" + item.text + "”";
        const words = core.lostTyping(where, item.$note.value, core.answerOf(saved).note, item.typed);
        show(item, saved);
        item.typed = false;
        return words;
      });
      this.#summarise();
      return lost;
    }

    /**
     * The count ("2 of 11 answered, 1 needs attention."), then the items that need attention,
     * linked, and how many are not answered yet.
     */
    #summarise() {
      const found = core.summary(this.#items.map((item) => {
        const $radio = chosen(item);
        return {
          id: item.id,
          text: item.text,
          scored: item.$radios.length > 0,
          answer: $radio ? $radio.value : "",
          needsAttention: Boolean($radio) && $radio.dataset.needsAttention === "true",
        };
      }));
      const attention = found.attention.length;
      const needs = attention === 1 ? " needs" : " need";
      const count = found.answered + " of " + found.scored + " answered" +
        (attention ? ", " + attention + needs + " attention." : ".");
      // Written only when it changes, so an arrow key that changes nothing in it is not
      // followed by the same words again.
      if (this.#count.textContent !== count) this.#count.textContent = count;
      this.#summary.textContent = "";
      if (attention) {
        const links = found.attention.map((item) => {
          return make("li", {}, make("a", { href: "#" + item.id }, item.text));
        });
        this.#summary.append(make("ul", { className: "dpup-checklist__attention" }, links));
      }
      if (found.answered < found.scored) {
        this.#summary.append(make("p", {}, "Not answered yet: " + (found.scored - found.answered)));
      }
    }

    /**
     * "Download CSV": each item with its answer's words and its note, as shown here.
     */
    #downloadCsv() {
      const rows = this.#items.map((item) => {
        const $radio = chosen(item);
        const label = $radio ? $radio.labels[0].textContent.trim() : "";
        return { id: item.id, text: item.text, label, note: item.$note.value };
      });
      store.download(this.fileName("csv"), core.csv(rows), "text/csv;charset=utf-8");
    }

    /**
     * "Download JSON": the saved entries, as stored.
     */
    #downloadJson() {
      const answers = {};
      this.#items.forEach((item) => {
        answers[item.id] = core.answerOf(store.get(NAMESPACE, item.id));
      });
      const text = core.json(this.toolId, answers, DPUP.answersCore.localDay(new Date()));
      store.download(this.fileName("json"), text, "application/json");
    }

    /**
     * "Clear my answers", after asking: one click must never wipe a whole checklist. The
     * browser's own dialog is keyboard and screen-reader friendly and needs no code of ours.
     */
    #clear() {
      const sure = window.confirm(
        "Clear every answer and note in this checklist? This cannot be undone. " +
        "Cancel keeps them; Download CSV or JSON first if you want a copy.",
      );
      if (!sure) return;
      this.#items.forEach((item) => {
        store.remove(NAMESPACE, item.id);
        show(item, null);
      });
      this.#summarise();
      this.#count.textContent = "Your answers have been cleared. " + this.#count.textContent;
    }
  }

  DPUP.widgets = DPUP.widgets || {};
  DPUP.widgets.checklist = ($root) => new Checklist($root);
})(window.DPUP = window.DPUP || {});
