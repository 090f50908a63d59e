package org.grrmspark.job;

/**
 * Every endpoint stayed down for longer than {@code endpoints.fleet_down_s}: the requests still
 * waiting were not sent. Thrown after every output was written, so what finished is kept; the CLI
 * exits 1.
 */
public final class FleetDownException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FleetDownException(String message) {
    super(message);
  }
}
