#!/usr/bin/env bash
# Server benchmarks of BENCH_CONTRACT.md, Socketeer's bench app beside the official Node socket.io
# server, in one run: each server is started alone, pinned to CPU 0, with the load generator pinned
# to CPU 1, and every scenario runs against both in turn. Prints a Markdown table with the ratios.
#
#   socketeer-bench/run-server-bench.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=3555

./mvnw -B -q -pl socketeer-bench,socketeer-examples -am package -DskipTests
[ -d interop/node_modules/socket.io ] || (cd interop && npm ci --no-audit --no-fund --loglevel=error)

server_cpu=(); load_cpu=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
  server_cpu=(taskset -c 0); load_cpu=(taskset -c 1)
fi
jar=socketeer-bench/target/socketeer-benchmarks.jar

start_server() { # $1 = ours|node
  if [ "$1" = ours ]; then
    PORT=$port "${server_cpu[@]}" java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar socketeer-examples/target/socketeer-examples.jar bench >/tmp/socketeer-bench-server.log 2>&1 &
  else
    (cd interop/bench && PORT=$port exec "${server_cpu[@]}" node reference-server.js >/tmp/socketeer-bench-server.log 2>&1) &
  fi
  server_pid=$!
  for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server $1 did not start" >&2; cat /tmp/socketeer-bench-server.log >&2; return 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null || true
}

run() { # $1 = server, rest = generator arguments
  local who=$1; shift
  start_server "$who"
  "${load_cpu[@]}" java -cp "$jar" io.socketeer.bench.load.LoadGenerator "$@" --port $port --seconds "$seconds" \
    --warmup 5 --server-pid "$server_pid"
  stop_server
}

field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }

echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), Node $(node --version); ${seconds}s per run"
echo
echo "| scenario | Socketeer | Node socket.io | ratio |"
echo "|---|---:|---:|---:|"
ours=$(run ours connect --clients 5000); theirs=$(run node connect --clients 5000)
o=$(field perSecond "$ours"); t=$(field perSecond "$theirs")
echo "| connect 5,000 (full handshake, 256 in flight): connects/s | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $o/$t}") |"
o=$(field rssPerConnectionBytes "$ours"); t=$(field rssPerConnectionBytes "$theirs")
echo "| connect: server RSS growth per connection (bytes; Java heap pre-touched) | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $o/$t}") (lower is better; ours/Node) |"
for scenario in "echo --clients 200" "broadcast --clients 1000 --rate 50"; do
  # shellcheck disable=SC2086
  ours=$(run ours $scenario); theirs=$(run node $scenario)
  name=${scenario%% *}
  o=$(field perSecond "$ours"); t=$(field perSecond "$theirs")
  echo "| $name ($scenario): per second | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $o/$t}") |"
  for p in p50Micros p99Micros p999Micros; do
    o=$(field $p "$ours"); t=$(field $p "$theirs")
    echo "| $name: latency $p | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $t/$o}") (lower is better; Node/ours) |"
  done
done
