// Runs the toolkit's classic widget scripts under Node, for the pure-logic tests that sit beside
// each component (macros/components/<name>/<name>.test.js). The scripts are plain browser
// scripts (no modules: the offline copy opens from file://), so each test gets a fresh `vm`
// context with a `window` and, where a test needs them, stand-ins for browser objects.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const MACROS = path.join(__dirname, "..", "..", "macros");

// 'answers-core.js' -> its file, in a component folder or in macros/assets/js/; or, when
// DPUP_SCRIPTS_DIR names a folder, the file there (the scripts as minified for the site).
function sourceOf(name) {
  if (process.env.DPUP_SCRIPTS_DIR) return path.join(process.env.DPUP_SCRIPTS_DIR, name);
  const components = path.join(MACROS, "components");
  for (const folder of fs.readdirSync(components)) {
    const candidate = path.join(components, folder, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  const shared = path.join(MACROS, "assets", "js", name);
  if (fs.existsSync(shared)) return shared;
  throw new Error("no toolkit script called " + name);
}

// load(["answers-core.js"], {localStorage: ...}) -> the DPUP namespace the scripts filled in.
function load(names, globals = {}) {
  const window = { ...globals };
  window.window = window;
  const context = vm.createContext(window);
  for (const name of names) {
    const file = sourceOf(name);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }
  return window.DPUP;
}

// A localStorage stand-in: a Map, with a switch to make writes fail as a full or private store does.
function memoryStorage() {
  const items = new Map();
  return {
    failWrites: false,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem(key, value) {
      if (this.failWrites) throw new Error("QuotaExceededError");
      items.set(key, String(value));
    },
    removeItem: (key) => items.delete(key),
    key: (index) => Array.from(items.keys())[index] ?? null,
    get length() { return items.size; },
  };
}

// Values made in the scripts' context have that context's Array and Object prototypes, which
// assert.deepStrictEqual tells apart from this one's: compare plain copies.
const plain = (value) => JSON.parse(JSON.stringify(value));

module.exports = { load, memoryStorage, plain, sourceOf };
