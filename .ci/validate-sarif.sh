#!/usr/bin/env bash
# Validates SARIF files with the SARIF Multitool, using the SARIF and GitHub (Ghas) rule sets.
# Usage: .ci/validate-sarif.sh FILE...
# Prints each error and warning result and exits 1 if there is any; exits 0 otherwise (notes are listed as a count).
# The Multitool exits 0 even when it finds problems, so this script reads its output log instead.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/node"
version="5.7.0"
tool="$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

if [ ! -x "$tool" ]; then
  echo "Installing @microsoft/sarif-multitool-linux@$version into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "@microsoft/sarif-multitool-linux@$version" >&2
  # The package's postinstall (chmod u+x) may be skipped by npm; make sure the binary is executable.
  chmod u+x "$tool"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=0
n=0
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "$file: no such file" >&2
    failed=1
    continue
  fi

  n=$((n + 1))
  out="$work/validation-$n.sarif"
  # Call the native binary directly: the npm bin.js shim runs through a shell and splits "Sarif;Ghas" at ';'.
  if ! "$tool" validate "$file" --rule-kind "Sarif;Ghas" --output "$out" --log ForceOverwrite >"$work/log-$n.txt" 2>&1; then
    cat "$work/log-$n.txt" >&2
  fi

  if [ ! -f "$out" ]; then
    echo "$file: the Multitool wrote no validation log" >&2
    cat "$work/log-$n.txt" >&2
    failed=1
    continue
  fi

  if ! node - "$file" "$out" <<'JS'
const fs = require("fs");
const [file, out] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(out, "utf8").replace(/^\uFEFF/, ""));
const counts = { error: 0, warning: 0, note: 0, none: 0 };
const bad = [];
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  for (const r of run.results || []) {
    // A result without a level has its rule's default level, or "warning" (SARIF 3.27.10).
    const rule = typeof r.ruleIndex === "number" ? rules[r.ruleIndex] : rules.find((x) => x.id === r.ruleId);
    const level = r.level || (rule && rule.defaultConfiguration && rule.defaultConfiguration.level) || "warning";
    counts[level] = (counts[level] || 0) + 1;
    if (level === "error" || level === "warning") {
      bad.push(r);
    }
  }
  for (const inv of run.invocations || []) {
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
      if (n.level === "error") {
        counts.error++;
        bad.push({ ruleId: (n.descriptor && n.descriptor.id) || "notification", level: "error", message: n.message });
      }
    }
  }
}
for (const r of bad) {
  const m = r.message || {};
  const where = (((r.locations || [])[0] || {}).physicalLocation || {}).region;
  const text = m.text || (m.id ? m.id + (m.arguments ? " " + JSON.stringify(m.arguments) : "") : "");
  console.log(`${file}: ${r.level || "warning"} ${r.ruleId}: ${text}${where ? ` (line ${where.startLine})` : ""}`);
}
console.log(`${file}: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.note} note(s)`);
process.exit(bad.length > 0 ? 1 : 0);
JS
  then
    failed=1
  fi
done

exit "$failed"
