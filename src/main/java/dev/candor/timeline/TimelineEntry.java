package dev.candor.timeline;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded entry of an incident's timeline: what was observed (secrets masked), its place in the
 * incident's hash chain ({@code seq}, {@code prevHash}, {@code hash}) and the HMAC of its content, which
 * stays when a redaction takes the content out ({@code text} is then null).
 */
public record TimelineEntry(
    IncidentId incidentId,
    long seq,
    EntryKind kind,
    String key,
    String channelId,
    String ts,
    String threadTs,
    String actor,
    String text,
    String contentMac,
    List<String> secretMacs,
    String refTs,
    String detail,
    Source source,
    Instant recordedAt,
    String prevHash,
    String hash) {

  public TimelineEntry {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(kind, "kind");
    secretMacs = List.copyOf(secretMacs);
  }

  public boolean isRedacted() {
    return text == null;
  }

  /**
   * Whether this entry is words a person wrote (a message or an edit, not a bot's post nor Candor's): the only
   * entries the blame detector judges, wherever they came from.
   */
  public boolean isWordsOfAPerson() {
    return (kind == EntryKind.MESSAGE || kind == EntryKind.EDIT)
        && !EventTranslator.isBot(detail)
        && actor != null && (actor.startsWith("U") || actor.startsWith("W"))
        && text != null && !text.isBlank();
  }

  /** Slack's ts as a sortable instant (the seconds and microseconds Slack gives). */
  public Instant at() {
    return SlackTs.toInstant(ts);
  }
}
