package dev.candor.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Slack's event payloads (and history messages) into timeline observations. Pure: JSON in,
 * observations out. Events Candor does not keep give nothing.
 */
public final class EventTranslator {
  /** Message subtypes that say nothing about the incident (joins come as member_joined_channel). */
  private static final Set<String> IGNORED_SUBTYPES = Set.of("channel_join", "channel_leave", "channel_topic",
      "channel_purpose", "channel_name", "group_join", "group_leave", "group_topic", "group_purpose", "group_name",
      "pinned_item", "unpinned_item");

  private final String keyEmoji;
  private final String ownUserId;
  private final String ownBotId;

  /** {@code ownUserId} and {@code ownBotId} identify Candor's own posts, already kept as its actions. */
  public EventTranslator(String keyEmoji, String ownUserId, String ownBotId) {
    this.keyEmoji = keyEmoji;
    this.ownUserId = ownUserId == null ? "" : ownUserId;
    this.ownBotId = ownBotId == null ? "" : ownBotId;
  }

  /** The channel an event happened in, or empty when it has none. */
  public static Optional<String> channelOf(JsonNode event) {
    String channel = text(event, "channel");
    if (channel == null) {
      channel = text(event, "channel_id");
    }
    if (channel == null) {
      channel = text(event.path("item"), "channel");
    }
    return Optional.ofNullable(channel);
  }

  /**
   * Observations from one {@code event_callback} envelope's {@code event}; {@code sentAt} is when Slack says it
   * happened, for an event that carries no {@code event_ts} of its own (a {@code member_joined_channel} may not).
   */
  public List<Observation> fromEvent(String eventId, JsonNode event, Instant sentAt, Instant now) {
    String type = text(event, "type");
    String channel = channelOf(event).orElse(null);
    if (type == null || channel == null) {
      return List.of();
    }
    String eventTs = firstNonNull(text(event, "event_ts"), text(event, "ts"), SlackTs.of(sentAt));
    return switch (type) {
      case "message" -> message(channel, event, Source.EVENT, now);
      case "reaction_added", "reaction_removed" -> {
        if (!keyEmoji.equals(text(event, "reaction"))) {
          yield List.of();
        }
        EntryKind kind = type.equals("reaction_added") ? EntryKind.REACTION_ADDED : EntryKind.REACTION_REMOVED;
        yield List.of(new Observation(ObservationKeys.event(eventId), kind, channel, eventTs, null,
            text(event, "user"), "", text(event.path("item"), "ts"), keyEmoji, Source.EVENT, now));
      }
      case "pin_added", "pin_removed" -> {
        JsonNode item = event.path("item");
        JsonNode pinned = item.path("message");
        String ref = firstNonNull(text(pinned, "ts"), text(item, "ts"), null);
        EntryKind kind = type.equals("pin_added") ? EntryKind.PIN_ADDED : EntryKind.PIN_REMOVED;
        yield List.of(new Observation(ObservationKeys.event(eventId), kind, channel, eventTs, null,
            text(event, "user"), "", ref, "", Source.EVENT, now));
      }
      case "member_joined_channel" -> List.of(new Observation(ObservationKeys.event(eventId), EntryKind.MEMBER_JOINED,
          channel, eventTs, null, text(event, "user"), "", null, firstNonNull(text(event, "inviter"), "", ""),
          Source.EVENT, now));
      default -> List.of();
    };
  }

  /** Observations from an event with no time but its own, as it arrived {@code now}. */
  public List<Observation> fromEvent(String eventId, JsonNode event, Instant now) {
    return fromEvent(eventId, event, now, now);
  }

  /**
   * When the envelope {@code root} says its event happened ({@code event_time}, in seconds), or {@code orElse}
   * when it does not say: never the epoch.
   */
  public static Instant sentAt(JsonNode root, Instant orElse) {
    long seconds = root == null ? 0 : root.path("event_time").asLong(0);
    return seconds > 0 ? Instant.ofEpochSecond(seconds) : orElse;
  }

