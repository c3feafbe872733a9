#!/usr/bin/env node
// Checks that every "pattern" in schemas/*.schema.json compiles as an ECMAScript regular expression with the u flag,
// as VS Code's JSON and YAML language services compile them (the tests validate with .NET's regular expressions).
// Usage: node .ci/check-schema-patterns.js [DIR]; exits 1 if a pattern does not compile or none is found.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2] || path.join(__dirname, "..", "schemas");
let count = 0;
let failed = 0;
function walk(node, where) {
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
        if (key === "pattern" && typeof value === "string") {
            count++;
            try {
                new RegExp(value, "u");
            } catch (e) {
                failed++;
                console.log(`${where}: ${value}: ${e.message}`);
            }
        }
        walk(value, `${where}/${key}`);
    }
}
for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".schema.json")).sort()) {
    walk(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")), file);
}
console.log(`${count} pattern(s), ${failed} that do not compile`);
process.exit(failed === 0 && count > 0 ? 0 : 1);
