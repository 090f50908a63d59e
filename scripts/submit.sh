#!/usr/bin/env bash
# spark-submit for the grrm job: scripts/submit.sh [spark-submit options...] -- <command> [args...]
# Run with --help for examples. Builds the job jar (job/target/grrm-spark-job-*-spark4.jar) on first use.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/build.sh"

usage() {
  cat <<USAGE
usage: scripts/submit.sh [--spark 4|3.5] [spark-submit options...] -- <grrm command> [arguments...]

Submits the shaded job jar (job/target/grrm-spark-job-*-spark4.jar, or with --spark 3.5
job/target/spark3.5/grrm-spark-job-*-spark3.5.jar; main class org.grrmspark.job.GrrmCli) with
spark-submit. Everything before '--' goes to spark-submit, everything after it to the job
(grrm commands: score, export; see 'scripts/grrm --help').

spark-submit is \$SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else Spark's SparkSubmit class
run from the Maven-resolved Spark jars (client mode only; no Spark download needed).
conf/spark-defaults.conf is passed as --properties-file unless you give one (GRRM_SPARK_DEFAULTS=FILE
chooses another, GRRM_SPARK_DEFAULTS=none none); conf/log4j2.properties configures the driver's
logging (GRRM_LOG4J2=FILE for another). GRRM_DRIVER_MEMORY (default 2g) sizes the driver without
a Spark distribution.

Examples (from the project root):

  # local Spark against the bundled simulator (start it first: scripts/sim.sh --port 8000 --gold data/demo-groups.jsonl &)
  scripts/submit.sh --master 'local[2]' -- score --input data/demo-groups.jsonl \\
      --output out/submit-local --endpoints http://127.0.0.1:8000 --set output.mode=overwrite

  # a standalone cluster on this machine (scripts/local-cluster.sh start prints the master URL)
  scripts/submit.sh --master spark://127.0.0.1:7077 -- score \\
      --input data/demo-groups.jsonl --output out/submit-cluster --endpoints http://127.0.0.1:8000

  # YARN, 4 executors for 8 vLLM replicas of --max-num-seqs 256: each executor may keep 80 requests
  # in flight per replica, so a replica sees at most 4 x 80 = 320 (1.25 x 256). The key file is
  # shipped with --files (YARN puts it in every container's working directory).
  SPARK_HOME=/opt/spark scripts/submit.sh --master yarn --deploy-mode cluster --num-executors 4 \\
      --files /secure/grrm-api.key \\
      -- score --input hdfs:///data/groups.parquet --output hdfs:///runs/run1 \\
      --endpoints http://gpu1:8000,http://gpu2:8000,...,http://gpu8:8000 \\
      --set endpoints.max_in_flight=80 --set endpoints.api_key_file=grrm-api.key

  # Kubernetes: the key from a Kubernetes secret 'grrm-api' (key 'key'), never on the command line
  SPARK_HOME=/opt/spark scripts/submit.sh --master k8s://https://k8s-api:6443 --deploy-mode cluster \\
      --conf spark.kubernetes.container.image=my-registry/spark:4.1.3-java17 \\
      --conf spark.executor.instances=4 \\
      --conf spark.kubernetes.driver.secretKeyRef.GRRM_API_KEY=grrm-api:key \\
      --conf spark.kubernetes.executor.secretKeyRef.GRRM_API_KEY=grrm-api:key \\
      -- score --input s3a://bucket/groups.parquet --output s3a://bucket/runs/run1 \\
      --endpoints http://grrm-vllm-0.grrm:8000,http://grrm-vllm-1.grrm:8000 --set endpoints.max_in_flight=80
  #   (or mount it: --conf spark.kubernetes.executor.secrets.grrm-api=/etc/grrm
  #                 and --set endpoints.api_key_file=/etc/grrm/key)

In cluster deploy mode the jar must be reachable by the cluster (HDFS, S3, or baked into the image as
local:///opt/grrm/grrm-job.jar: set GRRM_JOB_JAR to that URI).
USAGE
}

spark_opts=()
job_args=()
seen_sep=0
for a in "$@"; do
  if ((seen_sep)); then
    job_args+=("$a")
  elif [[ $a == -- ]]; then
    seen_sep=1
  else
    spark_opts+=("$a")
  fi
done
if ((!seen_sep)); then
  if [[ ${1:-} == -h || ${1:-} == --help || $# -eq 0 ]]; then
    usage
    [[ $# -eq 0 ]] && exit 2 || exit 0
  fi
  echo "submit.sh: put '--' between spark-submit options and the job command (see --help)" >&2
  exit 2
fi
if ((${#job_args[@]} == 0)); then
  echo "submit.sh: no job command after '--' (see --help)" >&2
  exit 2
fi

# --spark 4|3.5 (before '--'): which Spark line's jar and Maven-resolved Spark jars to use.
line_opts=()
for ((i = 0; i < ${#spark_opts[@]}; i++)); do
  case ${spark_opts[i]} in
    --spark) export GRRM_SPARK=${spark_opts[i + 1]:-}; i=$((i + 1)) ;;
    --spark=*) export GRRM_SPARK=${spark_opts[i]#--spark=} ;;
    *) line_opts+=("${spark_opts[i]}") ;;
  esac
done
spark_opts=(${line_opts[@]+"${line_opts[@]}"})
spark_line >/dev/null || exit 2

master=local
deploy_mode=client
has_props=0
for ((i = 0; i < ${#spark_opts[@]}; i++)); do
  case ${spark_opts[i]} in
    --master) master=${spark_opts[i + 1]:-} ;;
    --master=*) master=${spark_opts[i]#--master=} ;;
    --deploy-mode) deploy_mode=${spark_opts[i + 1]:-} ;;
    --deploy-mode=*) deploy_mode=${spark_opts[i]#--deploy-mode=} ;;
    --properties-file|--properties-file=*) has_props=1 ;;
  esac
done

if [[ -z ${GRRM_JOB_JAR:-} || -z ${SPARK_HOME:-} ]]; then
  ensure_job_jar "$ROOT"   # the jar, and the Spark classpath file used without SPARK_HOME
fi
jar=${GRRM_JOB_JAR:-$(job_jar "$ROOT")}

defaults=${GRRM_SPARK_DEFAULTS:-$ROOT/conf/spark-defaults.conf}
prefix=()
if ((!has_props)) && [[ $defaults != none ]]; then
  prefix+=(--properties-file "$defaults")
fi
log4j2=${GRRM_LOG4J2:-$ROOT/conf/log4j2.properties}

# Local runs and a cluster on this machine stay on loopback.
case $master in
  local*|spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} ;;
esac

# Check the job's configuration in a plain JVM first (under a second): spark-submit alone takes
# seconds to start. In cluster deploy mode files named by --conf live on the cluster: the job checks.
if [[ ${GRRM_PREFLIGHT:-1} != 0 && $deploy_mode == client && -f $jar ]]; then
  if [[ -n ${SPARK_HOME:-} ]]; then pre_cp="$jar:$SPARK_HOME/jars/*"; else pre_cp="$jar:$(spark_classpath "$ROOT")"; fi
  # Local paths are checked too unless something may point the default file system elsewhere.
  pre_paths=1
  if [[ -n ${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-} ]] || printf '%s\n' "${spark_opts[@]}" | grep -q 'fs.defaultFS' \
      || { ((!has_props)) && [[ $defaults != none ]] && grep -q 'fs.defaultFS' "$defaults"; } || ((has_props)); then
    pre_paths=0
  fi
  GRRM_PREFLIGHT_PATHS=$pre_paths java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$pre_cp" org.grrmspark.job.Preflight \
    "${job_args[@]}" || exit $?
fi

if [[ -n ${SPARK_HOME:-} ]]; then
  export SPARK_SUBMIT_OPTS="-Dlog4j2.configurationFile=file:$log4j2 ${SPARK_SUBMIT_OPTS:-}"
  exec "$SPARK_HOME/bin/spark-submit" "${prefix[@]}" --class org.grrmspark.job.GrrmCli \
    "${spark_opts[@]}" "$jar" "${job_args[@]}"
fi

exec java $(spark_jvm_flags) -Xmx"${GRRM_DRIVER_MEMORY:-2g}" -Dlog4j2.configurationFile="file:$log4j2" \
  -cp "$(spark_classpath "$ROOT")" org.apache.spark.deploy.SparkSubmit \
  "${prefix[@]}" --class org.grrmspark.job.GrrmCli "${spark_opts[@]}" "$jar" "${job_args[@]}"
