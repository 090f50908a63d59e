package org.grrmspark.udf.client;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Why the client fails requests without sending them: no endpoint has been healthy for the
 * fleet-down budget ({@link ClientSettings#fleetDownMs()}; docs/design.md §4). The value a client
 * holds while its fleet is down, and the one place that writes and reads its text: that text is all
 * a {@code requests/} row keeps of it (its {@code error} column; the schema has no other field for
 * it), so the driver recognises fleet-down rows with {@link #isFleetDown(String)} and builds its
 * last line from {@link #causeOf(String)}.
 *
 * <p>The text: {@value #PREFIX}{@code : no endpoint healthy for <budget> ms}, then each endpoint
 * with the last failure that counted against its health (at most {@value #ENDPOINTS_SHOWN}
 * endpoints, each cause cut to {@value #CAUSE_CHARS} characters), so the operator sees which
 * address failed and why, then {@value #NOT_SENT}.
 *
 * @param error the whole text a failed request carries as its error, API key redacted
 */
public record FleetDownError(String error) {

  /** How every fleet-down error starts. */
  public static final String PREFIX = "fleet down";

  /** How a fleet-down error ends. */
  static final String NOT_SENT = "; request not sent";

  static final int ENDPOINTS_SHOWN = 4;
  static final int CAUSE_CHARS = 120;

  public FleetDownError {
    Objects.requireNonNull(error, "error");
  }

  /**
   * Describes {@code endpoints} as they are now. Caller holds the client's lock.
   *
   * @param redact removes the API key from the text (a server's error message may echo it)
   */
  static FleetDownError describe(
      long budgetMs, List<EndpointState> endpoints, UnaryOperator<String> redact) {
    StringBuilder sb = new StringBuilder(headline(budgetMs));
    for (int i = 0; i < endpoints.size(); i++) {
      if (i == ENDPOINTS_SHOWN) {
        sb.append("; and ").append(endpoints.size() - i).append(" more endpoints");
        break;
      }
      EndpointState ep = endpoints.get(i);
      sb.append("; ")
          .append(ep.url)
          .append(": ")
          .append(
              ep.lastFailure == null
                  ? "no failure recorded"
                  : ErrorMapper.truncate(ep.lastFailure, CAUSE_CHARS));
    }
    return new FleetDownError(redact.apply(sb.append(NOT_SENT).toString()));
  }

  /**
   * The first words of every fleet-down text, for a check that finds the fleet down before sending.
   */
  public static String headline(long budgetMs) {
    return PREFIX + ": no endpoint healthy for " + budgetMs + " ms";
  }

  /** The text without its closing {@value #NOT_SENT}: the budget and each endpoint's cause. */
  public String cause() {
    return causeOf(error);
  }

  /**
   * Whether a request's error (as stored in its {@code requests/} row) says it failed by a fleet
   * down.
   */
  public static boolean isFleetDown(String error) {
    return error != null && error.startsWith(PREFIX);
  }

  /**
   * {@code error} without the closing {@value #NOT_SENT} of a fleet-down text; any other text as it
   * is.
   */
  public static String causeOf(String error) {
    return error.endsWith(NOT_SENT)
        ? error.substring(0, error.length() - NOT_SENT.length())
        : error;
  }

  /**
   * What a request failed by this fleet down ends with: a connection error that was never retried.
   */
  AttemptOutcome outcome() {
    return new AttemptOutcome(TransportStatus.CONNECTION_ERROR, false, false, 0, error, null, -1);
  }
}
