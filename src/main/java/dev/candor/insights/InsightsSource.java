package dev.candor.insights;

import java.time.Instant;
import java.util.List;

/** Where insights come from: the record of incidents, read only. */
public interface InsightsSource {

  /** Every incident declared at or after {@code from}, oldest first, with what insights read of it. */
  List<IncidentFacts> declaredSince(Instant from);

  /**
   * Whether {@code userId} facilitates learning here: they commanded an incident (an incident's commander is its
   * facilitator until a post-mortem names one) or facilitate a post-mortem.
   */
  boolean facilitates(String userId);
}
