package dev.candor.main;

import static dev.candor.main.InProcess.candor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.main.InProcess.Ran;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's help: {@code --help}/{@code -h} on every command and {@code candor help [command]}. */
class MainTest {
  static final List<String> COMMANDS = List.of("serve", "healthcheck", "export", "verify", "check", "replay", "train-model",
      "migrate", "backup", "insights", "help");

  @Test
  void everyCommandIsListed_andNoOtherOne() {
    assertEquals(COMMANDS, List.copyOf(Main.commandLine().getSubcommands().keySet()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "healthcheck", "export", "verify", "check", "replay", "train-model", "migrate",
      "backup", "insights"})
  void everyCommand_withHelp_printsItsUsageAndExitsZero(String command) {
    for (String flag : List.of("--help", "-h")) {
      Ran ran = candor(command, flag);

      assertEquals(0, ran.exit(), ran.describe());
      assertTrue(ran.out().startsWith("Usage: candor " + command + " "), ran.describe());
      assertTrue(ran.out().contains("--help"), ran.describe());
      assertEquals("", ran.err(), ran.describe());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "healthcheck", "export", "verify", "check", "replay", "train-model", "migrate",
      "backup", "insights"})
  void help_namingACommand_printsTheSameUsageAsItsHelpOption(String command) {
    Ran ran = candor("help", command);

    assertEquals(0, ran.exit(), ran.describe());
    assertEquals(candor(command, "--help").out(), ran.out());
  }

  @Test
  void help_alone_andHelpOption_listEveryCommand() {
    for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"-h"})) {
      Ran ran = candor(args);

      assertEquals(0, ran.exit(), ran.describe());
      assertTrue(ran.out().startsWith("Usage: candor "), ran.describe());
      for (String command : COMMANDS) {
        assertTrue(ran.out().contains("\n  " + command + " "), command + " listed?\n" + ran.describe());
      }
    }
  }

  @Test
  void help_namingAnUnknownCommand_exitsTwoNamingIt() {
    Ran ran = candor("help", "frobnicate");

    assertEquals(2, ran.exit(), ran.describe());
    assertTrue(ran.err().contains("frobnicate"), ran.describe());
  }

  @Test
  void helpOfARequiredArgumentsCommand_doesNotAskForThem() {
    Ran ran = candor("replay", "--help");

    assertEquals(0, ran.exit(), ran.describe());
    assertFalse(ran.err().contains("Missing required"), ran.describe());
  }

  @Test
  void version_onTheTopAndOnACommand_printsIt() {
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"check", "-V"})) {
      Ran ran = candor(args);

      assertEquals(0, ran.exit(), ran.describe());
      assertTrue(ran.out().startsWith("Candor "), ran.describe());
    }
  }

  @Test
  void usageLines_areNeverCutInsideADateTime() {
    String usage = candor("replay", "--help").out();

    assertTrue(usage.contains("2026-03-14T09:30 (UTC)"), usage);
    assertTrue(usage.contains("2026-03-14T09:30+01:00"), usage);
  }
}
