package dev.candor.postmortem;

import dev.candor.incident.SeverityScale;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EntryWording;
import dev.candor.timeline.SlackMarkup;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key events of a timeline as Markdown list items: the messages people marked (pinned, reacted to
 * with the key emoji, "Add to timeline"), notes added by hand, and the changes of state Candor recorded
 * (declared, status, severity, mitigated, resolved, reopened, cancelled). Honest about what happened to
 * each: an edit shows the new words beside the first, a deletion keeps the original, a redaction says
 * why the content is gone.
 */
public final class KeyEvents {
  /** Longer timelines show their first {@value #HEAD} and last {@value #TAIL} lines. */
  static final int HEAD = 30;

  static final int TAIL = 10;
  /** Characters of a message's words shown; the whole is in the export. */
  static final int WORDS = 280;

  /** Candor's actions that change where the incident stands, plus notes written for the record. */
  private static final Set<String> SHOWN_ACTIONS =
      Set.of("DECLARED", "STATUS", "SEVERITY", "MITIGATED", "RESOLVED", "REOPENED", "CANCELLED", "NOTE");

  /** A person as Slack writes them in a command's words: {@code <@U123>} or {@code <@U123|alice>}. */
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,})(?:\\|([^<>|]*))?>");

  private final Names names;
  private final ShownTimes times;
  private final EntryWording.Format format;
  private final SeverityScale scale;

  KeyEvents(Names names, ShownTimes times, SeverityScale scale) {
    this.names = names;
    this.times = times;
    this.format = new Format();
    this.scale = scale;
  }

  /** The items a draft shows, in Slack order. */
  public static List<Timeline.Item> select(Timeline timeline) {
    Set<String> markedMessages = new HashSet<>();
    for (Timeline.Item item : timeline.items()) {
      if (item.keyEvent() && item.entry().kind() == EntryKind.MESSAGE) {
        markedMessages.add(item.entry().channelId() + "/" + item.entry().ts());
      }
    }
    List<Timeline.Item> shown = new ArrayList<>();
    for (Timeline.Item item : timeline.items()) {
      TimelineEntry e = item.entry();
      if (e.kind() == EntryKind.MESSAGE && item.keyEvent()) {
        shown.add(item);
      } else if (e.kind() == EntryKind.ACTION) {
        String action = actionKind(e);
        if (SHOWN_ACTIONS.contains(action)
            || (action.equals("KEY_EVENT") && !markedMessages.contains(e.channelId() + "/" + e.refTs()))) {
          shown.add(item); // a marked message that was never recorded still shows, through its mark
        }
      }
    }
    return shown;
  }

  /** Whether a person marked anything: a message, or a note added by hand. */
  static boolean anyMarkedByPeople(List<Timeline.Item> shown) {
    return shown.stream().anyMatch(i -> i.entry().kind() == EntryKind.MESSAGE
        || actionKind(i.entry()).equals("KEY_EVENT") || actionKind(i.entry()).equals("NOTE"));
  }

  /** One list item per shown event, the middle of a long list left out with a line saying how much. */
  void appendTo(StringBuilder md, Timeline timeline, List<Timeline.Item> shown, String exportHint) {
    Map<Long, Timeline.Item> bySeq = new HashMap<>();
    for (Timeline.Item item : timeline.items()) {
      bySeq.put(item.entry().seq(), item);
    }
    ShownTimes.Sequence clock = times.sequence();
    int left = shown.size() > HEAD + TAIL ? shown.size() - HEAD - TAIL : 0;
    for (int i = 0; i < shown.size(); i++) {
      if (left > 0 && i == HEAD) {
        md.append("- _… ").append(left).append(left == 1 ? " more key event" : " more key events")
            .append(" in between. The whole timeline: ").append(exportHint).append("._\n");
        i += left - 1;
        continue;
      }
      Timeline.Item item = shown.get(i);
      md.append("- **").append(clock.next(item.entry().at())).append("** ").append(line(item, bySeq)).append('\n');
    }
  }

  private String line(Timeline.Item item, Map<Long, Timeline.Item> bySeq) {
    TimelineEntry e = item.entry();
    if (e.kind() == EntryKind.ACTION) {
      boolean fromMessage = actionKind(e).equals("KEY_EVENT");
      return EntryWording.describe(withoutWords(item), format, scale) + colon(words(item, fromMessage));
    }
    StringBuilder line = new StringBuilder(who(e.actor())).append(colon(words(item, true)));
    if (item.edited()) {
      TimelineEntry last = item.edits().get(item.edits().size() - 1);
      Timeline.Item lastItem = bySeq.getOrDefault(last.seq(),
          new Timeline.Item(last, List.of(), Optional.empty(), Optional.empty(), false));
      String now = words(lastItem, true);
      line.append(item.edits().size() == 1 ? " (edited " : " (edited " + item.edits().size() + " times, last ")
          .append(times.clock(last.at(), false)).append(now.isEmpty() ? "" : " to: " + now).append(')');
    }
    item.deletion().ifPresent(d -> line.append(" (deleted ").append(times.clock(d.at(), false))
        .append(", original kept)"));
    return line.toString();
  }

  /** The entry's words as Markdown, or what became of them. */
  private String words(Timeline.Item item, boolean slackText) {
    TimelineEntry e = item.entry();
    if (e.isRedacted()) {
      return item.redaction()
          .map(r -> MarkdownText.escape(r.reason()))
          .map(reason -> reason.isEmpty() ? "\\[redacted\\]" : "\\[redacted: " + reason + "\\]")
          .orElse("\\[content missing, and no redaction recorded\\]");
    }
    return slackText ? SlackMarkup.toMarkdown(e.text(), names::of, WORDS) : commandWords(e.text());
  }

  /**
   * Words typed in a command (a status update, a note), escaped, as Slack sent them: with people as mentions
   * ({@code <@U123>}, {@code <@U123|alice>}), each shown by name as plain text ({@link Names#inWords}), never as
   * a mention nor as raw markup. Cut to {@link #WORDS}, never inside a mention.
   */
  private String commandWords(String text) {
    String line = MarkdownText.oneLine(text);
    String clipped = MarkdownText.clip(line, WORDS);
    if (!clipped.equals(line)) {
      String kept = clipped.substring(0, clipped.length() - 1);
      int open = kept.lastIndexOf("<@");
      if (open >= 0 && kept.indexOf('>', open) < 0) {
        kept = kept.substring(0, open).stripTrailing();
      }
      clipped = kept + "…";
    }
    Matcher m = MENTION.matcher(clipped);
    StringBuilder out = new StringBuilder(clipped.length() + 16);
    int from = 0;
    while (m.find()) {
      out.append(dev.candor.timeline.MarkdownText.escapeLine(clipped.substring(from, m.start()), from == 0));
      out.append(names.inWords(m.group(1), m.group(2)));
      from = m.end();
    }
    out.append(dev.candor.timeline.MarkdownText.escapeLine(clipped.substring(from), from == 0));
    return out.toString();
  }

  private String who(String actor) {
    return actor == null || actor.isBlank() ? "someone" : names.of(actor);
  }

  /** The item with its words taken out, so {@link EntryWording} says only who did what. */
  private static Timeline.Item withoutWords(Timeline.Item item) {
    TimelineEntry e = item.entry();
    TimelineEntry bare = new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(),
        e.threadTs(), e.actor(), "", e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(),
        e.recordedAt(), e.prevHash(), e.hash());
    return new Timeline.Item(bare, List.of(), Optional.empty(), Optional.empty(), item.keyEvent());
  }

  private static String actionKind(TimelineEntry e) {
    String d = e.detail() == null ? "" : e.detail();
    int space = d.indexOf(' ');
    return space < 0 ? d : d.substring(0, space);
  }

  private static String colon(String words) {
    return words.isEmpty() ? "" : ": " + words;
  }

  /** How {@link EntryWording} writes people, times and short words in this document. */
  private final class Format implements EntryWording.Format {
    @Override
    public String user(String id) {
      return names.of(id);
    }

    @Override
    public String body(String text) {
      return MarkdownText.escape(text);
    }

    @Override
    public String words(String text) {
      return MarkdownText.escape(text);
    }

    @Override
    public String time(Instant at, boolean seconds) {
      return times.clock(at, seconds);
    }

    @Override
    public String moment(Instant at) {
      return times.dateTime(at) + " " + times.zoneName();
    }
  }
}
