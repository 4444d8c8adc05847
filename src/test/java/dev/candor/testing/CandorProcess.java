package dev.candor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * The packaged jar serving in a child JVM against a {@link FakeSlack}, on one database and port across
 * starts, so a test can kill it with SIGKILL and start it again.
 */
public final class CandorProcess implements AutoCloseable {
  /**
   * Room for a slow start: on a 2-core machine a child answered /healthz after 4-16 s under load 5-12, and a kill,
   * restart and resumed send took 27 s under load about 25.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private final FakeSlack fake;
  private final List<String> launcher;
  private final Path dir;
  private final Map<String, String> env;
  private final int port;
  private final List<Path> logs = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;

  private CandorProcess(FakeSlack fake, List<String> launcher, Path dir, Map<String, String> extra, int port) {
    this.fake = fake;
    this.launcher = launcher;
    this.dir = dir;
    this.port = port;
    Map<String, String> all = new HashMap<>(extra);
    all.put("PORT", Integer.toString(port));
    this.env = RunningCandor.environment(fake, dir, all);
  }

  /** A Candor that will run in {@code dir} with {@code extra} settings; not started yet. */
  public static CandorProcess in(FakeSlack fake, Path dir, Map<String, String> extra) throws IOException {
    assertTrue(Files.isRegularFile(CandorJar.JAR), "mvn package should have made " + CandorJar.JAR.toAbsolutePath());
    return new CandorProcess(fake, CandorJar.jar(), dir, extra, portOutsideEphemeralRange());
  }

  /** {@link #in}, but Candor from this JVM's class path ({@link CandorJar#classes}), as a benchmark runs it. */
  public static CandorProcess fromClasses(FakeSlack fake, Path dir, Map<String, String> extra) throws IOException {
    return new CandorProcess(fake, CandorJar.classes(), dir, extra, portOutsideEphemeralRange());
  }

  /**
   * A port free now, below the kernel's ephemeral range. The child binds it only once its JVM is up, and again
   * after each restart; meanwhile every outgoing connection on the machine (other tests, other builds) takes its
   * local port from the ephemeral range, so none can take this one, as one could take a port {@code new
   * ServerSocket(0)} had picked and let go.
   */
  static int portOutsideEphemeralRange() throws IOException {
    int low = 10_000;
    int high = ephemeralRangeStart();
    for (int attempt = 0; high - low >= 1_000 && attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(low, high);
      try (ServerSocket probe = new ServerSocket(port)) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // in use: try another
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) { // an unusual range: let the kernel pick
      return socket.getLocalPort();
    }
  }

  /** The first port of the kernel's ephemeral range (Linux; 32768 when it cannot be read). */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /** Starts {@code java -jar candor.jar serve} and waits until {@code /healthz} answers 200. */
  public void start(String label) throws IOException, InterruptedException {
    start(label, START_TIMEOUT);
  }

  /** {@link #start(String)}, failing unless {@code /healthz} answers 200 within {@code within}. */
  public void start(String label, Duration within) throws IOException, InterruptedException {
    Path log = dir.resolve("candor-" + label + ".log");
    logs.add(log);
    process = CandorJar.command(launcher, dir, env, "serve").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long started = System.nanoTime();
    long deadline = started + within.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("Candor exited with " + process.exitValue() + " before it was healthy\n" + logTail());
      }
      try {
        HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          System.out.printf("CandorProcess: %s healthy after %d ms (deadline %d s)%n", label,
              (System.nanoTime() - started) / 1_000_000, within.toSeconds());
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(50);
    }
    fail("GET /healthz never answered 200 within " + within + " (last: " + last + ")\n" + logTail());
  }

  /** {@code kill -9}: the JVM gets no chance to finish anything. */
  public void kill9() throws IOException, InterruptedException {
    long pid = process.pid();
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).redirectErrorStream(true).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -9 did not return");
    assertEquals(0, kill.exitValue(), "kill -9 " + pid + ": "
        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "Candor still alive 10 s after kill -9");
    assertEquals(128 + 9, process.exitValue(), "Candor should have died of SIGKILL");
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /** A normal stop (SIGTERM), which must end within 20 s. */
  public void stop() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "Candor did not stop within 20 s of SIGTERM\n" + logTail());
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating system's id of the running child (its job runner's worker id names it: {@code pid-<pid>-…}). */
  public long pid() {
    return process.pid();
  }

  /** The port it serves on, the same across starts. */
  public int port() {
    return port;
  }

  /** Signed requests to this Candor. */
  public SignedSlack requests() {
    return new SignedSlack("http://127.0.0.1:" + port, fake);
  }

  /** The database, read-only, beside the running Candor. */
  public Connection readOnly() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(2_000);
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("candor.db"), config.toProperties());
  }

  /** The last lines each started Candor printed. */
  public String logTail() {
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.append("--- ").append(log.getFileName()).append(" (last 60 lines)\n");
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("--- ").append(log.getFileName()).append(": ").append(e).append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