  /** A message event, or a message read from history ({@code source} BACKFILL). */
  public List<Observation> message(String channel, JsonNode m, Source source, Instant now) {
    String subtype = text(m, "subtype");
    if (subtype != null && IGNORED_SUBTYPES.contains(subtype)) {
      return List.of();
    }
    if ("message_changed".equals(subtype)) {
      return edit(channel, m, now);
    }
    if ("message_deleted".equals(subtype)) {
      String deleted = text(m, "deleted_ts");
      if (deleted == null) {
        return List.of();
      }
      String author = text(m.path("previous_message"), "user");
      return List.of(new Observation(ObservationKeys.deletion(channel, deleted), EntryKind.DELETE, channel,
          firstNonNull(text(m, "event_ts"), text(m, "ts"), deleted), threadOf(m.path("previous_message")),
          author, "", deleted, "", source, now));
    }
    if ("message_replied".equals(subtype)) {
      return List.of();
    }
    String ts = text(m, "ts");
    if (ts == null || isOwn(m)) {
      return List.of();
    }
    String actor = firstNonNull(text(m, "user"), text(m, "bot_id"), text(m, "username"));
    return List.of(new Observation(ObservationKeys.message(channel, ts), EntryKind.MESSAGE, channel, ts, threadOf(m),
        actor, messageText(m), null, botMark(m, detail(m, subtype)), source, now));
  }

  private List<Observation> edit(String channel, JsonNode event, Instant now) {
    JsonNode message = event.path("message");
    JsonNode previous = event.path("previous_message");
    String ts = text(message, "ts");
    if (ts == null || isOwn(message)) {
      return List.of();
    }
    String editTs = text(message.path("edited"), "ts");
    String newText = messageText(message);
    if (editTs == null && newText.equals(messageText(previous))) {
      return List.of(); // a link unfurl or a reply count changed, not the words
    }
    if (editTs == null) {
      editTs = firstNonNull(text(event, "event_ts"), text(event, "ts"), ts);
    }
    String editor = firstNonNull(text(message.path("edited"), "user"), text(message, "user"), text(message, "bot_id"));
    return List.of(new Observation(ObservationKeys.edit(channel, ts, editTs), EntryKind.EDIT, channel, editTs,
        threadOf(message), editor, newText, ts, botMark(message, ""), Source.EVENT, now));
  }

  /** The word that marks an app's or bot's post: evidence, but never judged for blame. */
  public static final String BOT = "bot";

  private static String botMark(JsonNode m, String detail) {
    if (text(m, "bot_id") == null && !"bot_message".equals(text(m, "subtype"))) {
      return detail;
    }
    return detail.isEmpty() ? BOT : detail + " " + BOT;
  }

  /** Whether an entry's detail marks a bot's post. */
  public static boolean isBot(String detail) {
    return detail != null && (detail.equals(BOT) || detail.endsWith(" " + BOT) || detail.startsWith("bot_message"));
  }

  private boolean isOwn(JsonNode m) {
    return (!ownUserId.isEmpty() && ownUserId.equals(text(m, "user")))
        || (!ownBotId.isEmpty() && ownBotId.equals(text(m, "bot_id")));
  }

  private static String threadOf(JsonNode m) {
    String thread = text(m, "thread_ts");
    return thread != null && !thread.equals(text(m, "ts")) ? thread : null;
  }

  private static String messageText(JsonNode m) {
    String text = firstNonNull(text(m, "text"), "", "");
    if (text.isEmpty() && m.path("attachments").isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode a : m.path("attachments")) {
        String part = firstNonNull(text(a, "fallback"), text(a, "text"), text(a, "title"));
        if (part != null) {
          parts.add(part);
        }
      }
      return String.join("\n", parts);
    }
    return text;
  }

  private static String detail(JsonNode m, String subtype) {
    List<String> files = new ArrayList<>();
    for (JsonNode f : m.path("files")) {
      String name = firstNonNull(text(f, "name"), text(f, "title"), text(f, "id"));
      if (name != null) {
        files.add(name);
      }
    }
    String kind = subtype == null ? "" : subtype;
    if (files.isEmpty()) {
      return kind;
    }
    return (kind.isEmpty() ? "" : kind + " ") + "files: " + String.join(", ", files);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static String firstNonNull(String a, String b, String c) {
    return a != null ? a : b != null ? b : c;
  }
}
