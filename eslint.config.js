// ESLint for the widget scripts. They are classic scripts (not modules) because the offline copy
// and the workshop pack open from file://, where browsers refuse ES modules.
"use strict";
const js = require("@eslint/js");
const jsdoc = require("eslint-plugin-jsdoc");
const globals = require("globals");

// The sources are written for the next reader; the minifier shortens names and drops comments
// for the browser (macros/assets.py), so nothing here costs the site a byte.
const READABLE = {
  // ruff's width for the Python, so one editor ruler serves both; aim for about 80.
  "max-len": ["error", { code: 120, ignoreUrls: true }],
  // A name says what it holds. `i` counts a loop and `_` is a parameter a callback ignores.
  "id-length": ["error", { min: 2, exceptions: ["i", "_"], properties: "never" }],
};

// Every function, class and method the widgets define says what it is for, its parameters and
// what it returns, in JSDoc: what a component exports (its class, DPUP.<component>Core) most of
// all. Types in TypeScript's flavour of JSDoc, as govuk-frontend writes them.
const DOCUMENTED = {
  ...jsdoc.configs["flat/recommended-typescript-flavor-error"].rules,
  "jsdoc/require-jsdoc": ["error", {
    require: { FunctionDeclaration: true, ClassDeclaration: true, MethodDefinition: true },
    checkConstructors: false,
  }],
  "jsdoc/require-param-description": "off",
  "jsdoc/require-returns-description": "off",
  "jsdoc/require-property-description": "off",
  "jsdoc/tag-lines": ["error", "any", { startLines: 1 }],
  // Types name the DOM's and the widgets' own (a @typedef in the same file).
  "jsdoc/no-undefined-types": "off",
};

module.exports = [
  js.configs.recommended,
  {
    files: ["macros/**/*.js"],
    plugins: { jsdoc },
    languageOptions: {
      // ES2022: classes with private fields (#name), as browsers that have Object.hasOwn parse.
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    settings: { jsdoc: { mode: "typescript" } },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "off",
      ...READABLE,
      ...DOCUMENTED,
    },
  },
  {
    // Node tests of the widgets' pure logic: readable lines and names, no JSDoc required.
    files: ["**/*.test.js", "tests/js/**/*.js", "eslint.config.js", ".ci/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { ...READABLE, "jsdoc/require-jsdoc": "off" },
  },
  // overrides/assets holds a third-party shim (Material's iframe-worker, MIT), kept as published.
  {
    ignores: [
      ".dpup/", "overrides/assets/", "node_modules/", "site/", ".venv/", ".site-building/", "build/",
      "tests/fixtures/",
    ],
  },
];
