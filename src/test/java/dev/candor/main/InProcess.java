package dev.candor.main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The command line run in this JVM, its output caught: for what needs no environment of its own and no jar. */
final class InProcess {
  private InProcess() {}

  /** What a run printed and how it ended. */
  record Ran(int exit, String out, String err) {
    String describe() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }

    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Ran candor(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Ran(exit, out.toString(), err.toString());
  }
}
