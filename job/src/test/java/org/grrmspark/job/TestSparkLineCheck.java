package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.spark.package$;
import org.junit.jupiter.api.Test;

class TestSparkLineCheck {
  @Test
  void theLineThisBuildTargetsMatchesTheSparkOnTheTestClasspath() {
    assertNull(SparkLineCheck.problem(), "testing on Spark " + package$.MODULE$.SPARK_VERSION());
  }

  @Test
  void versionsOfTheSameLinePass() {
    assertNull(SparkLineCheck.problem("spark4", "2.13", "4.2.0"));
    assertNull(SparkLineCheck.problem("spark4", "2.13", "4.1.3"));
    assertNull(SparkLineCheck.problem("spark3.5", "2.12", "3.5.8"));
  }

  @Test
  void aSpark4JarOnSpark35NamesTheLineItIsBuiltFor() {
    assertEquals(
        "grrm: this job jar is built for the spark4 line (Spark 4.x, Scala 2.13) but runs on Spark 3.5.8;"
            + " use grrm-spark-job-<version>-spark3.5.jar (built with mvn package -Pspark-3.5)",
        SparkLineCheck.problem("spark4", "2.13", "3.5.8"));
  }

  @Test
  void aSpark35JarOnSpark4NamesTheLineItIsBuiltFor() {
    assertEquals(
        "grrm: this job jar is built for the spark3.5 line (Spark 3.5.x, Scala 2.12) but runs on Spark 4.2.0;"
            + " use grrm-spark-job-<version>-spark4.jar (built with mvn package)",
        SparkLineCheck.problem("spark3.5", "2.12", "4.2.0"));
  }

  @Test
  void anUnsupportedLineSaysSo() {
    assertEquals(
        "grrm: this job jar is built for the spark3.5 line (Spark 3.5.x, Scala 2.12) but runs on Spark 3.4.1;"
            + " this Spark line is not supported (README: Platforms)",
        SparkLineCheck.problem("spark3.5", "2.12", "3.4.1"));
  }
}
