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

# Builds the modules and records the job's classpath (compile + provided: Spark, the simulator)
# when the jar is missing or any source, pom or resource is newer than it.
ensure_built() {
  local root=$1 stamp="$1/job/target/classpath.txt"
  if [[ -f $stamp ]] && [[ -z $(find "$root/pom.xml" "$root"/{udf,job,sim}/pom.xml "$root"/{udf,job,sim}/src/main \
        -newer "$stamp" -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  echo "grrm: building (first run or sources changed; the first build downloads Spark and the AWS SDK, about 1.7 GiB)..." >&2
  (cd "$root" && mvn -B -q -DskipTests package dependency:build-classpath \
     -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath.txt) >&2
  # The plugin leaves an unchanged classpath file alone; the stamp must still say "built now",
  # or every later run would build again (and two runs started together would race).
  touch "$stamp"
}

job_classpath() {
  local root=$1
  echo "$root/job/target/classes:$(cat "$root/job/target/classpath.txt")"
}

# The shaded job jar and Spark's own jars (job/target/spark-classpath.txt, written at package time),
# rebuilt when missing or older than any source or pom. Used by submit.sh and local-cluster.sh.
ensure_job_jar() {
  local root=$1 jar
  jar=$(job_jar "$root")
  if [[ -n $jar && -f $root/job/target/spark-classpath.txt ]] && [[ -z $(find "$root/pom.xml" \
        "$root"/{udf,job}/pom.xml "$root"/{udf,job}/src/main -newer "$jar" -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  echo "grrm: building the job jar (mvn -B -q -pl job -am package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q -pl job -am package -DskipTests) >&2
}

job_jar() {
  local root=$1 jars
  shopt -s nullglob
  jars=("$root"/job/target/grrm-job-*-shaded.jar)
  shopt -u nullglob
  ((${#jars[@]})) && printf '%s\n' "${jars[@]}" | sort | tail -n 1
  return 0
}

spark_classpath() {
  cat "$1/job/target/spark-classpath.txt"
}
