/* Saved answers for the self-check, quiz, checklists and templates, in this browser only,
   exported as DPUP.answersStore. Each entry is keyed "dpup.<namespace>.<id>" with permanent
   content ids, so answers survive content updates. Saving can fail (private browsing, a full
   disk, storage turned off): then set() returns false, the entry already stored is left exactly
   as it was (localStorage writes a key whole or not at all), and the page says so once, while
   the widget keeps working from memory for this visit. */
(function (DPUP) {
  "use strict";

  const WARNING = "Your answers could not be saved in this browser: its storage is full, " +
    "turned off or in private mode. You can carry on, but what you enter now will be lost when " +
    "you close this page, so download a copy before you leave.";

  // Where a copy of saved text the page cannot read is kept: "dpup.unreadable.<key>.<time>".
  const UNREADABLE = "dpup.unreadable.";

  /** @type {Array<function(Error): void>} widgets that say more when saving fails (onFailure) */
  const failureListeners = [];

  /** @type {Set<string>} keys whose last write failed: the warning stays until none is left */
  const failedKeys = new Set();

  /**
   * Saved text that could not be read, by where it is kept: its copy's key, or its own key
   * when even the copy could not be saved (then it is offered from memory).
   *
   * @type {Map<string, string>}
   */
  const unreadable = new Map();

  /** @type {Set<string>} unreadable keys whose copy could not be saved: never written over */
  const guarded = new Set();

  /**
   * This browser's storage, or null where it is refused: privacy modes and some file:// pages
   * refuse it, and the page still works.
   *
   * @returns {Storage | null}
   */
  function storage() {
    try {
      const store = window.localStorage;
      store.getItem("dpup");
      return store;
    } catch (error) {
      return null;
    }
  }

  /**
   * Where an entry is kept.
   *
   * @param {string} namespace - "checklist", "quiz.intro"
   * @param {string} id - a permanent content id; "" for the namespace's prefix
   * @returns {string} "dpup.<namespace>.<id>"
   */
  function key(namespace, id) {
    return "dpup." + namespace + "." + id;
  }

  /**
   * The stored keys that start with `prefix`, listed before any is removed.
   *
   * @param {Storage} store
   * @param {string} prefix
   * @returns {string[]}
   */
  function keysStarting(store, prefix) {
    const names = [];
    for (let i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(prefix) === 0) names.push(store.key(i));
    }
    return names;
  }

  /**
   * The copies kept of unreadable text once stored under `name`.
   *
   * @param {Storage} store
   * @param {string} name
   * @returns {string[]}
   */
  function copiesOf(store, name) {
    return keysStarting(store, UNREADABLE + name + ".");
  }

  /**
   * Saved text the page cannot read is never just written over: it is copied as it is to
   * "dpup.unreadable.<key>.<time>" and kept until the person removes it. If even the copy
   * cannot be saved, the page never writes to that key, and offers the text from memory.
   *
   * @param {Storage} store
   * @param {string} name - the key it was read from
   * @param {string} raw - its text
   */
  function keepUnreadable(store, name, raw) {
    if (copiesOf(store, name).some((copy) => store.getItem(copy) === raw)) return;
    let at = Date.now();
    // Never over an older copy.
    while (store.getItem(UNREADABLE + name + "." + at) !== null) at += 1;
    try {
      store.setItem(UNREADABLE + name + "." + at, raw);
    } catch (error) {
      guarded.add(name);
    }
    // Storage could not keep a copy, now or before: the text is offered from memory.
    if (guarded.has(name)) unreadable.set(name, raw);
  }

  /**
   * Tells the person about unreadable saved text: every widget says so and offers it as a
   * download (answers-unreadable.js, loaded only when there is something to say). If it cannot
   * load (offline), the copies are kept all the same, and it is said on a later visit.
   */
  function announceUnreadable() {
    if (!DPUP.loadScript) return;  // no loader: the logic tests under Node
    DPUP.loadScript("answers-unreadable.js")
      .then(() => DPUP.unreadableAnswers.show(unreadable, guarded.size > 0))
      .catch(() => {
        // the copies are kept all the same; the notice comes on a later visit
      });
  }

  /**
   * The entry, or null when there is none. An entry that cannot be read (cut short by a crash
   * or a full disk), or that `valid` refuses, is kept apart (keepUnreadable) and read as null.
   *
   * @param {string} namespace
   * @param {string} id
   * @param {function(unknown): boolean} [valid] - whether a value has the shape the widget reads
   * @returns {unknown}
   */
  function get(namespace, id, valid) {
    const store = storage();
    if (!store) return null;
    const name = key(namespace, id);
    const raw = store.getItem(name);
    let value;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      value = undefined;
    }
    const bad = value === undefined || (value !== null && valid && !valid(value));
    const known = unreadable.size;
    if (bad) keepUnreadable(store, name, raw);
    copiesOf(store, name).forEach((copy) => unreadable.set(copy, store.getItem(copy)));
    if (unreadable.size > known) announceUnreadable();
    return bad ? null : value;
  }

  /**
   * Shows the warning that saving failed in every widget root on the page: in its
   * .dpup-save-warning box, or in a new one at its top. A widget that listens with onFailure
   * can say more.
   *
   * @param {Error} error
   */
  function warn(error) {
    document.querySelectorAll("[data-dpup-widget]").forEach(($root) => {
      let $box = $root.querySelector(".dpup-save-warning");
      if (!$box) {
        $box = document.createElement("p");
        $box.className = "dpup-save-warning";
        $box.setAttribute("role", "alert");
        $root.prepend($box);
      }
      if ($box.textContent !== WARNING) $box.textContent = WARNING;
      $box.hidden = false;
    });
    failureListeners.forEach((listener) => listener(error));
  }

  /**
   * A write to `name` worked: once every key that failed has been written again, the warning
   * goes, as saving works again.
   *
   * @param {string} name
   */
  function recovered(name) {
    failedKeys.delete(name);
    if (failedKeys.size) return;
    document.querySelectorAll(".dpup-save-warning").forEach(($box) => {
      $box.hidden = true;
    });
  }

  /**
   * Runs a write to `name`, and warns when it fails.
   *
   * @param {string} name
   * @param {function(Storage): void} action
   * @param {boolean} [quiet] - a failure the caller handles and explains itself: no warning
   *   that typing will be lost
   * @returns {boolean} whether it was saved
   */
  function write(name, action, quiet) {
    const store = storage();
    let failed = !store || guarded.has(name);
    if (!failed) {
      try {
        action(store);
      } catch (error) {
        failed = true;
      }
    }
    if (!failed) {
      recovered(name);
    } else if (!quiet) {
      failedKeys.add(name);
      warn(new Error("not saved"));
    }
    return !failed;
  }

  /**
   * Saves an entry.
   *
   * @param {string} namespace
   * @param {string} id
   * @param {unknown} value - anything JSON can hold
   * @param {boolean} [quiet] - the caller explains a failure itself (write)
   * @returns {boolean} whether it was saved
   */
  function set(namespace, id, value, quiet) {
    const text = JSON.stringify(value);
    return write(key(namespace, id), (store) => store.setItem(key(namespace, id), text), quiet);
  }

  /**
   * Removes an entry.
   *
   * @param {string} namespace
   * @param {string} id
   * @returns {boolean} whether it was removed
   */
  function remove(namespace, id) {
    return write(key(namespace, id), (store) => store.removeItem(key(namespace, id)));
  }

  /**
   * Removes every entry of a namespace, except unreadable ones whose copy could not be kept.
   *
   * @param {string} namespace
   * @returns {boolean} whether they were removed
   */
  function clear(namespace) {
    return write(key(namespace, ""), (store) => {
      keysStarting(store, key(namespace, "")).forEach((name) => {
        if (guarded.has(name)) return;
        store.removeItem(name);
        failedKeys.delete(name);
      });
    });
  }

  /**
   * Every readable entry of a namespace, by id (old self-check files kept one key per
   * criterion; the trainer keeps one per session).
   *
   * @param {string} namespace
   * @returns {Record<string, unknown>} with no prototype: a saved key "dpup.x.__proto__" is
   *   an entry, not a prototype
   */
  function entries(namespace) {
    const store = storage();
    const found = Object.create(null);
    if (!store) return found;
    const prefix = key(namespace, "");
    keysStarting(store, prefix).forEach((name) => {
      try {
        found[name.slice(prefix.length)] = JSON.parse(store.getItem(name));
      } catch (error) {
        // unreadable: left out here, and left as it is in storage
      }
    });
    return found;
  }

  /**
   * Listens for every entry of a namespace that another tab or window of this site changes
   * (the `storage` event fires only there).
   *
   * @param {string} namespace
   * @param {function(string | null, unknown): void} listener - gets the entry's id and its
   *   value: value null when the entry was removed, id null when the other tab emptied the
   *   whole storage
   */
  function watchAll(namespace, listener) {
    const prefix = key(namespace, "");
    window.addEventListener("storage", (event) => {
      if (event.key === null) {
        listener(null, null);
        return;
      }
      if (event.key.indexOf(prefix) !== 0) return;
      let value = null;
      if (event.newValue !== null) {
        try {
          value = JSON.parse(event.newValue);
        } catch (error) {
          return;  // half-written: the complete value follows
        }
      }
      listener(event.key.slice(prefix.length), value);
    });
  }

  /**
   * Listens for one entry that another tab changes (not removes).
   *
   * @param {string} namespace
   * @param {string} id
   * @param {function(unknown): void} listener - gets its new value
   */
  function watch(namespace, id, listener) {
    watchAll(namespace, (changed, value) => {
      if (changed === id && value !== null) listener(value);
    });
  }

  /**
   * Listens for a failed save, after the page has shown its warning.
   *
   * @param {function(Error): void} listener
   */
  function onFailure(listener) {
    failureListeners.push(listener);
  }

  /**
   * Asks the browser not to delete this site's storage when space runs low (it may say no).
   *
   * @returns {Promise<boolean>} whether storage is kept
   */
  function persist() {
    if (!navigator.storage || !navigator.storage.persist) return Promise.resolve(false);
    return navigator.storage.persisted()
      .then((already) => already || navigator.storage.persist())
      .catch(() => false);
  }

  /**
   * Offers text as a file without any request: a Blob URL on a temporary link.
   *
   * @param {string} filename
   * @param {string} text
   * @param {string} type - its media type, such as "text/csv;charset=utf-8"
   */
  function download(filename, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const $link = document.createElement("a");
    $link.href = url;
    $link.download = filename;
    document.body.appendChild($link);
    $link.click();
    $link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  DPUP.answersStore = {
    get, set, remove, clear, entries, key, watch, watchAll, onFailure, persist, download,
  };
})(window.DPUP = window.DPUP || {});
