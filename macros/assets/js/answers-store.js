/* Saved answers for the self-check, checklists and templates, in this browser only. Each entry
   is keyed "dpup.<namespace>.<id>" with permanent content ids, so answers survive content updates. */
(function (DPUP) {
  "use strict";

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

  function set(namespace, id, value) {
    var store = storage();
    if (store) store.setItem(key(namespace, id), JSON.stringify(value));
  }

  function remove(namespace, id) {
    var store = storage();
    if (store) store.removeItem(key(namespace, id));
  }

  function clear(namespace) {
    var store = storage();
    if (!store) return;
    var prefix = "dpup." + namespace + ".";
    var doomed = [];
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(prefix) === 0) doomed.push(store.key(i));
    }
    doomed.forEach(function (name) { store.removeItem(name); });
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

  DPUP.answerStore = { get: get, set: set, remove: remove, clear: clear, key: key, download: download };
})(window.DPUP = window.DPUP || {});
