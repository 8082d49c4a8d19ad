#!/usr/bin/env bash
# Builds and lints every .bicep and .bicepparam file under infra/ with the real Bicep compiler.
# Fails on any error or warning (the compiler exits 0 on warnings, so its diagnostics output is checked too).
# Compiled ARM JSON goes to .tools/bicep-out/ (templates/ and parameters/, e.g. .tools/bicep-out/templates/bicep/main.json).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep="$(node "$root/scripts/installBicep.mjs")"
out="$root/.tools/bicep-out"
diagnostics="$(mktemp)"
trap 'rm -f "$diagnostics"' EXIT
cd "$root"
rm -rf "$out"
mkdir -p "$out"

status=0
"$bicep" build --pattern 'infra/**/*.bicep' --outdir "$out/templates" 2>>"$diagnostics" || status=$?
"$bicep" build-params --pattern 'infra/**/*.bicepparam' --outdir "$out/parameters" 2>>"$diagnostics" || status=$?
"$bicep" lint --pattern 'infra/**/*.bicep' 2>>"$diagnostics" || status=$?
"$bicep" lint --pattern 'infra/**/*.bicepparam' 2>>"$diagnostics" || status=$?

count="$(find infra -name '*.bicep' -o -name '*.bicepparam' | wc -l)"
if [[ $status -ne 0 || -s "$diagnostics" ]]; then
    sort -u "$diagnostics" >&2
    echo "bicep: errors or warnings in infra/ ($count files checked)" >&2
    exit 1
fi
echo "bicep: $count files built and linted with no errors or warnings"
