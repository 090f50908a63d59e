package org.grrmspark.udf.rerank;

import java.io.Serializable;
import org.grrmspark.udf.plan.CombineMethod;

/** What executors need to build {@code best/} and {@code pairs/} rows. */
public record RerankSettings(
    double rewardScale,
    CombineMethod combine,
    PairMode mode,
    double minMargin,
    String promptTemplate)
    implements Serializable {}
