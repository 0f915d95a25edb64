#!/usr/bin/env bash
# Codec throughput, Socketeer (JMH) beside the official JavaScript parsers (Node), on the same
# inputs (socketeer-bench/src/main/resources/codec-fixtures.json), one after the other, each pinned
# to the same CPU when taskset is available. Prints a Markdown table with the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -pl socketeer-bench -am package -DskipTests -DskipNpm
[ -d interop/node_modules/socket.io-parser ] || (cd interop && npm ci --no-audit --no-fund --loglevel=error)

pin=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
  pin=(taskset -c 1)
fi

results=socketeer-bench/target/codec-jmh.json
"${pin[@]}" java -jar socketeer-bench/target/socketeer-benchmarks.jar CodecBenchmark \
  -rf json -rff "$results" >socketeer-bench/target/codec-jmh.log
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), Node $(node --version)"
(cd interop && "${pin[@]}" node bench/codec-bench.js \
  ../socketeer-bench/src/main/resources/codec-fixtures.json "../$results")
