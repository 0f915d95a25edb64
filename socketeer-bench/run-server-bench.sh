#!/usr/bin/env bash
# Server benchmarks of BENCH_CONTRACT.md, Socketeer's bench app beside the official Node socket.io
# server, in one run: each server is started alone, pinned to CPU 0, with the load generator pinned
# to CPU 1, and every scenario runs against both in turn (and echo also against a bare Netty
# WebSocket server, the bound of the JVM here). The whole sequence is repeated ROUNDS times
# (default 3), so that each figure is the median of runs spread over the session and each ratio
# the median of the ratios of runs made one right after the other: this machine's speed drifts
# between minutes far more than between two neighbouring runs. Writes every raw result to
# socketeer-bench/results/<date>/results.jsonl, prints a Markdown table with the ratios, and draws
# throughput.svg and latency.svg beside the results.
#
#   [ROUNDS=3] socketeer-bench/run-server-bench.sh [seconds] [scenario...]
#
# Scenarios: connect echo broadcast saturation polling idle (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(connect echo broadcast saturation polling idle)
port=3555
rounds=${ROUNDS:-3}

./mvnw -B -q -pl socketeer-bench,socketeer-examples -am package -DskipTests
[ -d interop/node_modules/socket.io ] || (cd interop && npm ci --no-audit --no-fund --loglevel=error)

server_cpu=(); load_cpu=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -gt 1 ]; then
  server_cpu=(taskset -c 0); load_cpu=(taskset -c 1)
fi
jar=socketeer-bench/target/socketeer-benchmarks.jar
out=socketeer-bench/results/$(date -u +%Y-%m-%d)
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"

start_server() { # $1 = ours|node|bare
  case $1 in
    ours) PORT=$port "${server_cpu[@]}" java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar socketeer-examples/target/socketeer-examples.jar bench >/tmp/socketeer-bench-server.log 2>&1 & ;;
    bare) PORT=$port "${server_cpu[@]}" java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$jar" io.socketeer.bench.load.BareEchoServer >/tmp/socketeer-bench-server.log 2>&1 & ;;
    node) (cd interop/bench && PORT=$port exec "${server_cpu[@]}" node reference-server.js >/tmp/socketeer-bench-server.log 2>&1) & ;;
  esac
  server_pid=$!
  for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && { sleep 1; return 0; }
    sleep 0.1
  done
  echo "server $1 did not start" >&2; cat /tmp/socketeer-bench-server.log >&2; return 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null || true
}

run() { # $1 = label of the row, $2 = server, rest = generator arguments
  local label=$1 who=$2; shift 2
  echo "round $round/$rounds: $label against $who" >&2
  start_server "$who"
  local line
  # Arguments given first win (a scenario may set its own --warmup).
  line=$("${load_cpu[@]}" java -Xmx2g -cp "$jar" io.socketeer.bench.load.LoadGenerator "$@" --port $port \
    --seconds "$seconds" --warmup 5 --server-pid "$server_pid" | tail -1)
  stop_server
  echo "{\"label\":\"$label\",\"server\":\"$who\",\"round\":$round,${line#\{}" >>"$results"
}

# Odd rounds run Socketeer first, even rounds last, so that neither side always gets the
# warmer or the cooler minute.
order() { if [ $((round % 2)) -eq 1 ]; then echo "$@"; else echo "$@" | tr ' ' '\n' | tac | xargs; fi; }
for round in $(seq "$rounds"); do
  for s in "${scenarios[@]}"; do
    case $s in
      # Connect warms up longer: a fresh JVM compiles for about 10 s of connections (see LoadGenerator).
      connect) for w in $(order ours node); do run "connect 10,000" $w connect --clients 10000 --warmup 15; done ;;
      echo) for w in $(order ours node bare); do run "echo, 200 clients" $w echo --clients 200; done ;;
      broadcast) for w in $(order ours node); do run "broadcast to 1,001 at 50/s" $w broadcast --clients 1000 --rate 50; done ;;
      saturation) for w in $(order ours node); do run "broadcast to 1,001 at 600/s" $w broadcast --clients 1000 --rate 600; done ;;
      polling) for w in $(order ours node); do run "polling echo, 50 clients" $w polling --clients 50; done ;;
      idle) for w in $(order ours node); do run "idle 19,500" $w idle --clients 19500; done ;;
      *) echo "unknown scenario $s" >&2; exit 2 ;;
    esac
  done
done

echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), Node $(node --version); ${seconds}s per run, $rounds rounds"
echo
java -cp "$jar" io.socketeer.bench.load.BenchReport "$results" "$out"
