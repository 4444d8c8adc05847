package dev.candor.main;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code candor export INC-7 --format md|json [--out FILE]}: an incident's timeline as a file. */
@Command(name = "export", description = "Write an incident's timeline as Markdown or JSON (to stdout unless --out).")
final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INC-ID", description = "The incident, e.g. INC-42.")
  String incident;

  @Option(names = "--format", paramLabel = "md|json", defaultValue = "md",
      description = "md (Markdown, for people; the default) or json (every field, hashes included).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path out;

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
    String document;
    try (OfflineStore store = OfflineStore.open(System.getenv())) {
      Optional<Incident> found = store.incidents().byId(id.get());
      if (found.isEmpty()) {
        return fail(err, id.get() + " does not exist in " + store.where());
      }
      Timeline timeline = Timeline.of(found.get(), store.timeline().entries(id.get()));
      document = fmt.equals("json") ? TimelineExport.json(timeline) : TimelineExport.markdown(timeline);
      if (store.timeline().verify(id.get()) instanceof HashChain.Broken broken) {
        err.println("candor: warning: the timeline of " + id.get() + " does not verify: " + broken.problem()
            + " (see candor verify)");
        err.flush();
      }
    } catch (OfflineStore.Unavailable e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "cannot read " + id.get() + ": " + OfflineStore.rootMessage(e));
    }
    return write(document, err);
  }

  private Integer write(String document, PrintWriter err) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      // bytes, not the console's charset: the export is UTF-8 wherever it goes
      System.out.write(bytes, 0, bytes.length);
      System.out.flush();
      return System.out.checkError() ? fail(err, "could not write to stdout") : Main.OK;
    }
    try {
      Files.write(out, bytes);
      return Main.OK;
    } catch (IOException e) {
      return fail(err, "cannot write " + out + ": " + OfflineStore.rootMessage(e));
    }
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
