#!/usr/bin/env bash
# Start grrm-sim, the vLLM-compatible GRRM endpoint simulator (sim/README.md), in the foreground.
#   scripts/sim.sh --help
#   scripts/sim.sh --port 8000 --gold data/demo-groups.jsonl
# Builds sim/target/grrm-sim-*-all.jar with Maven when it is missing or older than the sim's sources
# or poms. Works from any directory. JAVA and SIM_JAVA_OPTS choose the JVM and its options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_jar() {
  local jars
  shopt -s nullglob
  jars=("$root"/sim/target/grrm-sim-*-all.jar)
  shopt -u nullglob
  if ((${#jars[@]})); then
    printf '%s\n' "${jars[@]}" | sort | tail -n 1
  fi
}

jar="$(find_jar)"
if [[ -z "$jar" ]] || [[ -n "$(find "$root/pom.xml" "$root/sim/pom.xml" "$root/sim/src/main" \
      -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "sim.sh: building the simulator jar (mvn -B -q -Dspotless.check.skip=true -pl sim -am package -DskipTests)" >&2
  (cd "$root" && mvn -B -q -Dspotless.check.skip=true -pl sim -am package -DskipTests) >&2
  jar="$(find_jar)"
  if [[ -z "$jar" ]]; then
    echo "sim.sh: the build produced no sim/target/grrm-sim-*-all.jar" >&2
    exit 1
  fi
fi

exec "${JAVA:-java}" ${SIM_JAVA_OPTS:-} -jar "$jar" "$@"
