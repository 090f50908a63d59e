package org.grrmspark.job.config;

/** A configuration error; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
