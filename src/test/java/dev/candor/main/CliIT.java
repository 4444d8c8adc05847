package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.candor.testing.RunningCandor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: a child JVM, its exit status and what it prints. */
class CliIT {
  static final Path JAR = Path.of(System.getProperty("candor.jar", "target/candor.jar"));
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    String describe() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void theJarIsBuilt() {
    assertTrue(Files.isRegularFile(JAR),
        "mvn package should have made " + JAR.toAbsolutePath() + " (design.md, Interfaces)");
  }

  /** Runs {@code java -jar candor.jar args} with the inherited environment minus every Candor setting, plus {@code env}. */
  Run candor(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("CANDOR_")
        || List.of("PORT", "DATABASE_URL", "INCIDENTS_CHANNEL", "POSTMORTEMS_CHANNEL",
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS").contains(name));
    environment.putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("candor " + String.join(" ", args) + " still running after 60 s\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static void assertNoStackTrace(Run run) {
    for (String text : List.of(run.out(), run.err())) {
      assertFalse(text.lines().anyMatch(l -> l.strip().startsWith("at ")), run.describe());
      assertFalse(text.contains("Exception"), run.describe());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void serving_withoutABotToken_exitsTwoWithOneLineNamingIt() throws Exception {
    Run run = candor(Map.of("SLACK_SIGNING_SECRET", "test-secret"), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("SLACK_BOT_TOKEN"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serving_withAnEmptyEnvironment_namesTheBotTokenFirst() throws Exception {
    Run run = candor(Map.of(), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("SLACK_BOT_TOKEN"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void serving_withAMalformedPort_exitsTwoNamingPortAndNeverTheToken() throws Exception {
    Run run = candor(Map.of("SLACK_BOT_TOKEN", "xoxb-cli-secret-token", "SLACK_SIGNING_SECRET", "test-secret",
        "PORT", "abc"), "serve");

    assertEquals(2, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).contains("PORT"), run.describe());
    assertTrue(run.errLines().get(0).contains("abc"), run.describe());
    assertFalse((run.out() + run.err()).contains("xoxb-cli-secret-token"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void healthcheck_whenNothingListens_exitsOne() throws Exception {
    int port = freePort();

    Run run = candor(Map.of("PORT", Integer.toString(port)), "healthcheck");

    assertEquals(1, run.exit(), run.describe());
    assertTrue(run.err().contains("127.0.0.1:" + port), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void healthcheck_againstARunningCandor_exitsZero() throws Exception {
    try (RunningCandor running = RunningCandor.start(dir)) {
      Run run = candor(Map.of("PORT", Integer.toString(running.candor.port())), "healthcheck");

      assertEquals(0, run.exit(), run.describe());
      assertTrue(run.out().startsWith("200 "), run.describe());
    }
  }

  @Test
  void healthcheck_withAMalformedPort_exitsTwoNamingPort() throws Exception {
    Run run = candor(Map.of("PORT", "abc"), "healthcheck");

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("PORT"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void anUnknownSubcommand_exitsTwoNamingIt() throws Exception {
    Run run = candor(Map.of(), "frobnicate");

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("frobnicate"), run.describe());
    assertNoStackTrace(run);
  }

  @Test
  void noSubcommand_exitsTwoAndShowsTheCommands() throws Exception {
    Run run = candor(Map.of());

    assertEquals(2, run.exit(), run.describe());
    assertTrue(run.err().contains("serve") && run.err().contains("healthcheck"), run.describe());
    assertNoStackTrace(run);
  }
}
