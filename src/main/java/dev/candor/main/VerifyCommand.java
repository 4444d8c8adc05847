package dev.candor.main;

import dev.candor.incident.IncidentId;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.EvidenceRecords;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code candor verify [--incident INC-7]}: recomputes each incident's hash chain, and checks it against the
 * incident's head (nothing cut off its end), the incident's row and the order columns against what Candor sealed,
 * and every head against the ledger (no incident removed whole, no entries left without their incident). Exit 0
 * when everything holds, 1 with one line per problem, 2 when the store cannot be read.
 */
@Command(name = "verify",
    description = "Check that no timeline entry was altered, removed or reordered, no timeline cut short, no incident "
        + "row edited and no incident removed: exit 0 when everything holds, 1 with a line per problem.")
final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--incident", paramLabel = "INC-ID", description = "Check only this incident, e.g. INC-42.")
  String incident;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<IncidentId> only = Optional.empty();
    if (incident != null) {
      only = IncidentId.parse(incident);
      if (only.isEmpty()) {
        return fail(err, "\"" + incident + "\" is not an incident id such as INC-42");
      }
    }
    try (OfflineStore store = OfflineStore.open(System.getenv())) {
      EvidenceRecords records = store.evidence();
      Optional<IncidentId> which = only;
      List<EvidenceAudit.Line> lines = records.consistently(
          () -> store.audit().audit(records, id -> store.timeline().verify(id), which));
      if (only.isPresent() && lines.isEmpty()) {
        return fail(err, only.get() + " does not exist in " + store.where());
      }
      if (lines.isEmpty()) {
        out.println("No timelines are recorded yet in " + store.where() + ".");
        out.flush();
        return Main.OK;
      }
      int result = Main.OK;
      for (EvidenceAudit.Line line : lines) {
        out.println(line.text());
        if (line.problem()) {
          result = Main.CHECK_FAILED;
        }
      }
      out.flush();
      return result;
    } catch (OfflineStore.Unavailable e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "cannot read the timelines: " + OfflineStore.rootMessage(e));
    }
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
