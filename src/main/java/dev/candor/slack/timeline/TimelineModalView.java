package dev.candor.slack.timeline;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.timeline.EntryWording;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code /incident timeline} modal: phases first, then the entries in Slack order, paged with
 * Previous / Next. Pages are cut by the real size of each rendered entry, so every page stays within
 * Slack's limits (100 blocks, 3,000 characters a section, about 12,000 of text in all) however long
 * the entries and however many. Times use Slack's date formatting, so each reader sees their own
 * zone; every piece of user text is escaped, so nothing in it can ping or mention anyone.
 */
final class TimelineModalView {
  public static final String CALLBACK_ID = "timeline";
  public static final String PREVIOUS = "timeline_prev";
  public static final String NEXT = "timeline_next";

  static final int MAX_BLOCKS = 100;
  static final int MAX_SECTION_TEXT = 3_000;
  static final int MAX_TEXT = 12_000;
  static final int MAX_TITLE = 24;
  /** An entry's words before they are shortened here (the export keeps them whole). */
  static final int MAX_BODY = 1_000;
  /** Short outside text: reasons, emoji and file names. */
  static final int MAX_WORDS = 150;
  /** One entry's whole line, so that it always fits in one section. */
  static final int MAX_ENTRY = 2_000;

  static final String SHORTENED = "… _(shortened here; the export has the whole text)_";
  private static final String CLOSE = "Close";
  private static final String PREVIOUS_TEXT = "Previous";
  private static final String NEXT_TEXT = "Next";
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
  private static final DateTimeFormatter UTC_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter UTC_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private TimelineModalView() {}

  /** Where a reader is: kept in the modal's private_metadata as {@code <incident number>:<page>}. */
  public record Position(IncidentId incident, int page) {
    public String metadata() {
      return incident.value() + ":" + page;
    }

