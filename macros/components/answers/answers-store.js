/* Saved answers for the self-check, quiz, checklists and templates, in this browser only. Each entry
   is keyed "dpup.<namespace>.<id>" with permanent content ids, so answers survive content updates.
   Saving can fail (private browsing, a full disk, storage turned off): then set() returns false,
   the entry already stored is left exactly as it was (localStorage writes a key whole or not at
   all), and the page says so once, while the widget keeps working from memory for this visit. */
(function (DPUP) {
  "use strict";
  var WARNING = "Your answers could not be saved in this browser: its storage is full, turned off or in private mode. " +
    "You can carry on, but what you enter now will be lost when you close this page, so download a copy before you leave.";
  var failureListeners = [];
  var failedKeys = new Set();  // keys whose last write failed: the warning stays until none is left
  var unreadable = new Map();  // key -> the text stored there that could not be read, kept as it is
  var guarded = new Set();     // unreadable keys whose copy could not be saved: never written over

  function storage() {
    try {
      var store = window.localStorage;
      store.getItem("dpup");
      return store;
    } catch (error) {
      return null;  // privacy modes and some file:// pages refuse storage; the page still works
    }
  }

  function key(namespace, id) {
    return "dpup." + namespace + "." + id;
  }

  /* The entry, or null when there is none. An entry that cannot be read (cut short by a crash or a
     full disk), or that `valid` refuses, is kept (keepUnreadable) and read as null. */
  function get(namespace, id, valid) {
    var store = storage();
    if (!store) return null;
    var name = key(namespace, id), raw = store.getItem(name), value;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      value = undefined;
    }
    var bad = value === undefined || (value !== null && valid && !valid(value));
    var known = unreadable.size;
    if (bad) keepUnreadable(store, name, raw);
    copiesOf(store, name).forEach(function (copy) { unreadable.set(copy, store.getItem(copy)); });
    if (unreadable.size > known) announceUnreadable();
    return bad ? null : value;
  }

  /* Saved text the page cannot read is never just written over: it is copied as it is to
     "dpup.unreadable.<key>.<time>", kept until the person removes it, and every widget says so and
     offers it as a download (unreadable: where each is kept -> its text). If even the copy cannot
     be saved, the page never writes to that key, and offers the text from memory. */
  var UNREADABLE = "dpup.unreadable.";
  function copiesOf(store, name) {
    var found = [];
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(UNREADABLE + name + ".") === 0) found.push(store.key(i));
    }
    return found;
  }

  function keepUnreadable(store, name, raw) {
    if (copiesOf(store, name).some(function (copy) { return store.getItem(copy) === raw; })) return;
    var at = Date.now();
    while (store.getItem(UNREADABLE + name + "." + at) !== null) at += 1;  // never over an older copy
    try { store.setItem(UNREADABLE + name + "." + at, raw); } catch (error) { guarded.add(name); }
    if (guarded.has(name)) unreadable.set(name, raw);  // offered from memory, as storage could not keep it
  }

  /* The notice (answers-unreadable.js) is loaded only when there is something to say. If it cannot
     load (offline), the copies are kept all the same, and it is said on a later visit. */
  function announceUnreadable() {
    if (!DPUP.loadScript) return;  // no loader: the logic tests under Node
    DPUP.loadScript("answers-unreadable.js").then(function () { DPUP.showUnreadable(unreadable, guarded.size > 0); })
      .catch(function () { /* kept; said on a later visit */ });
  }

  /* Every widget root on the page shows the warning in its .dpup-save-warning box, or in a new
     one at its top; a widget that listens with onFailure can say more. */
  function warn(error) {
    document.querySelectorAll("[data-dpup-widget]").forEach(function ($root) {
      var $box = $root.querySelector(".dpup-save-warning");
      if (!$box) {
        $box = document.createElement("p");
        $box.className = "dpup-save-warning";
        $box.setAttribute("role", "alert");
        $root.prepend($box);
      }
      if ($box.textContent !== WARNING) $box.textContent = WARNING;
      $box.hidden = false;
    });
    failureListeners.forEach(function (listener) { listener(error); });
  }

  /* Once every key that failed has been written again, the warning goes: saving works again. */
  function recovered(name) {
    failedKeys.delete(name);
    if (failedKeys.size) return;
    document.querySelectorAll(".dpup-save-warning").forEach(function ($box) { $box.hidden = true; });
  }

  /* quiet: a failure the caller handles and explains itself (no warning that typing will be lost). */
  function write(name, action, quiet) {
    var store = storage();
    var failed = !store || guarded.has(name);
    if (!failed) {
      try { action(store); } catch (error) { failed = true; }
    }
    if (!failed) recovered(name);
    else if (!quiet) {
      failedKeys.add(name);
      warn(new Error("not saved"));
    }
    return !failed;
  }

  function set(namespace, id, value, quiet) {
    var text = JSON.stringify(value);
    return write(key(namespace, id), function (store) { store.setItem(key(namespace, id), text); }, quiet);
  }

  function remove(namespace, id) {
    return write(key(namespace, id), function (store) { store.removeItem(key(namespace, id)); });
  }

  /* The stored keys of a namespace's entries, listed before any is removed. */
  function keysIn(store, namespace) {
    var names = [];
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(key(namespace, "")) === 0) names.push(store.key(i));
    }
    return names;
  }

  function clear(namespace) {
    return write(key(namespace, ""), function (store) {
      keysIn(store, namespace).forEach(function (name) {
        if (!guarded.has(name)) { store.removeItem(name); failedKeys.delete(name); }
      });
    });
  }

  /* Entries of a namespace (old self-check files kept one key per criterion). */
  function entries(namespace) {
    var store = storage();
    var found = Object.create(null);  // a saved key "dpup.x.__proto__" is an entry, not a prototype
    if (!store) return found;
    keysIn(store, namespace).forEach(function (name) {
      try { found[name.slice(key(namespace, "").length)] = JSON.parse(store.getItem(name)); } catch (error) { /* skip */ }
    });
    return found;
  }

  /* Every entry of a namespace that another tab or window of this site changes (the `storage` event
     fires only there): listener(id, value), with value null when the entry was removed, and id null
     when the other tab emptied the whole storage. */
  function watchAll(namespace, listener) {
    var prefix = key(namespace, "");
    window.addEventListener("storage", function (event) {
      if (event.key === null) { listener(null, null); return; }
      if (event.key.indexOf(prefix) !== 0) return;
      var value = null;
      if (event.newValue !== null) {
        try { value = JSON.parse(event.newValue); } catch (error) { return; }  // half-written: ignore
      }
      listener(event.key.slice(prefix.length), value);
    });
  }

  /* One entry that another tab changed (not removed): listener(value). */
  function watch(namespace, id, listener) {
    watchAll(namespace, function (changed, value) { if (changed === id && value !== null) listener(value); });
  }

  function onFailure(listener) { failureListeners.push(listener); }

  /* Ask the browser not to delete this site's storage when space runs low (it may say no). */
  function persist() {
    if (!navigator.storage || !navigator.storage.persist) return Promise.resolve(false);
    return navigator.storage.persisted().then(function (already) {
      return already || navigator.storage.persist();
    }).catch(function () { return false; });
  }

  /* Offer text as a file without any request: a Blob URL on a temporary link. */
  function download(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var $link = document.createElement("a");
    $link.href = url;
    $link.download = filename;
    document.body.appendChild($link);
    $link.click();
    $link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  DPUP.answerStore = { get: get, set: set, remove: remove, clear: clear, entries: entries, key: key, watch: watch, watchAll: watchAll,
    onFailure: onFailure, persist: persist, download: download };
})(window.DPUP = window.DPUP || {});
