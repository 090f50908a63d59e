#!/usr/bin/env bash
# A real multi-process Spark standalone cluster on loopback, from the Maven-resolved Spark jars:
# one master and two workers, each its own JVM (executors are further JVMs started by the workers).
#   scripts/local-cluster.sh start     # prints what each worker offers, then the master URL (spark://127.0.0.1:PORT)
#   scripts/local-cluster.sh stop
#   scripts/local-cluster.sh status
# GRRM_CLUSTER_DIR (default target/local-cluster) holds the SPARK_HOME (jars/ as symlinks), logs,
# pid files and work dirs; GRRM_WORKERS (2), GRRM_WORKER_CORES (2) and GRRM_WORKER_MEMORY (2g)
# size it. conf/spark-defaults.conf asks for executors that fit these workers (2 cores, 1g + 512m
# overhead), so submit with no sizing options:  scripts/submit.sh --master <url> -- score ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/build.sh"

DIR=${GRRM_CLUSTER_DIR:-$ROOT/target/local-cluster}
WORKERS=${GRRM_WORKERS:-2}
START_TIMEOUT_S=${GRRM_CLUSTER_TIMEOUT_S:-90}

die() { echo "local-cluster: $*" >&2; exit 1; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits until a log file holds a line matching a pattern; fails early when the process died.
wait_for() {
  local log=$1 pattern=$2 pidfile=$3 deadline=$((SECONDS + START_TIMEOUT_S))
  until grep -q -E "$pattern" "$log" 2>/dev/null; do
    alive "$pidfile" || { tail -n 30 "$log" >&2; die "process $(cat "$pidfile") died; log: $log"; }
    ((SECONDS < deadline)) || { tail -n 30 "$log" >&2; die "timed out after ${START_TIMEOUT_S}s waiting for '$pattern' in $log"; }
    sleep 0.3
  done
}

# A SPARK_HOME whose jars/ holds Spark's jars: workers build executor command lines from it.
make_spark_home() {
  local home=$DIR/spark-home jar
  rm -rf "$home/jars"
  mkdir -p "$home/jars" "$home/conf"
  IFS=: read -r -a jars < <(spark_classpath "$ROOT")
  for jar in "${jars[@]}"; do
    ln -sf "$jar" "$home/jars/$(basename "$jar")"
  done
  # Daemons log at INFO (start-up waits for their lines); executors use the job's quiet config.
  sed 's/^rootLogger.level = .*/rootLogger.level = info/' "$ROOT/conf/log4j2.properties" > "$home/conf/log4j2-daemon.properties"
  cp "$ROOT/conf/log4j2.properties" "$home/conf/log4j2.properties"
  echo "$home"
}

start_daemon() {
  local name=$1 home=$2
  shift 2
  # Each daemon in its own process group (setsid), so stop can end it with its executors and nothing else.
  SPARK_HOME=$home SPARK_SCALA_VERSION=$([[ $(spark_line) == spark3.5 ]] && echo 2.12 || echo 2.13) SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$DIR/logs \
    setsid java $(spark_jvm_flags) -Xmx512m -Dlog4j2.configurationFile="file:$home/conf/log4j2-daemon.properties" \
      -cp "$home/jars/*" "$@" > "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
}

start() {
  if alive "$DIR/master.pid"; then
    cat "$DIR/offers" 2>/dev/null || true
    cat "$DIR/master-url"
    return 0
  fi
  ensure_job_jar "$ROOT"
  mkdir -p "$DIR/logs"
  rm -f "$DIR"/*.pid "$DIR/master-url" "$DIR"/logs/*.log
  local home
  home=$(make_spark_home)
  start_daemon master "$home" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "${GRRM_MASTER_PORT:-0}" --webui-port 0
  wait_for "$DIR/logs/master.log" 'Starting Spark master at spark://' "$DIR/master.pid"
  local url
  url=$(grep -o -E 'spark://[0-9.]+:[0-9]+' "$DIR/logs/master.log" | head -n 1)
  wait_for "$DIR/logs/master.log" 'I have been elected leader' "$DIR/master.pid"
  for ((i = 1; i <= WORKERS; i++)); do
    mkdir -p "$DIR/work-$i"
    start_daemon "worker-$i" "$home" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port 0 --webui-port 0 --cores "${GRRM_WORKER_CORES:-2}" \
      --memory "${GRRM_WORKER_MEMORY:-2g}" --work-dir "$DIR/work-$i" "$url"
  done
  for ((i = 1; i <= WORKERS; i++)); do
    wait_for "$DIR/logs/worker-$i.log" 'Successfully registered with master' "$DIR/worker-$i.pid"
  done
  echo "$url" > "$DIR/master-url"
  offers > "$DIR/offers"
  cat "$DIR/offers"
  echo "$url"
}

# One line per registered worker, from the master's JSON (its web UI's /json/): what it offers executors.
offers() {
  local ui
  ui=$( (grep -o -E 'MasterWebUI.*started at http://[^ ]+' "$DIR/logs/master.log" || true) \
    | grep -o -E 'http://[^ ]+' | head -n 1 | sed 's#//localhost:#//127.0.0.1:#')
  echo "master web UI: $ui (JSON: $ui/json/)"
  if command -v curl > /dev/null && command -v python3 > /dev/null && [[ -n $ui ]]; then
    curl -s --max-time 5 "$ui/json/" | python3 -c '
import json, sys
for w in json.load(sys.stdin).get("workers", []):
    print("worker %s: %d cores, %d MiB memory (%s)" % (w["host"] + ":" + str(w["port"]), w["cores"], w["memory"], w["state"]))
' && return 0
  fi
  for ((i = 1; i <= WORKERS; i++)); do
    echo "worker $i: ${GRRM_WORKER_CORES:-2} cores, ${GRRM_WORKER_MEMORY:-2g} memory"
  done
}

stop() {
  local f pid
  shopt -s nullglob
  for f in "$DIR"/worker-*.pid "$DIR"/master.pid; do
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      # The daemon's own process group: the daemon and the executors it started, nothing else.
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  rm -f "$DIR/master-url" "$DIR/offers"
  echo "local-cluster: stopped"
}

status() {
  local f up=0
  shopt -s nullglob
  for f in "$DIR"/master.pid "$DIR"/worker-*.pid; do
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; up=1; fi
  done
  ((up)) && cat "$DIR/master-url" 2>/dev/null || { echo "local-cluster: not running"; return 3; }
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/local-cluster.sh start|stop|status" >&2; exit 2 ;;
esac
