package dev.candor.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Events API envelopes as Slack sends them, for tests. */
public final class SlackEvents {
  private static final AtomicInteger IDS = new AtomicInteger();

  private SlackEvents() {}

  public static String newEventId() {
    return "Ev" + String.format("%08d", IDS.incrementAndGet());
  }

  /** A Slack timestamp in the second of {@code at}, not used before in this run: an event's {@code event_ts}. */
  public static String newTs(Instant at) {
    return String.format("%d.%06d", at.getEpochSecond(), IDS.incrementAndGet() % 1_000_000);
  }

  public static Map<String, Object> envelope(String eventId, Map<String, Object> event) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("token", "deprecated");
    e.put("team_id", FakeSlack.TEAM);
    e.put("api_app_id", "ACANDOR");
    e.put("event", event);
    e.put("type", "event_callback");
    e.put("event_id", eventId);
    e.put("event_time", 1_700_000_000);
    return e;
  }

  public static Map<String, Object> message(String channel, String ts, String user, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("channel", channel);
    m.put("user", user);
    m.put("text", text);
    m.put("ts", ts);
    m.put("event_ts", ts);
    m.put("channel_type", "channel");
    return m;
  }

  public static Map<String, Object> reply(String channel, String ts, String threadTs, String user, String text) {
    Map<String, Object> m = message(channel, ts, user, text);
    m.put("thread_ts", threadTs);
    return m;
  }

  public static Map<String, Object> edit(String channel, String ts, String editTs, String user, String oldText,
      String newText) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("subtype", "message_changed");
    m.put("channel", channel);
    m.put("ts", editTs);
    m.put("event_ts", editTs);
    m.put("message", Map.of("type", "message", "user", user, "text", newText, "ts", ts,
        "edited", Map.of("user", user, "ts", editTs)));
    m.put("previous_message", Map.of("type", "message", "user", user, "text", oldText, "ts", ts));
    return m;
  }

  public static Map<String, Object> deletion(String channel, String deletedTs, String eventTs, String user, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("subtype", "message_deleted");
    m.put("channel", channel);
    m.put("ts", eventTs);
    m.put("event_ts", eventTs);
    m.put("deleted_ts", deletedTs);
    m.put("previous_message", Map.of("type", "message", "user", user, "text", text, "ts", deletedTs));
    return m;
  }

  public static Map<String, Object> reaction(boolean added, String channel, String itemTs, String user, String emoji,
      String eventTs) {
    return Map.of("type", added ? "reaction_added" : "reaction_removed", "user", user, "reaction", emoji,
        "item", Map.of("type", "message", "channel", channel, "ts", itemTs), "item_user", "UALICE",
        "event_ts", eventTs);
  }

  public static Map<String, Object> pin(boolean added, String channel, String itemTs, String user, String eventTs) {
    return Map.of("type", added ? "pin_added" : "pin_removed", "user", user, "channel_id", channel,
        "item", Map.of("type", "message", "channel", channel, "message", Map.of("ts", itemTs, "text", "pinned")),
        "event_ts", eventTs);
  }

  public static Map<String, Object> joined(String channel, String user, String eventTs) {
    return Map.of("type", "member_joined_channel", "user", user, "channel", channel, "channel_type", "C",
        "team", FakeSlack.TEAM, "event_ts", eventTs);
  }

  public static Map<String, Object> left(String channel, String user, String eventTs) {
    return Map.of("type", "member_left_channel", "user", user, "channel", channel, "channel_type", "C",
        "team", FakeSlack.TEAM, "event_ts", eventTs);
  }

  public static Map<String, Object> botMessage(String channel, String ts, String botId, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "message");
    m.put("subtype", "bot_message");
    m.put("channel", channel);
    m.put("bot_id", botId);
    m.put("username", "alertmanager");
    m.put("text", text);
    m.put("ts", ts);
    m.put("event_ts", ts);
    return m;
  }
}
