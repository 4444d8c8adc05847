package dev.candor.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something seen in an incident channel, before it is masked and chained into the timeline.
 *
 * @param key what makes it one entry however often it arrives (see {@link ObservationKeys})
 * @param ts the Slack timestamp that orders it in the channel ({@code 1700000000.000100})
 * @param threadTs the thread it belongs to, or null
 * @param actor who did it: a user or bot id
 * @param text its words, or empty
 * @param refTs the message it is about (an edit, deletion, reaction or pin), or null
 * @param detail a short qualifier: the emoji, the action, file names
 * @param secretMacs HMACs of secrets taken out of the text before it was observed (a change Candor masked where
 *     it was typed), kept with those the timeline's own masking finds
 */
public record Observation(
    String key,
    EntryKind kind,
    String channelId,
    String ts,
    String threadTs,
    String actor,
    String text,
    String refTs,
    String detail,
    Source source,
    Instant observedAt,
    List<String> secretMacs) {

  public Observation(String key, EntryKind kind, String channelId, String ts, String threadTs, String actor,
      String text, String refTs, String detail, Source source, Instant observedAt) {
    this(key, kind, channelId, ts, threadTs, actor, text, refTs, detail, source, observedAt, List.of());
  }

  public Observation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observedAt, "observedAt");
    actor = actor == null ? "" : actor;
    text = text == null ? "" : text;
    detail = detail == null ? "" : detail;
    secretMacs = secretMacs == null ? List.of() : List.copyOf(secretMacs);
  }
}
