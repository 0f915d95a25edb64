#!/usr/bin/env bash
# Cross-node broadcast benchmark: three Socketeer bench servers on one Redis, beside three Node
# reference servers (socket.io with the official Redis adapter of the same variant) on the same
# Redis, in one run. The load generator spreads its clients over the three nodes; one client asks
# its node to broadcast to everyone, so two thirds of the deliveries cross Redis. Prints a Markdown
# table of deliveries per second and latency, per adapter variant.
#
#   socketeer-bench/run-cluster-bench.sh [seconds] [variants...]     (default: 10 pubsub sharded streams)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
variants=("${@:-pubsub sharded streams}")
read -r -a variants <<<"${variants[*]}"
ports=(3561 3562 3563)
clients=999
rate=50

./mvnw -B -q -pl socketeer-bench,socketeer-examples -am package -DskipTests
[ -d interop/node_modules/socket.io ] || (cd interop && npm ci --no-audit --no-fund --loglevel=error)
jar=socketeer-bench/target/socketeer-benchmarks.jar

redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis_dir=$(mktemp -d)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$redis_dir" >"$redis_dir/log" 2>&1 &
redis_pid=$!
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$redis_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$redis_port") 2>/dev/null && break; sleep 0.1; done

wait_port() {
  for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on $1" >&2; return 1
}

start_cluster() { # $1 = ours|node, $2 = variant
  pids=()
  for port in "${ports[@]}"; do
    if [ "$1" = ours ]; then
      PORT=$port java -Xms256m -Xmx512m -jar socketeer-examples/target/socketeer-examples.jar bench \
        --redis "redis://127.0.0.1:$redis_port" --redis-adapter "$2" >"/tmp/socketeer-cluster-$port.log" 2>&1 &
    else
      (cd interop/bench && PORT=$port REDIS_URL="redis://127.0.0.1:$redis_port" REDIS_ADAPTER=$2 \
        exec node reference-server.js >"/tmp/socketeer-cluster-$port.log" 2>&1) &
    fi
    pids+=($!)
  done
  for port in "${ports[@]}"; do wait_port "$port"; done
  sleep 1 # subscriptions settle
}

stop_cluster() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  pids=()
  redis-cli -p "$redis_port" flushall >/dev/null
}

run() { # $1 = ours|node, $2 = variant
  start_cluster "$1" "$2"
  java -cp "$jar" io.socketeer.bench.load.LoadGenerator broadcast --ports "$(IFS=,; echo "${ports[*]}")" \
    --clients "$clients" --rate "$rate" --seconds "$seconds" --warmup 5
  stop_cluster
}

field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }

echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), Node $(node --version), $(redis-server --version | cut -d' ' -f3); 3 nodes + Redis + load generator on the same machine, unpinned; ${seconds}s per run; load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
echo
echo "| adapter | $((clients + 1)) clients over 3 nodes, $rate broadcasts/s (expected $(((clients + 1) * rate)) deliveries/s) | Socketeer | Node socket.io | ratio |"
echo "|---|---|---:|---:|---:|"
for variant in "${variants[@]}"; do
  ours=$(run ours "$variant"); theirs=$(run node "$variant")
  o=$(field perSecond "$ours"); t=$(field perSecond "$theirs")
  echo "| $variant | deliveries/s | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $o/$t}") |"
  for p in p50Micros p99Micros; do
    o=$(field $p "$ours"); t=$(field $p "$theirs")
    echo "| $variant | latency $p | $o | $t | $(awk "BEGIN{printf \"%.2fx\", $t/$o}") (lower is better; Node/ours) |"
  done
done
