package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.config.DatabaseUrls;
import dev.candor.config.KeySource;
import dev.candor.store.Database;
import dev.candor.store.LocalKey;
import dev.candor.store.Vendor;
import dev.candor.timeline.EvidenceAudit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code candor backup <file>}: a consistent copy of the SQLite database ({@code DATABASE_URL}) taken with SQLite's
 * online backup while Candor runs, written beside its place and put there only once whole, never over an existing
 * file; then opened and verified as {@code candor verify} would. On PostgreSQL it says to use the database's own
 * tools. Exit 0 copied and intact, 1 copied with problems {@code verify} finds (in the database too), 2 nothing copied.
 */
@Command(name = "backup",
    description = "Copy the running SQLite database (DATABASE_URL) into a new file with SQLite's online backup, and "
        + "verify the copy.")
final class BackupCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The new file to write; an existing one is never "
      + "overwritten.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = System.getenv();
    String url;
    KeySource keys;
    try {
      url = BotConfig.databaseUrlFrom(env);
      keys = BotConfig.keySourceFrom(env);
    } catch (ConfigException e) {
      return fail(err, e.getMessage());
    }
    if (Vendor.of(url).orElse(null) == Vendor.POSTGRESQL) {
      return fail(err, "DATABASE_URL is PostgreSQL: back it up with pg_dump and pg_restore (or your database "
          + "service's snapshots), and keep the evidence key apart from them; candor backup copies SQLite databases");
    }
    Path source = Database.file(url);
    if (source == null) {
      return fail(err, "DATABASE_URL (" + DatabaseUrls.redacted(url) + ") names no SQLite file to back up");
    }
    OutputFile copy;
    try {
      copy = OutputFile.claim(file, false, OutputFile.Wording.BACKUP);
    } catch (OutputFile.Refused e) {
      return fail(err, e.getMessage());
    }
    // the key as serve finds it; a copy's is the original's (a key beside the original is not beside the copy)
    KeySource key = keys.besideDatabase() ? new KeySource(Optional.of(LocalKey.besideDatabase(url)), Optional.empty())
        : keys;
    try (OfflineStore store = OfflineStore.open(url, keys)) {
      copy.writeFile(partial -> store.database().backupTo(partial));
    } catch (OfflineStore.Unavailable | OutputFile.Refused e) {
      return fail(err, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "cannot back up " + source + ": " + OfflineStore.rootMessage(e));
    }
    List<EvidenceAudit.Line> lines;
    try (OfflineStore copied = OfflineStore.open("jdbc:sqlite:" + file.toAbsolutePath(), key)) {
      lines = copied.audit().audit(copied.evidence(), id -> copied.timeline().verify(id), Optional.empty());
    } catch (OfflineStore.Unavailable e) {
      return fail(err, "the copy " + file + " was written but does not open: " + e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, "the copy " + file + " was written but cannot be read: " + OfflineStore.rootMessage(e));
    }
    long problems = lines.stream().filter(EvidenceAudit.Line::problem).count();
    long incidents = lines.stream().filter(l -> !l.problem()).count();
    out.println("Backed up " + source + " to " + file + " (SQLite's online backup): " + incidents + " incident"
        + (incidents == 1 ? "" : "s") + " intact" + (problems == 0 ? ", every chain verifies." : ", "
        + problems + " problem" + (problems == 1 ? "" : "s") + ":"));
    lines.stream().filter(EvidenceAudit.Line::problem).forEach(l -> out.println(l.text()));
    out.println("Back up the evidence key (" + key.describe() + ") too, stored apart from the copy: the copy verifies "
        + "only with that key.");
    out.flush();
    return problems == 0 ? Main.OK : Main.CHECK_FAILED;
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
