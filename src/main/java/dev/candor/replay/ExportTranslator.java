package dev.candor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An exported message as timeline observations. The message itself is read as live history is
 * ({@link EventTranslator#message}: thread replies, bots' alerts, file shares); what an export says only
 * through a message's final state is added here:
 * <ul>
 *   <li>{@code edited}: an EDIT entry at the edit's time, pointing to the message. The export keeps only
 *       the final words, so they stay on the message and the edit records when and by whom, not what was
 *       there before;
 *   <li>{@code pinned_to} this channel: a pin, by someone unknown;
 *   <li>the key emoji in {@code reactions}: one key-event reaction per person who added it;
 *   <li>{@code channel_join} / {@code group_join}: the person joining;
 *   <li>{@code tombstone}: a thread parent deleted before the export, kept so its replies have a parent.
 * </ul>
 * Pins and reactions carry no time in an export; they are placed at the message they mark.
 */
final class ExportTranslator {
  /** The detail of an edit read from an export: only the final words exist, and they are the message's. */
  static final String EDIT_DETAIL = "export: final text kept on the message";
  static final String TOMBSTONE_DETAIL = "thread parent deleted before the export";

  private final EventTranslator messages;
  private final String keyEmoji;

  ExportTranslator(String keyEmoji) {
    this.messages = new EventTranslator(keyEmoji, null, null);
    this.keyEmoji = keyEmoji;
  }

  /** The observations of one exported message of {@code channel}; none for what the timeline does not keep. */
  List<Observation> observe(String channel, JsonNode m, Instant now) {
    String ts = SlackExport.text(m, "ts");
    if (ts == null) {
      return List.of();
    }
    String subtype = SlackExport.text(m, "subtype");
    if ("channel_join".equals(subtype) || "group_join".equals(subtype)) {
      return List.of(new Observation(ObservationKeys.message(channel, ts), EntryKind.MEMBER_JOINED, channel, ts,
          null, SlackExport.text(m, "user"), "", null, SlackExport.text(m, "inviter"), Source.EXPORT, now));
    }
    List<Observation> out = new ArrayList<>(2);
    if ("tombstone".equals(subtype)) {
      String thread = SlackExport.text(m, "thread_ts");
      out.add(new Observation(ObservationKeys.message(channel, ts), EntryKind.MESSAGE, channel, ts,
          thread != null && !thread.equals(ts) ? thread : null, "", "", null, TOMBSTONE_DETAIL, Source.EXPORT, now));
      return out;
    }
    out.addAll(messages.message(channel, m, Source.EXPORT, now));
    if (out.isEmpty()) {
      return out; // a subtype the timeline does not keep (topic, purpose, pin notices…)
    }
    String thread = out.get(0).threadTs();
    JsonNode edited = m.path("edited");
    String editTs = SlackExport.text(edited, "ts");
    if (editTs != null) {
      String editor = SlackExport.text(edited, "user");
      out.add(new Observation(ObservationKeys.edit(channel, ts, editTs), EntryKind.EDIT, channel, editTs, thread,
          editor == null ? out.get(0).actor() : editor, "", ts, EDIT_DETAIL, Source.EXPORT, now));
    }
    for (JsonNode pinnedTo : m.path("pinned_to")) {
      if (channel.equals(pinnedTo.asText())) {
        out.add(new Observation(ObservationKeys.mark(channel, ts, "pin", ""), EntryKind.PIN_ADDED, channel, ts,
            null, "", "", ts, "", Source.EXPORT, now));
      }
    }
    for (JsonNode reaction : m.path("reactions")) {
      if (!keyEmoji.equals(SlackExport.text(reaction, "name"))) {
        continue;
      }
      for (JsonNode user : reaction.path("users")) {
        String who = user.asText();
        out.add(new Observation(ObservationKeys.mark(channel, ts, "reaction", who), EntryKind.REACTION_ADDED, channel,
            ts, null, who, "", ts, keyEmoji, Source.EXPORT, now));
      }
    }
    return out;
  }
}
