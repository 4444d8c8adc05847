package dev.candor.insights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** How long something took across incidents: the middle half (p25 to p75), the median, and the extremes. */
public record Spread(int count, Duration min, Duration p25, Duration median, Duration p75, Duration max) {

  /** The spread of {@code durations}, or empty when there are none. Percentiles interpolate between ranks. */
  public static Optional<Spread> of(Collection<Duration> durations) {
    if (durations.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(durations);
    sorted.sort(null);
    return Optional.of(new Spread(sorted.size(), sorted.get(0), percentile(sorted, 0.25), percentile(sorted, 0.5),
        percentile(sorted, 0.75), sorted.get(sorted.size() - 1)));
  }

  /** The {@code p} quantile of sorted {@code values}, interpolated linearly between the two nearest ranks. */
  static Duration percentile(List<Duration> sorted, double p) {
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    long low = sorted.get(below).toMillis();
    long high = sorted.get(above).toMillis();
    return Duration.ofMillis(Math.round(low + (high - low) * (rank - below)));
  }
}