    public static Optional<Position> parse(String metadata) {
      int colon = metadata == null ? -1 : metadata.lastIndexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      try {
        int page = Integer.parseInt(metadata.substring(colon + 1));
        return IncidentId.parse(metadata.substring(0, colon)).map(id -> new Position(id, page));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** Page {@code page} (1-based; clamped to the pages there are) of the timeline modal. */
  public static View page(Incident incident, Timeline timeline, int page) {
    return page(incident, timeline, page, SeverityScale.defaults());
  }

  /** {@link #page}, naming severities as the team's {@code scale} does, in the header and the entries. */
  public static View page(Incident incident, Timeline timeline, int page, SeverityScale scale) {
    String header = header(incident, timeline, scale);
    List<Page> pages = layout(incident, timeline, header, scale);
    return render(incident, header, pages, Math.max(1, Math.min(page, pages.size())), timeline.items().size());
  }

  /** How many pages the timeline takes. */
  public static int pageCount(Incident incident, Timeline timeline) {
    SeverityScale scale = SeverityScale.defaults();
    return layout(incident, timeline, header(incident, timeline, scale), scale).size();
  }

  /** Every page at once, laid out once: what {@link #page} gives one at a time. */
  static List<View> allPages(Incident incident, Timeline timeline) {
    SeverityScale scale = SeverityScale.defaults();
    String header = header(incident, timeline, scale);
    List<Page> pages = layout(incident, timeline, header, scale);
    List<View> views = new ArrayList<>(pages.size());
    for (int number = 1; number <= pages.size(); number++) {
      views.add(render(incident, header, pages, number, timeline.items().size()));
    }
    return views;
  }

  private static View render(Incident incident, String header, List<Page> pages, int number, int total) {
    Page p = pages.get(number - 1);
    List<LayoutBlock> blocks = new ArrayList<>();
    if (number == 1) {
      blocks.add(Mrkdwn.section(header));
      blocks.add(divider());
    }
    if (p.sections().isEmpty()) {
      blocks.add(Mrkdwn.section("Nothing is recorded yet."));
    }
    for (String text : p.sections()) {
      blocks.add(Mrkdwn.section(text));
    }
    String footer = footer(number, pages.size(), p.first(), p.count(), total);
    blocks.add(context(List.of(markdownText(footer))));
    List<BlockElement> buttons = new ArrayList<>(2);
    if (number > 1) {
      buttons.add(button(b -> b.actionId(PREVIOUS).text(plainText(PREVIOUS_TEXT)).value(Integer.toString(number - 1))));
    }
    if (number < pages.size()) {
      buttons.add(button(b -> b.actionId(NEXT).text(plainText(NEXT_TEXT)).value(Integer.toString(number + 1))));
    }
    if (!buttons.isEmpty()) {
      blocks.add(actions(buttons));
    }
    String metadata = new Position(incident.id(), number).metadata();
    return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(metadata)
        .title(viewTitle(t -> t.type("plain_text").text(title(incident))))
        .close(viewClose(t -> t.type("plain_text").text(CLOSE)))
        .blocks(blocks));
  }

  static String title(Incident incident) {
    return Mrkdwn.clip(incident.id() + " timeline", MAX_TITLE);
  }

  /** The entries of one page, packed into section texts; {@code first} is the 0-based index of its first entry. */
  private record Page(int first, int count, List<String> sections) {}

  /**
   * Cuts the entries into pages by their rendered size: each page takes entries while its blocks and
   * its text, counted with everything else on the page, stay within Slack's limits.
   */
  private static List<Page> layout(Incident incident, Timeline timeline, String header, SeverityScale scale) {
    List<Timeline.Item> items = timeline.items();
    int total = items.size();
    // the most any page's fixed parts can take: its title, Close, both buttons and the longest footer
    int fixedText = title(incident).length() + CLOSE.length() + PREVIOUS_TEXT.length() + NEXT_TEXT.length()
        + footer(total, total, total, total, total).length();
    int fixedBlocks = 2; // the footer and the buttons

    List<Page> pages = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    int first = 0;
    int text = fixedText + header.length();
    int blocks = fixedBlocks + 2; // page 1 also has the header and a divider
    for (int i = 0; i < total; i++) {
      String line = line(items.get(i), scale);
      boolean joins = section.length() > 0 && section.length() + 1 + line.length() <= MAX_SECTION_TEXT;
      int cost = joins ? line.length() + 1 : line.length();
      boolean pageHasEntries = i > first;
      if (pageHasEntries && (text + cost > MAX_TEXT || blocks + (joins ? 0 : 1) > MAX_BLOCKS)) {
        sections.add(section.toString());
        pages.add(new Page(first, i - first, List.copyOf(sections)));
        sections.clear();
        section.setLength(0);
        first = i;
        text = fixedText;
        blocks = fixedBlocks;
        joins = false;
        cost = line.length();
      }
      if (!joins && section.length() > 0) {
        sections.add(section.toString());
        section.setLength(0);
      }
      if (!joins) {
        blocks++;
      } else {
        section.append('\n');
      }
      section.append(line);
      text += cost;
    }
    if (section.length() > 0) {
      sections.add(section.toString());
    }
    pages.add(new Page(first, total - first, List.copyOf(sections)));
    return pages;
  }

  private static String header(Incident incident, Timeline timeline, SeverityScale scale) {
    StringBuilder h = new StringBuilder(512);
    h.append('*').append(Mrkdwn.escapeClipped(incident.title(), MAX_WORDS, "…")).append("*\n")
        .append(Mrkdwn.words(scale.level(incident.severity()).name())).append(" · ").append(incident.state().word())
        .append("\n\n*Phases*");
    for (Timeline.Phase p : timeline.phases()) {
      h.append("\n• ").append(date(p.at(), "{date_short_pretty} {time_secs}", UTC_SECONDS)).append(" — ")
          .append(p.summary());
    }
    return h.toString();
  }

  private static String footer(int page, int pages, int first, int count, int total) {
    String range = count == 0 ? "no entries" : "entries " + (first + 1) + "–" + (first + count) + " of " + total;
    return "Page " + page + " of " + pages + " · " + range + " · times in your time zone";
  }

  /** One entry: when, its number, its marks, then what it says. Never longer than {@link #MAX_ENTRY}. */
  static String line(Timeline.Item item) {
    return line(item, SeverityScale.defaults());
  }

  /** {@link #line(Timeline.Item)}, a severity in it named as the team's {@code scale} does. */
  static String line(Timeline.Item item, SeverityScale scale) {
    TimelineEntry e = item.entry();
    boolean reply = e.threadTs() != null && !e.threadTs().equals(e.ts());
    String line = date(e.at(), "{date_short_pretty} {time_secs}", UTC_SECONDS) + " `#" + e.seq() + "` "
        + (item.keyEvent() ? ":pushpin: *key event* " : "") + (reply ? "↳ " : "")
        + EntryWording.describe(item, MRKDWN, scale);
    return line.length() <= MAX_ENTRY ? line : cutOutsideMarkup(line, MAX_ENTRY);
  }

  private static final EntryWording.Format MRKDWN = new EntryWording.Format() {
    @Override
    public String user(String id) {
      return USER_ID.matcher(id).matches() ? Mrkdwn.user(id) : Mrkdwn.escapeClipped(id, 40, "…");
    }

    @Override
    public String body(String text) {
      return Mrkdwn.escapeClipped(text, MAX_BODY, SHORTENED);
    }

    @Override
    public String words(String text) {
      return Mrkdwn.escapeClipped(text, MAX_WORDS, "…");
    }

    @Override
    public String time(Instant at, boolean seconds) {
      return seconds ? date(at, "{time_secs}", HMS) : date(at, "{time}", HM);
    }

    @Override
    public String moment(Instant at) {
      return date(at, "{date_short_pretty} {time}", UTC_MINUTES);
    }
  };

  /** Slack's date formatting: each reader sees their own zone; the fallback is UTC. */
  static String date(Instant at, String tokens, DateTimeFormatter fallback) {
    return "<!date^" + at.getEpochSecond() + "^" + tokens + "|" + fallback.format(at) + ">";
  }


  /** A last resort for a line still too long: cut before any {@code <…>} or {@code &…;} the cut would break. */
  private static String cutOutsideMarkup(String line, int max) {
    int end = max - 1;
    int open = line.lastIndexOf('<', end - 1);
    if (open > line.lastIndexOf('>', end - 1)) {
      end = open;
    }
    int amp = line.lastIndexOf('&', end - 1);
    if (amp >= 0 && line.indexOf(';', amp) >= end) {
      end = amp;
    }
    if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end) + "…";
  }
}
