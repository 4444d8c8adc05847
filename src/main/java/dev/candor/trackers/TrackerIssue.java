package dev.candor.trackers;

import java.util.Objects;

/**
 * A follow-up's issue in a tracker: which tracker ({@code github}), its key there (GitHub: {@code owner/name#12}) and
 * its address for people.
 */
public record TrackerIssue(String tracker, String key, String url) {
  public TrackerIssue {
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(url, "url");
  }
}
