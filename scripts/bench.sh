#!/usr/bin/env bash
# Fleet benchmark: starts N simulator processes of known capacity (scripts/sim.sh), scores a generated
# corpus against them with scripts/grrm, and prints the figures issue 3 is judged by:
#   - the simulators' slot utilization over the judging window (busy slot-seconds from every
#     simulator's GET /admin/stats over total slots x the job's judging window),
#   - requests/s against the ideal (total slots / mean service time),
#   - the tail (time from 95% to 100% of requests done, in mean service times),
#   - peak heap of the job's JVM (in local mode driver and executors share it; sampled with jstat),
#   - with --faults, an integrity check: one final row per planned request, none lost or duplicated,
#     every group in judgments/.
#
#   scripts/bench.sh                      # 4 x 64 slots, ~1 s service time, 8000 requests
#   scripts/bench.sh --faults             # same, with endpoint 1 dying at 30% of the run, endpoint 2
#                                         # answering 503 on 5% and dropping 2%, 5% malformed answers
#   scripts/bench.sh --jmh                # the per-request CPU path (JMH, the bench/ module)
#   scripts/bench.sh --e2e                # the whole run end to end: wall time against the judging window,
#                                         # time before the first request and after the last answer, Spark
#                                         # jobs/stages/tasks (Spark's event log), output files, peak heap
#                                         # (jstat, after GC) and Spark's block cache
#   scripts/bench.sh --tenant 48 --set endpoints.load_signal=off
#                                         # another user keeps 48 requests in flight on endpoint 0;
#                                         # compare with the default load_signal=header
#   scripts/bench.sh --budget 40 --second-job 2000 --set endpoints.load_signal=off
#                                         # two executor JVMs sharing the fleet, budgets split as the
#                                         # README's sizing says (1.25 x 64 / 2); the second job ends first
#   options: --requests N --endpoints N --slots N --decode-ms T --budget N (per endpoint, default
#            --slots) --second-job N (another job JVM with N requests, started with this one)
#            --set key=value (job config, repeatable; both jobs) --out DIR
# Needs curl, jq and jstat. Timing figures are noisy on a shared machine: compare ratios within a run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/build.sh"

mode=steady e2e=0 requests=8000 endpoints=4 slots=64 decode_ms=2.0 out="" tenant=0 budget="" sets=() second=0
while (($#)); do
  case $1 in
    --faults) mode=faults ;;
    --jmh) mode=jmh ;;
    --e2e) e2e=1 ;;
    --requests) requests=$2; shift ;;
    --endpoints) endpoints=$2; shift ;;
    --slots) slots=$2; shift ;;
    --decode-ms) decode_ms=$2; shift ;;
    --tenant) tenant=$2; shift ;;
    --budget) budget=$2; shift ;;
    --second-job) second=$2; shift ;;
    --set) sets+=(--set "$2"); shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ $mode == jmh ]]; then
  cd "$ROOT"
  # bench/ holds the benchmarks and is the only module that runs JMH's annotation processor.
  bench=$(build_dir "$ROOT" bench)
  mvn -B -q -Dspotless.check.skip=true -pl bench -am package -DskipTests $(line_profile) dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$bench/classpath.txt" >&2
  exec java -cp "$bench/classes:$(cat "$bench/classpath.txt")" \
    org.openjdk.jmh.Main 'RequestPathBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1
fi

budget=${budget:-$slots}
((e2e)) && out=${out:-$ROOT/target/bench/e2e}
out=${out:-$ROOT/target/bench/$mode}
rm -rf "$out"
mkdir -p "$out"
work="$out/work"
mkdir -p "$work"

# --- corpus: one request per group (4 candidates of similar length, so service times are alike)
corpus="$work/groups.jsonl"
awk -v n="$requests" 'BEGIN {
  srand(7);
  split("the a this every our their some one", det, " ");
  split("train report council river market doctor museum engine garden letter", noun, " ");
  split("arrived closed opened changed crossed reached failed started", verb, " ");
  for (g = 1; g <= n; g++) {
    src = sprintf("%s %s %s near %s %s after %d minutes of waiting in the rain.", det[g%8+1], noun[g%10+1], verb[g%8+1], det[(g*3)%8+1], noun[(g*7)%10+1], g%90+5);
    printf("{\"group_id\": \"bench-%06d\", \"src_lang\": \"en\", \"tgt_lang\": \"de\", \"source\": \"%s\", \"candidates\": [", g, src);
    for (c = 0; c < 4; c++) {
      printf("%s{\"id\": \"sys-%c\", \"text\": \"Kandidat %d fuer Gruppe %d: %s Variante %d.\"}", c ? ", " : "", 97 + c, c, g, src, int(rand() * 1000));
    }
    print "]}";
  }
}' > "$corpus"

