package dev.candor.timeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.Incident;
import dev.candor.incident.Role;
import dev.candor.incident.SeverityScale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * A timeline as a file: Markdown for people (times in UTC; Slack's markup read, mentions as names, every
 * word people wrote escaped), JSON for scripts (the text as stored, which the hash chain covers), carrying every field of
 * every entry — {@code seq}, {@code prevHash} and {@code hash} included — so the export can be checked
 * against the chain later. Pure.
 */
public final class TimelineExport {
  /** The JSON's {@code format}; a change to its shape gets a new one. */
  public static final String JSON_FORMAT = "candor.timeline.v1";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TimelineExport() {}

  /**
   * {@code # INC-7: title}, the phases, then one list item per entry under a heading for each UTC day:
   * its time, its number in the chain ({@code #17}, which {@code /incident redact} takes), who, and what.
   */
  public static String markdown(Timeline timeline) {
    StringBuilder md = new StringBuilder(4096 + timeline.items().size() * 96);
    Markdown writer = new Markdown(md, timeline.incident(), TimelineExport::userId);
    timeline.items().forEach(writer::item);
    writer.finish();
    return md.toString();
  }

  private static String userId(String id) {
    return "@" + id;
  }

  /**
   * The Markdown export written as it goes, one item at a time ({@link TimelineService#read}), so a
   * timeline of any length streams to a file; {@code people} writes a user id as the reader should see it
   * ({@code @U0ALICE} in {@link #markdown(Timeline)}, a name where names are known).
   */
  public static final class Markdown {
    private final Appendable md;
    private final EntryWording.Format format;
    private final SeverityScale scale;
    private LocalDate day;
    private long items;

    public Markdown(Appendable out, Incident incident, Function<String, String> people) {
      this(out, incident, people, SeverityScale.defaults());
    }

    /** As above, naming severities as the team's {@code scale} does ({@code P1 (critical)}), in entries too. */
    public Markdown(Appendable out, Incident incident, Function<String, String> people, SeverityScale scale) {
      this.md = out;
      this.format = markdownFormat(people);
      this.scale = scale;
      write("# " + incident.id() + ": " + MarkdownText.escape(incident.title()) + "\n\n");
      write(MarkdownText.escape(scale.label(incident.severity())) + " · " + incident.state().word());
      incident.roles().holder(Role.COMMANDER).ifPresent(c -> write(" · commander " + format.user(c)));
      if (incident.channelName() != null && !incident.channelName().isBlank()) {
        write(" · #" + MarkdownText.escape(incident.channelName()));
      }
      write("\n\n");
      List<String> summary = incident.summary().lines().map(MarkdownText::oneLine).filter(l -> !l.isEmpty())
          .map(l -> MarkdownText.escapeLine(l, true)).toList();
      if (!summary.isEmpty()) {
        write(String.join("\n", summary) + "\n\n");
      }
      write("Times are UTC.\n\n## Phases\n\n");
      for (Timeline.Phase p : Timeline.phases(incident)) {
        write("- " + DAY.format(p.at()) + ' ' + HMS.format(p.at()) + " — " + p.summary() + '\n');
      }
      write("\n## Timeline\n");
    }

    /** The next item, in Slack order. */
    public void item(Timeline.Item item) {
      LocalDate itemDay = LocalDate.ofInstant(item.entry().at(), ZoneOffset.UTC);
      if (!itemDay.equals(day)) {
        write("\n### " + DAY.format(item.entry().at()) + "\n\n");
        day = itemDay;
      }
      write("- " + HMS.format(item.entry().at()) + " #" + item.entry().seq() + ' ' + marks(item, "📌 ")
          + EntryWording.describe(item, format, scale).replace(" \n", "\n").stripTrailing() + '\n');
      items++;
    }

    /** Ends the document. */
    public void finish() {
      if (items == 0) {
        write("\nNothing was recorded.\n");
      }
    }

