package dev.candor.timeline;

/**
 * The keys that make the same thing one entry: a message by (channel, ts) however it arrives; an edit
 * by (channel, ts, edit ts); a deletion by (channel, deleted ts); reactions, pins and joins by their
 * event; Candor's own actions by the incident version they produced.
 */
public final class ObservationKeys {
  private ObservationKeys() {}

  public static String message(String channel, String ts) {
    return "msg:" + channel + ":" + ts;
  }

  public static String edit(String channel, String ts, String editTs) {
    return "edit:" + channel + ":" + ts + ":" + editTs;
  }

  public static String deletion(String channel, String deletedTs) {
    return "del:" + channel + ":" + deletedTs;
  }

  public static String event(String eventId) {
    return "evt:" + eventId;
  }

  /**
   * A pin or a key-event reaction read from a message's final state (a Slack export), where no event
   * names it: by the message, the kind of mark and who made it ({@code ""} when unknown, as for pins).
   */
  public static String mark(String channel, String ts, String kind, String by) {
    return "mark:" + channel + ":" + ts + ":" + kind + ":" + (by == null ? "" : by);
  }

  public static String action(long incidentId, long version) {
    return "act:" + incidentId + ":" + version;
  }

  /** The version of the incident change an entry of key {@code key} records, if it records one. */
  public static java.util.OptionalLong actionVersion(String key) {
    if (key == null || !key.startsWith("act:")) {
      return java.util.OptionalLong.empty();
    }
    try {
      return java.util.OptionalLong.of(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** A follow-up's change: by the follow-up and the version the change made. */
  public static String followUp(long id, long version) {
    return "fu:" + id + ":" + version;
  }

  /** Version {@code version} of follow-up {@code id}. */
  public record FollowUpVersion(long id, long version) {}

  /** The follow-up change an entry of key {@code key} records, if it records one. */
  public static java.util.Optional<FollowUpVersion> followUpVersion(String key) {
    if (key == null || !key.startsWith("fu:")) {
      return java.util.Optional.empty();
    }
    String[] parts = key.split(":", -1);
    if (parts.length != 3) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new FollowUpVersion(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  public static String redaction(long incidentId, long seq) {
    return "red:" + incidentId + ":" + seq;
  }
}
