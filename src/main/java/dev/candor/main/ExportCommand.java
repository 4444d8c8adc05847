package dev.candor.main;

import dev.candor.config.ConfigException;
import dev.candor.config.DeclareSettings;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.SeverityScale;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceRecords;
import dev.candor.timeline.TimelineExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code candor export INC-7 --format md|json [--out FILE [--force]]}: an incident's timeline as a file, streamed from the
 * store one entry at a time, so a timeline of any length exports in flat memory.
 */
@Command(name = "export", description = "Write an incident's timeline as Markdown or JSON (to stdout unless --out).")
final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INC-ID", description = "The incident, e.g. INC-42.")
  String incident;

  @Option(names = "--format", paramLabel = "md|json", defaultValue = "md",
      description = "md (Markdown, for people; the default) or json (every field, hashes included).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout; a new file unless "
      + "--force.")
  Path out;

  @Option(names = "--force", description = "With --out: replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<IncidentId> id = IncidentId.parse(incident);
    if (id.isEmpty()) {
      return fail(err, "\"" + incident + "\" is not an incident id such as INC-42");
    }
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("md") && !fmt.equals("markdown") && !fmt.equals("json")) {
      return fail(err, "--format must be md or json, not \"" + format + "\"");
    }
    boolean json = fmt.equals("json");
    if (force && out == null) {
      return fail(err, "--force replaces the file named with --out; there is none");
    }
    SeverityScale scale;
    try {
      scale = DeclareSettings.severitiesIn(System.getenv());
    } catch (ConfigException e) {
      return fail(err, e.getMessage());
    }
    OutputFile file = null;
    if (out != null) {
      try {
        file = OutputFile.claim(out, force);
      } catch (OutputFile.Refused e) {
        return fail(err, e.getMessage());
      }
    }
    try (OfflineStore store = OfflineStore.open(System.getenv())) {
      Optional<Incident> found = store.incidents().byId(id.get());
      if (found.isEmpty()) {
        return fail(err, id.get() + " does not exist in " + store.where());
      }
      warnUnlessIntact(store, id.get(), err);
      return file == null ? toStdout(store, found.get(), json, err, scale)
          : toFile(file, store, found.get(), json, err, scale);
    } catch (OfflineStore.Unavailable e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "cannot read " + id.get() + ": " + OfflineStore.rootMessage(e));
    }
  }

  /** One warning line per problem {@code verify --incident} would report: the export still goes ahead. */
  private static void warnUnlessIntact(OfflineStore store, IncidentId id, PrintWriter err) {
    EvidenceRecords records = store.evidence();
    List<EvidenceAudit.Line> lines = records.consistently(
        () -> store.audit().audit(records, i -> store.timeline().verify(i), Optional.of(id)));
    String prefix = id + ": ";
    for (EvidenceAudit.Line line : lines) {
      if (line.problem()) {
        String problem = line.text().startsWith(prefix) ? line.text().substring(prefix.length()) : line.text();
        err.println("candor: warning: the timeline of " + id + " does not verify: " + problem + " (see candor verify)");
      }
    }
    err.flush();
  }

  /** The export streamed to stdout as UTF-8 bytes (not the console's charset), read one entry at a time. */
  private static int toStdout(OfflineStore store, Incident incident, boolean json, PrintWriter err,
      SeverityScale scale) {
    OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
    try {
      stream(store, incident, json, stdout, scale);
      stdout.flush();
    } catch (IOException | UncheckedIOException e) {
      return fail(err, "could not write to stdout");
    }
    return System.out.checkError() ? fail(err, "could not write to stdout") : Main.OK;
  }

  /** The export written beside {@code --out} and moved into place once whole, so a failure leaves no half file. */
  private static int toFile(OutputFile file, OfflineStore store, Incident incident, boolean json, PrintWriter err,
      SeverityScale scale) {
    try {
      file.write(to -> stream(store, incident, json, to, scale));
      return Main.OK;
    } catch (OutputFile.Refused e) {
      return fail(err, e.getMessage());
    }
  }

  /** One pass over the store in Slack order ({@link dev.candor.timeline.TimelineService#read}), never all of it at once. */
  private static void stream(OfflineStore store, Incident incident, boolean json, OutputStream to,
      SeverityScale scale) throws IOException {
    if (json) {
      TimelineExport.Json writer = new TimelineExport.Json(to, incident);
      store.timeline().read(incident, writer::item);
      writer.finish();
    } else {
      Writer text = new OutputStreamWriter(to, StandardCharsets.UTF_8);
      TimelineExport.Markdown writer = new TimelineExport.Markdown(text, incident, user -> "@" + user, scale);
      store.timeline().read(incident, writer::item);
      writer.finish();
      text.flush();
    }
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
