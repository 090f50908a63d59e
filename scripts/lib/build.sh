# Shared by the scripts: build on demand and the JVM flags Spark needs on Java 17.

# The module flags Spark's launcher adds (docs/design.md §10.2); the same list is in pom.xml.
spark_jvm_flags() {
  local p
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
           java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
           sun.security.action sun.util.calendar; do
    printf -- '--add-opens=java.base/%s=ALL-UNNAMED ' "$p"
  done
  printf -- '--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED '
  printf -- '-XX:+IgnoreUnrecognizedVMOptions -Dio.netty.tryReflectionSetAccessible=true'
}

# The Spark line the scripts build and run: GRRM_SPARK=4 (default) or 3.5 (scripts/grrm --spark 3.5,
# scripts/submit.sh --spark 3.5). Each line builds into its own directory (pom.xml, profile spark-3.5),
# so the two builds never overwrite each other's classes, classpath files or jars.
spark_line() {
  case ${GRRM_SPARK:-4} in
    4) echo spark4 ;;
    3.5) echo spark3.5 ;;
    *) echo "grrm: unknown Spark line '${GRRM_SPARK}' (GRRM_SPARK or --spark: 4 or 3.5)" >&2; return 2 ;;
  esac
}

# A module's build directory for the current line: job/target, or job/target/spark3.5.
build_dir() {
  local root=$1 module=$2 line
  line=$(spark_line) || return
  if [[ $line == spark4 ]]; then echo "$root/$module/target"; else echo "$root/$module/target/$line"; fi
}

# Maven's profile flag for the current line (empty for the default line).
line_profile() {
  local line
  line=$(spark_line) || return
  [[ $line == spark4 ]] || echo "-Pspark-3.5"
}

# Builds the modules scripts/grrm runs and records two classpath files (compile + provided; no test
# jars): the job's (Spark and what the job jar bundles) and the demo module's (the job with the
# simulator, for grrm demo); rebuilt when missing or when any source, pom or resource is newer.
ensure_built() {
  local root=$1 job demo rel
  job=$(build_dir "$root" job) || return
  demo=$(build_dir "$root" demo)
  if [[ -f $job/classpath.txt && -f $demo/classpath.txt ]] && [[ -z $(find "$root/pom.xml" \
        "$root"/{udf,job,sim,demo}/pom.xml "$root"/{udf,job,sim,demo}/src/main -newer "$demo/classpath.txt" \
        -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  echo "grrm: building the $(spark_line) line (first run or sources changed; the first build downloads Spark and the AWS SDK, about 1.7 GiB)..." >&2
  # A relative outputFile is each module's own: <module>/target[/spark3.5]/classpath.txt.
  rel=${demo#"$root/demo/"}
  # includeScope (not mdep.includeScope: the plugin ignores that) keeps junit and the other test jars out.
  (cd "$root" && mvn -B -q -Dspotless.check.skip=true -DskipTests $(line_profile) -pl demo -am package dependency:build-classpath \
     -DincludeScope=compile -Dmdep.outputFile="$rel/classpath.txt") >&2
  # The plugin leaves an unchanged classpath file alone; the stamp must still say "built now",
  # or every later run would build again (and two runs started together would race).
  touch "$job/classpath.txt" "$demo/classpath.txt"
}

# The local runner's classpath: the demo module (its LocalCli is scripts/grrm's main class), the
# job with Spark as the job resolves it, then the rest of the demo's (the simulator); each jar once.
job_classpath() {
  local root=$1 job demo
  job=$(build_dir "$root" job) || return
  demo=$(build_dir "$root" demo)
  printf '%s' "$demo/classes:$job/classes:$(cat "$job/classpath.txt"):$(cat "$demo/classpath.txt")" \
    | tr ':' '\n' | awk 'NF && !seen[$0]++' | paste -sd: -
}

# The shaded job jar and Spark's own jars (spark-classpath.txt in the job's build directory, written
# at package time), rebuilt when missing or older than any source or pom. Used by submit.sh and
# local-cluster.sh.
ensure_job_jar() {
  local root=$1 jar dir
  dir=$(build_dir "$root" job) || return
  jar=$(job_jar "$root")
  if [[ -n $jar && -f $dir/spark-classpath.txt ]] && [[ -z $(find "$root/pom.xml" \
        "$root"/{udf,job}/pom.xml "$root"/{udf,job}/src/main -newer "$jar" -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  echo "grrm: building the $(spark_line) job jar (mvn -B -q -Dspotless.check.skip=true -pl job -am package -DskipTests $(line_profile))..." >&2
  (cd "$root" && mvn -B -q -Dspotless.check.skip=true -pl job -am package -DskipTests $(line_profile)) >&2
}

# grrm-spark-job-<version>-spark4.jar or -spark3.5.jar (job/pom.xml names it by line).
job_jar() {
  local root=$1 jars dir line
  dir=$(build_dir "$root" job) || return
  line=$(spark_line)
  shopt -s nullglob
  jars=("$dir"/grrm-spark-job-*-"$line".jar)
  shopt -u nullglob
  ((${#jars[@]})) && printf '%s\n' "${jars[@]}" | sort | tail -n 1
  return 0
}

spark_classpath() {
  local dir
  dir=$(build_dir "$1" job) || return
  cat "$dir/spark-classpath.txt"
}
