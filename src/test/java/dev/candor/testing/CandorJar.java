package dev.candor.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar as an operator runs it: {@code java -jar target/candor.jar …} in a child JVM. */
public final class CandorJar {
  public static final Path JAR = Path.of(System.getProperty("candor.jar", "target/candor.jar"));
  public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private CandorJar() {}

  /** What a finished run printed and how it ended. */
  public record Run(int exit, String out, String err) {
    public List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    public String describe() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A command line for the jar, in {@code dir}, with none of this JVM's Candor settings inherited. */
  public static ProcessBuilder command(Path dir, Map<String, String> env, String... args) {
    return command(jar(), dir, env, args);
  }

  /**
   * The jar as the tests run it. C1 only and the serial collector: a short-lived child starts in about half the CPU
   * time (no C2 compiling, no parallel GC threads), which on a 2-core machine running the suite is most of its wall
   * time too. They change how fast the JVM runs Candor, not what Candor does.
   */
  static List<String> jar() {
    return List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString());
  }

  /**
   * Candor from this JVM's class path, with the JVM's own compilers and collector (heap at most 512 MB): for a
   * benchmark, which runs before {@code package} made the jar and measures Candor as a long-running server runs.
   */
  public static List<String> classes() {
    return List.of(JAVA, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.candor.main.Main");
  }

  /** {@code launcher} ({@link #jar} or {@link #classes}) with {@code args}, as {@link #command(Path, Map, String...)}. */
  public static ProcessBuilder command(List<String> launcher, Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("CANDOR_")
        || List.of("PORT", "DATABASE_URL", "INCIDENTS_CHANNEL", "POSTMORTEMS_CHANNEL",
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS").contains(name));
    // the learned blame model costs seconds to load: off unless a test is about it (it passes "on" in env)
    builder.environment().put("CANDOR_NUDGE_MODEL", "off");
    builder.environment().putAll(env);
    return builder;
  }

  /** Runs the jar to its end (at most 60 s). */
  public static Run run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = command(dir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("candor " + String.join(" ", args) + " still running after 60 s\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  public static void assertNoStackTrace(Run run) {
    for (String text : List.of(run.out(), run.err())) {
      assertFalse(text.lines().anyMatch(l -> l.strip().startsWith("at ")), run.describe());
      assertFalse(text.contains("Exception"), run.describe());
    }
  }
}
