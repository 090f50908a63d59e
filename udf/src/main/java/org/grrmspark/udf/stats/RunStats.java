package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * The run's statistics from one aggregate over the assembled rows (docs/statistics.md): agreement
 * and position bias ({@link RunAgreement}), group figures and request figures. The job renders
 * {@code summary.json}, {@code stats/} and {@code report.html} from it, so none of them runs a
 * Spark action of its own.
 */
public final class RunStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RunAgreement agreement = new RunAgreement();
  private final GroupFigures groups = new GroupFigures();
  private final RequestFigures requests = new RequestFigures();

  public RunStats merge(RunStats o) {
    agreement.merge(o.agreement);
    groups.merge(o.groups);
    requests.merge(o.requests);
    return this;
  }

  public RunAgreement agreement() {
    return agreement;
  }

  public GroupFigures groups() {
    return groups;
  }

  public RequestFigures requests() {
    return requests;
  }
}
