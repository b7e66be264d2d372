// ESLint for the widget scripts. They are classic scripts (not modules) because the offline copy
// and the workshop pack open from file://, where browsers refuse ES modules.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["macros/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "off",
    },
  },
  {
    // Node tests of the widgets' pure logic.
    files: ["**/*.test.js", "tests/js/**/*.js", "eslint.config.js", ".ci/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  // overrides/assets holds a third-party shim (Material's iframe-worker, MIT), kept as published.
  { ignores: [".dpup/", "overrides/assets/", "node_modules/", "site/", ".venv/", ".site-building/", "build/", "tests/fixtures/"] },
];
