package dev.candor.main;

import dev.candor.incident.IncidentId;
import dev.candor.timeline.HashChain;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code candor verify [--incident INC-7]}: recomputes each incident's hash chain. Exit 0 when every
 * chain holds, 1 naming each broken chain's first bad entry, 2 when the store cannot be read.
 */
@Command(name = "verify",
    description = "Check that no timeline entry was altered, removed or reordered: exit 0 when every chain holds, "
        + "1 naming the first bad entry.")
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
      List<IncidentId> ids = only.map(List::of).orElseGet(() -> store.timeline().incidents());
      if (only.isPresent() && store.incidents().byId(only.get()).isEmpty()
          && store.timeline().entries(only.get()).isEmpty()) {
        return fail(err, only.get() + " does not exist in " + store.where());
      }
      if (ids.isEmpty()) {
        out.println("No timelines are recorded yet in " + store.where() + ".");
        out.flush();
        return Main.OK;
      }
      int result = Main.OK;
      for (IncidentId id : ids) {
        HashChain.Check check = store.timeline().verify(id);
        if (check instanceof HashChain.Intact intact && intact.entries() == 0) {
          // an incident's declaration is always its entry #1: none left means they were removed
          out.println(id + ": entry #1 was removed (no entries are left)");
          result = Main.CHECK_FAILED;
        } else if (check instanceof HashChain.Intact intact) {
          out.println(id + ": intact (" + intact.entries() + (intact.entries() == 1 ? " entry)" : " entries)"));
        } else if (check instanceof HashChain.Broken broken) {
          out.println(id + ": " + broken.problem());
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
