#!/usr/bin/env bash
# Scores one corpus with two checkouts of grrm-spark against one simulator and compares the outputs
# (judgments/, requests/, stats/, rejects/ row for row; summary.json figures to 1e-12; timings, ids and
# latencies aside): a refactoring must not change a result. Columns and summary figures only the new
# checkout writes (features added since BASE) are listed as added and not compared.
#   scripts/compare-outputs.sh BASE_CHECKOUT CORPUS [--set key=value ...]
#   git worktree add /tmp/base 67edd33 && scripts/compare-outputs.sh /tmp/base data/demo-groups.jsonl
# A corpus whose candidates carry gold_score is judged from its gold (noise 0.7, seed 7, as grrm demo);
# others by the simulator's deterministic judge. Exit 1 when any output differs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=$(cd "$1" && pwd)
corpus=$(realpath "$2")
shift 2
work=${GRRM_COMPARE_OUT:-$ROOT/target/compare}/$(basename "$corpus")
rm -rf "$work" && mkdir -p "$work"

judge=()
if head -1 "$corpus" | grep -q '"gold_score"'; then judge=(--gold "$corpus" --noise 0.7 --seed 7); fi
"$ROOT/scripts/sim.sh" --port 0 --max-num-seqs 256 --decode-ms-per-token 0.05 "${judge[@]}" > "$work/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim.log" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.2
done
[[ -z $url ]] && { echo "compare-outputs.sh: simulator did not start" >&2; cat "$work/sim.log" >&2; exit 1; }

for side in base new; do
  dir=$base
  [[ $side == new ]] && dir=$ROOT
  "$dir/scripts/grrm" score --input "$corpus" --output "$work/$side" --endpoints "$url" \
    --set output.mode=overwrite --set progress.interval_s=0 "$@" > "$work/$side.log" 2>&1 \
    || echo "compare-outputs.sh: $side run exited $? (log $work/$side.log)"
done

cd "$ROOT"
mvn -B -q -Dspotless.check.skip=true -pl job -am test-compile -DskipTests >&2
mvn -B -q -Dspotless.check.skip=true -pl job -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
java $(source scripts/lib/build.sh; spark_jvm_flags) -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "job/target/test-classes:job/target/classes:udf/target/classes:sim/target/classes:$(cat job/target/test-classpath.txt)" \
  org.grrmspark.job.OutputComparison --allow-added "$work/base" "$work/new"
