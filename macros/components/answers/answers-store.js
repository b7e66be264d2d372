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

  function get(namespace, id) {
    var store = storage();
    if (!store) return null;
    try {
      return JSON.parse(store.getItem(key(namespace, id)));
    } catch (error) {
      return null;
    }
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

  function write(action) {
    var store = storage();
    if (!store) { warn(new Error("no storage")); return false; }
    try {
      action(store);
      return true;
    } catch (error) {
      warn(error);
      return false;
    }
  }

  function set(namespace, id, value) {
    var text = JSON.stringify(value);
    return write(function (store) { store.setItem(key(namespace, id), text); });
  }

  function remove(namespace, id) {
    return write(function (store) { store.removeItem(key(namespace, id)); });
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
    return write(function (store) {
      keysIn(store, namespace).forEach(function (name) { store.removeItem(name); });
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