# --- simulators
pids=()
urls=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n ${jstat_pid:-} ]] && kill "$jstat_pid" 2>/dev/null || true
  rm -f "${tenant_flag:-/nonexistent}"
}
trap cleanup EXIT

for ((i = 0; i < endpoints; i++)); do
  args=(--port 0 --max-num-seqs "$slots" --decode-ms-per-token "$decode_ms" --seed $((i + 1)))
  if [[ $mode == faults ]]; then
    args+=(--fault-malformed 0.05)
    # Endpoint 1 dies at 30% of the run: see the watcher below (POST /admin/die).
    ((i == 1)) && args+=(--fault-503 0.05 --fault-drop 0.02)
  fi
  "$ROOT/scripts/sim.sh" "${args[@]}" > "$work/sim$i.log" 2>&1 &
  pids+=($!)
done
for ((i = 0; i < endpoints; i++)); do
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim$i.log" | head -1 || true)
    [[ -n $url ]] && break
    sleep 0.2
  done
  [[ -z $url ]] && { echo "bench.sh: simulator $i did not start:" >&2; cat "$work/sim$i.log" >&2; exit 1; }
  urls+=("$url")
done
endpoint_list=$(IFS=,; echo "${urls[*]}")
echo "bench ($mode): $requests requests, $endpoints endpoints x $slots slots: $endpoint_list"

# --- warm-up: real vLLM servers are warm; a cold simulator JVM (JIT) would make the first seconds of
# the run slow for reasons that say nothing about the job. Figures below use stats deltas, so the
# warm-up's own requests are not counted.
warm='{"model":"grrm","messages":[{"role":"user","content":"warm-up"}],"max_tokens":64}'
warm_pids=()
for url in "${urls[@]}"; do
  seq 1 $((slots * 3)) | xargs -P 32 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "$warm" "$url/v1/chat/completions" &
  warm_pids+=($!)
done
wait "${warm_pids[@]}"
stats() { curl -s "$1/admin/stats"; }
before_json="$work/sim-stats-before.json"
for url in "${urls[@]}"; do stats "$url"; echo; done | jq -s . > "$before_json"

# --- another user of endpoint 0: a closed loop of $tenant requests in flight, each like one of ours
if ((tenant > 0)); then
  tenant_flag="$work/tenant.on"
  touch "$tenant_flag"
  # A GRRM prompt of the corpus' shape, so the tenant's requests take as long as ours.
  src="the report closed near the river after 12 minutes of waiting in the rain."
  prompt="Given a source text in English and multiple translation candidates in German. Perform a step by step analysis and comparison of the translation quality for the candidates. Finally, rank and score the candidates with integer scores on a scale from 0 to 10.\n\nSource text:\n\`\`\`\n$src\n\`\`\`\n\n"
  for c in A B C D; do prompt+="Translation $c:\n\`\`\`\nKandidat $c: $src\n\`\`\`\n"; done
  body="{\"model\":\"grrm\",\"messages\":[{\"role\":\"user\",\"content\":\"$prompt\"}],\"max_tokens\":8192,\"temperature\":0}"
  for ((k = 0; k < tenant; k++)); do
    (while [[ -f $tenant_flag ]]; do
      curl -s -o /dev/null -H 'Content-Type: application/json' -d "$body" "${urls[0]}/v1/chat/completions"
    done) &
  done
  sleep 2
  echo "tenant: $tenant requests kept in flight on ${urls[0]}"
fi

# --- a second executor JVM on the same fleet (its own corpus, same settings)
if ((second > 0)); then
  ensure_built "$ROOT"  # once, before two jobs would race to build
  sed -n "1,${second}p" "$corpus" | sed 's/"group_id": "bench-/"group_id": "second-/' > "$work/second.jsonl"
  "$ROOT/scripts/grrm" score --input "$work/second.jsonl" --output "$out/second" --endpoints "$endpoint_list" \
    --set endpoints.max_in_flight="$budget" --set progress.interval_s=3 ${sets[@]+"${sets[@]}"} > "$work/second.log" 2>&1 &
  second_pid=$!
fi

# --- the job, with its JVM's heap sampled every 200 ms
if ((e2e)); then
  ensure_built "$ROOT"  # so the wall time is the run's, not a build's
  # Spark's own event log counts the jobs, stages and tasks (SparkWorkCounter logs the same figures
  # when added as spark.extraListeners; the event log also works for older checkouts).
  mkdir -p "$work/events"
  # The GC log gives the heap after each collection: what the JVM still holds, where jstat's peak
  # also counts garbage a roomy heap has not needed to collect yet.
  job_java_opts="${GRRM_JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$work/events -Dspark.eventLog.compress=false -Dspark.eventLog.rolling.enabled=false -Dspark.eventLog.logBlockUpdates.enabled=true"
