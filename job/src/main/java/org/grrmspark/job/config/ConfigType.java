package org.grrmspark.job.config;

/** The value types a configuration key can have. */
public enum ConfigType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** A list of strings; on the command line comma-separated. */
  LIST
}
