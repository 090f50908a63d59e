#!/usr/bin/env bash
# Times `scripts/grrm demo` of two checkouts side by side, alternating A B A B ... so both see the same
# machine load, and prints every run, each side's median and the ratio A/B. Wall times on a shared
# machine are noisy; only the ratio within one run of this script is a figure.
#   scripts/compare-wall.sh BASE_CHECKOUT [NEW_CHECKOUT] [RUNS]      # RUNS per side, default 5
#   git worktree add /tmp/base 67edd33 && scripts/compare-wall.sh /tmp/base . 5
# GRRM_JAVA_OPTS_A / GRRM_JAVA_OPTS_B: extra JVM options for one side (passed as GRRM_JAVA_OPTS).
# Both checkouts are built before the first timed run, so no run times a build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
a=$(cd "${1:?compare-wall.sh: BASE_CHECKOUT needed}" && pwd)
b=$(cd "${2:-$ROOT}" && pwd)
runs=${3:-5}
work=${GRRM_COMPARE_OUT:-$ROOT/target/compare-wall}
rm -rf "$work" && mkdir -p "$work"

for dir in "$a" "$b"; do "$dir/scripts/grrm" --help > /dev/null; done

declare -A times=([A]="" [B]="")
for i in $(seq 1 "$runs"); do
  for side in A B; do
    dir=$a opts=${GRRM_JAVA_OPTS_A:-}
    [[ $side == B ]] && dir=$b opts=${GRRM_JAVA_OPTS_B:-}
    start=$(date +%s.%N)
    GRRM_JAVA_OPTS=$opts "$dir/scripts/grrm" demo --output "$work/$side-$i" > "$work/$side-$i.log" 2>&1 \
      || { echo "compare-wall.sh: $side run $i failed (log $work/$side-$i.log)" >&2; exit 1; }
    s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
    times[$side]+="$s "
    printf '%s run %d: %.1f s (load %s)\n' "$side" "$i" "$s" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
ma=$(median "${times[A]}") mb=$(median "${times[B]}")
printf 'A %s%s: median %.1f s\nB %s%s: median %.1f s\nA/B = %.2f\n' \
  "$a" "${GRRM_JAVA_OPTS_A:+ ($GRRM_JAVA_OPTS_A)}" "$ma" "$b" "${GRRM_JAVA_OPTS_B:+ ($GRRM_JAVA_OPTS_B)}" "$mb" \
  "$(awk -v a="$ma" -v b="$mb" 'BEGIN {print a / b}')"