fi
set +e
job_start_ms=$(date +%s%3N)
GRRM_JAVA_OPTS="${job_java_opts:-${GRRM_JAVA_OPTS:-}}" "$ROOT/scripts/grrm" score --input "$corpus" --output "$out/run" --endpoints "$endpoint_list" \
  --set endpoints.max_in_flight="$budget" --set progress.interval_s=3 ${sets[@]+"${sets[@]}"} > "$work/job.log" 2>&1 &
job_pid=$!
(
  sleep 1
  jvm=$(pgrep -P "$job_pid" java || echo "$job_pid")
  jstat -gc "$jvm" 200 2>/dev/null | awk 'NR > 1 { u = ($3 + $4 + $6 + $8) / 1024; if (u > m) m = u } { fflush() } END { printf "%.0f\n", m }' > "$work/peak_heap_mb"
) &
jstat_pid=$!
if [[ $mode == faults ]]; then
  # Kill endpoint 1 when 30% of the planned requests have been answered by the fleet.
  (
    base=$(jq '[.[].completed] | add' "$before_json")
    target=$((requests * 3 / 10))
    while kill -0 "$job_pid" 2>/dev/null; do
      done_now=$(for url in "${urls[@]}"; do stats "$url"; echo; done | jq -s '[.[].completed // 0] | add')
      if ((done_now - base >= target)); then
        curl -s -X POST "${urls[0]}/admin/die" > /dev/null
        echo "killed ${urls[0]} at $((done_now - base)) completions ($(date +%T))" > "$work/killed"
        break
      fi
      sleep 0.25
    done
  ) &
fi
wait "$job_pid"
rc=$?
job_end_ms=$(date +%s%3N)
if [[ -n ${second_pid:-} ]]; then
  wait "$second_pid" || rc=1
  jq -r '"second job: \(.requests.planned) requests, judging window \(.throughput.judge_window_s) s, \(.throughput.req_per_s * 10 | round / 10) req/s"' \
    "$out/second/summary.json" 2>/dev/null || echo "second job: no summary; log in $work/second.log"
fi
set -e
[[ -n ${tenant_flag:-} ]] && rm -f "$tenant_flag"
grep -E "judging:|fleet down|ERROR" "$work/job.log" | sed 's/^/  job: /' | tail -n 40 || true

# --- figures
stats_json="$work/sim-stats.json"
for url in "${urls[@]}"; do stats "$url" || echo "{}"; echo; done | jq -s . > "$stats_json"
[[ -f $work/killed ]] && cat "$work/killed"
# The simulators are no longer needed.
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
pids=()
# jstat ends with the JVM it samples.
wait "$jstat_pid" 2>/dev/null || true
jstat_pid=""
summary="$out/run/summary.json"
echo "exit code: $rc"
if [[ ! -f $summary ]]; then
  echo "bench.sh: no summary.json; job log in $work/job.log" >&2
  exit 1
fi