    private void write(CharSequence text) {
      try {
        md.append(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The markers before an entry: a key event, a reply in a thread. */
  static String marks(Timeline.Item item, String keyMark) {
    TimelineEntry e = item.entry();
    boolean reply = e.threadTs() != null && !e.threadTs().equals(e.ts());
    return (item.keyEvent() ? keyMark : "") + (reply ? "↳ " : "");
  }

  /**
   * People as {@code people} names them and their words as {@link SlackMarkup} renders Slack's text, all
   * escaped: nothing in a message can format the document, and mentions read as names.
   */
  private static EntryWording.Format markdownFormat(Function<String, String> people) {
    Function<String, String> person = id -> MarkdownText.escape(people.apply(id));
    return new EntryWording.Format() {
      @Override
      public String user(String id) {
        return person.apply(id);
      }

      @Override
      public String body(String text) {
        List<String> lines = SlackMarkup.toMarkdownLines(text, person);
        if (lines.isEmpty()) {
          return "";
        }
        // continuation lines stay inside the entry's list item; a code fence stands on a line of its own,
        // and so does whatever the entry says after one (a closing fence takes no words after it)
        String body = String.join("\n  ", lines);
        boolean opensWithCode = lines.get(0).startsWith("```");
        boolean endsWithCode = lines.size() > 1 && lines.get(lines.size() - 1).startsWith("```");
        return (opensWithCode ? "\n  " : "") + body + (endsWithCode ? "\n  " : "");
      }

      @Override
      public String words(String text) {
        return MarkdownText.escape(text);
      }

      @Override
      public String time(Instant at, boolean seconds) {
        return (seconds ? HMS : HM).format(at);
      }

      @Override
      public String moment(Instant at) {
        return DAY.format(at) + " " + HM.format(at) + " UTC";
      }
    };
  }

  /** The incident, its phases, and every entry with every field, in the view's order (Slack's). */
  public static String json(Timeline timeline) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + timeline.items().size() * 640);
    Json writer = new Json(out, timeline.incident());
    timeline.items().forEach(writer::item);
    writer.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The JSON export written as it goes, one entry at a time ({@link TimelineService#read}), in UTF-8. */
  public static final class Json {
    private final JsonGenerator json;

    public Json(OutputStream out, Incident incident) {
      try {
        json = JSON.createGenerator(out, JsonEncoding.UTF8)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .setPrettyPrinter(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
        json.writeStartObject();
        json.writeStringField("format", JSON_FORMAT);
        json.writeFieldName("incident");
        json.writeTree(incident(incident));
        ArrayNode phases = JSON.createArrayNode();
        for (Timeline.Phase p : Timeline.phases(incident)) {
          phases.addObject()
              .put("phase", p.name().word())
              .put("at", p.at().toString())
              .put("afterStartSeconds", p.sinceStart().getSeconds())
              .put("summary", p.summary());
        }
        json.writeFieldName("phases");
        json.writeTree(phases);
        json.writeArrayFieldStart("entries");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The next entry, in Slack order. */
    public void item(Timeline.Item item) {
      try {
        entry(json, item);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Ends the document (and its last line). */
    public void finish() {
      try {
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static ObjectNode incident(Incident i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", i.id().toString());
    n.put("number", i.id().value());
    n.put("title", i.title());
    n.put("summary", i.summary());
    n.put("severity", i.severity().name());
    n.put("state", i.state().name());
    n.put("channelId", i.channelId());
    n.put("channelName", i.channelName());
    n.put("private", i.privateChannel());
    n.put("declaredBy", i.declaredBy());
    n.put("originChannelId", i.originChannelId());
    ObjectNode roles = n.putObject("roles");
    roles.put("commander", i.roles().commander());
    roles.put("comms", i.roles().comms());
    roles.put("scribe", i.roles().scribe());
    ObjectNode times = n.putObject("times");
    Incident.Times t = i.times();
    times.put("started", iso(t.started()));
    times.put("declared", iso(t.declared()));
    times.put("mitigated", iso(t.mitigated()));
    times.put("resolved", iso(t.resolved()));
    times.put("closed", iso(t.closed()));
    n.put("version", i.version());
    return n;
  }

  /** Every field of an entry, then what the view knows about it, written as it goes. */
  private static void entry(JsonGenerator g, Timeline.Item item) throws IOException {
    TimelineEntry e = item.entry();
    g.writeStartObject();
    g.writeNumberField("seq", e.seq());
    g.writeStringField("kind", e.kind().name());
    g.writeStringField("key", e.key());
    g.writeStringField("channelId", e.channelId());
    g.writeStringField("ts", e.ts());
    g.writeStringField("at", iso(e.at()));
    g.writeStringField("threadTs", e.threadTs());
    g.writeStringField("actor", e.actor());
    g.writeStringField("text", e.text());
    g.writeStringField("contentMac", e.contentMac());
    g.writeArrayFieldStart("secretMacs");
    for (String mac : e.secretMacs()) {
      g.writeString(mac);
    }
    g.writeEndArray();
    g.writeStringField("refTs", e.refTs());
    g.writeStringField("detail", e.detail());
    g.writeStringField("source", e.source().name());
    g.writeStringField("recordedAt", iso(e.recordedAt()));
    g.writeStringField("prevHash", e.prevHash());
    g.writeStringField("hash", e.hash());
    // what the view knows about it, for readers; not part of the chain
    g.writeBooleanField("keyEvent", item.keyEvent());
    g.writeArrayFieldStart("editedBy");
    for (TimelineEntry edit : item.edits()) {
      g.writeNumber(edit.seq());
    }
    g.writeEndArray();
    if (item.deletion().isPresent()) {
      g.writeNumberField("deletedBy", item.deletion().get().seq());
    } else {
      g.writeNullField("deletedBy");
    }
    if (item.redaction().isPresent()) {
      Timeline.Redaction r = item.redaction().get();
      g.writeObjectFieldStart("redaction");
      g.writeNumberField("seq", r.seq());
      g.writeStringField("by", r.by());
      g.writeStringField("at", iso(r.at()));
      g.writeStringField("reason", r.reason());
      g.writeEndObject();
    } else {
      g.writeNullField("redaction");
    }
    g.writeEndObject();
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
