#!/usr/bin/env bash
# The lines download as CSV (UTF-8) and as an Excel workbook, same rows, same run: natively and in
# WASM under node, one process per format so each peak memory is its own. Prints a markdown table.
#   tests/bench/xlsx_bench.sh [sizes] [runs]      (default: 100000,1000000 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${1:-100000,1000000}
runs=${2:-3}
native=build/native/tests/bench/xlsx-bench
wasm=build/wasm/tests/bench/xlsx-bench.js
echo "| world | lines | format | median ms | min ms | median CPU ms | MB | peak MB beyond the data | ratio xlsx/csv (CPU) |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
for lines in ${sizes//,/ }; do
  for world in native wasm; do
    csv_ms=""
    for format in csv xlsx; do
      if [ "$world" = native ]; then
        out=$("$native" --format "$format" --lines "$lines" --runs "$runs")
      else
        out=$(node "$wasm" --format "$format" --lines "$lines" --runs "$runs")
      fi
      IFS=$'\t' read -r _ _ median min cpu mb peak <<< "$out"
      ratio=""
      if [ "$format" = csv ]; then csv_ms=$cpu; else ratio=$(awk "BEGIN{printf \"%.1f\", $cpu/($csv_ms>0?$csv_ms:1)}"); fi
      echo "| $world | $lines | $format | $median | $min | $cpu | $mb | $peak | $ratio |"
    done
  done
done