jq -r --slurpfile sims "$stats_json" --slurpfile before "$before_json" --argjson slots "$slots" --argjson eps "$endpoints" '
  ($sims[0]) as $s
  | (($s | map(.busySlotSeconds // 0) | add) - ($before[0] | map(.busySlotSeconds) | add)) as $busy
  | (($s | map(.completed // 0) | add) - ($before[0] | map(.completed) | add)) as $done
  | ($busy / $done) as $svc
  | .throughput.judge_window_s as $win
  | ($eps * $slots) as $total
  | "per-simulator (warm-up excluded): " + ($s | to_entries | map(.key as $k | "#\($k) requests=\(.value.requests - $before[0][$k].requests) completed=\(.value.completed - $before[0][$k].completed) faults=\(.value.faultsInjected - $before[0][$k].faultsInjected) busy_slot_s=\((.value.busySlotSeconds - $before[0][$k].busySlotSeconds) | round)") | join("; ")),
    "mean service time: \($svc * 1000 | round) ms (busy slot-s \($busy * 10 | round / 10) over \($done) completions)",
    "judging window: \($win) s (first request sent to last result)",
    "slot utilization over the window: \(($busy / ($total * $win)) * 1000 | round / 1000)",
    "requests/s: \(.throughput.req_per_s * 10 | round / 10) vs ideal \(($total / $svc) * 10 | round / 10) (ratio \((.throughput.req_per_s / ($total / $svc)) * 1000 | round / 1000))",
    "tail (95% -> 100% done): \(.throughput.tail_95_s) s = \((.throughput.tail_95_s / $svc) * 100 | round / 100) mean service times",
    "requests: planned \(.requests.planned) ok \(.requests.ok) failed \(.requests.failed) retries \(.requests.retries) parse re-asks \(.requests.parse_reasks) hedged \(.requests.hedged)",
    "statuses: \(.parse.by_status | to_entries | map("\(.key)=\(.value)") | join(" "))",
    "groups: total \(.groups.total) scored \(.groups.scored) partial \(.groups.partial) failed \(.groups.failed) rejected \(.groups.rejected)",
    "endpoints: " + (.endpoints | to_entries | map("\(.key) requests=\(.value.requests) ok=\(.value.ok) p50=\(.value.p50_ms) p99=\(.value.p99_ms)") | join("; "))
' "$summary"
echo "peak heap of the job JVM (driver + local executors): $(cat "$work/peak_heap_mb" 2>/dev/null || echo '?') MB"

# --- integrity: every planned request exactly one final row with a status; every group judged
"$ROOT/scripts/grrm" export "$out/run" --table requests --to "$work/requests.jsonl" > /dev/null 2>&1
"$ROOT/scripts/grrm" export "$out/run" --table judgments --to "$work/judgments.jsonl" > /dev/null 2>&1
rows=$(wc -l < "$work/requests.jsonl")
distinct=$(jq -r '"\(.group_id)/\(.request_index)"' "$work/requests.jsonl" | sort -u | wc -l)
no_status=$(jq -r 'select(.status == null or .status == "") | .group_id' "$work/requests.jsonl" | wc -l)
groups=$(jq -r .group_id "$work/judgments.jsonl" | sort -u | wc -l)
expected_groups=$(wc -l < "$corpus")
missing=$(comm -23 <(jq -r .group_id "$corpus" | sort -u) <(jq -r .group_id "$work/requests.jsonl" | sort -u) | wc -l)
echo "integrity: requests rows $rows, distinct $distinct, without status $no_status, groups with no request row $missing; judgments groups $groups of $expected_groups"
if ((e2e)); then
  first=$(jq -s 'map(select(.endpoint != null) | .started_at_ms) | min' "$work/requests.jsonl")
  last=$(jq -s 'map(select(.endpoint != null) | .finished_at_ms) | max' "$work/requests.jsonl")
  files=$(find "$out/run" -path "$out/run/_ledger" -prune -o -type f -name 'part-*' -print | wc -l)
  by_table=$(for t in judgments requests stats rejects; do printf '%s=%s ' "$t" "$(find "$out/run/$t" -name 'part-*' | wc -l)"; done)
  work_line=$(cat "$work"/events/* | jq -r '.Event' | awk '/JobStart$/ { j++ } /StageCompleted$/ { s++ } /TaskEnd$/ { t++ }
    END { printf "spark work: %d jobs, %d stages, %d tasks", j, s, t }')
  awk -v s="$job_start_ms" -v e="$job_end_ms" -v f="$first" -v l="$last" -v w="$(jq .throughput.judge_window_s "$summary")" 'BEGIN {
    wall = (e - s) / 1000; before = (f - s) / 1000; after = (e - l) / 1000;
    printf "e2e: wall %.1f s (JVM start to exit); judging window %.1f s; before the first request %.1f s; after the last answer %.1f s\n", wall, w, before, after;
    printf "e2e: outside the window %.1f s = %.2f x the window\n", wall - w, (wall - w) / w }'
  echo "e2e: $work_line"
  # "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 1024M->256M(4096M) 3.2ms": the value after "->".
  sed -n 's/.*->\([0-9]*\)M(\([0-9]*\)M).*/\1 \2/p' "$work/gc.log" 2>/dev/null | awk '
    { if ($1 > m) m = $1; if ($2 > c) c = $2; n++ }
    END { if (n) printf "e2e: heap after GC: peak %d MB over %d collections (heap size up to %d MB)\n", m, n, c }'
  # Spark's block cache (the run's cached tables) is part of that heap in local mode: the peak of
  # the cached blocks held in memory at once, from the event log's block updates. Spark bounds it
  # (spark.memory.fraction) and keeps what does not fit on disk (MEMORY_AND_DISK).
  cat "$work"/events/* | jq -r 'if .Event == "SparkListenerBlockManagerAdded" then "max \(."Maximum Onheap Memory")"
      elif .Event == "SparkListenerBlockUpdated" then ."Block Updated Info" | "block \(."Block ID") \(."Memory Size")"
      else empty end' | awk '
    $1 == "max" && $2 > max { max = $2 }
    $1 == "block" && $2 ~ /^rdd_/ { held += $3 - size[$2]; size[$2] = $3; if (held > peak) peak = held }
    END { if (max) printf "e2e: Spark block cache (cached tables in memory): peak %d MB; Spark may use %d MB for cache and execution\n", peak / 1048576, max / 1048576 }'
  echo "e2e: output files $files ($by_table) plus summary.json, report.html; ledger waves $(ls "$out/run/_ledger" | grep -c '^wave-')"
fi
if ((rows == distinct && no_status == 0 && missing == 0 && groups == expected_groups)); then
  echo "integrity: OK"
else
  echo "integrity: FAILED"
  rc=1
fi
exit "$rc"
