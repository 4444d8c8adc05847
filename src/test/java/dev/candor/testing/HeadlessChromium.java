package dev.candor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Chromium (Debian's {@code chromium}, which {@code .ci/run} installs), run headless on a local file
 * with a fresh profile, every request it makes sent to a proxy at a closed local port (so nothing leaves the
 * machine) and written to a net log, from which {@link #pageRequests} picks those the page made (Chromium's own
 * background calls, such as its clock check, are not the page's).
 */
public final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private final Path executable;
  private final Path work;

  private HeadlessChromium(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /**
   * Chromium, working in {@code work}; when the machine has none the test is skipped, except under CI
   * ({@code CI=true}), where it fails: CI installs it, so its absence is a broken build, not a reason to skip.
   */
  public static HeadlessChromium require(Path work) {
    Optional<Path> found = onPath();
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but no chromium on PATH: .ci/run installs Debian's chromium (apt-get install -y chromium)");
      }
      Assumptions.abort("no chromium on PATH (install Debian's chromium to run this test; CI=true fails instead)");
    }
    return new HeadlessChromium(found.get(), work);
  }

  static Optional<Path> onPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** What a run left: the DOM as loaded (with {@code --dump-dom}) and the net log. */
  public record Loaded(String dom, Path netLog) {}

  /** Opens {@code page} and dumps its DOM once loaded. */
  public Loaded dumpDom(Path page) throws IOException, InterruptedException {
    Path netLog = Files.createTempFile(work, "netlog", ".json");
    String dom = run(page, netLog, "--dump-dom");
    return new Loaded(dom, netLog);
  }

  /** Opens {@code page} in a window {@code width} by {@code height} and writes a PNG of it to {@code png}. */
  public Loaded screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    Path netLog = Files.createTempFile(work, "netlog", ".json");
    run(page, netLog, "--window-size=" + width + "," + height, "--hide-scrollbars",
        "--screenshot=" + png.toAbsolutePath());
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      fail("chromium wrote no screenshot at " + png);
    }
    return new Loaded("", netLog);
  }

  private String run(Path page, Path netLog, String... action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--log-net-log=" + netLog.toAbsolutePath(), "--net-log-capture-mode=Default"));
    command.addAll(List.of(action));
    command.add(page.toAbsolutePath().toUri().toString());
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("chromium still running after 90 s: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    if (process.exitValue() != 0) {
      fail("chromium exited " + process.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /**
   * The URLs of the network requests the page made, from the net log: requests whose network isolation key is the
   * page's {@code file://} origin. Chromium's own calls (its clock, accounts, the new tab page) carry none of it.
   */
  public static List<String> pageRequests(Path netLog) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netLog.toFile());
    Map<Integer, String> types = new HashMap<>();
    log.path("constants").path("logEventTypes").properties()
        .forEach(e -> types.put(e.getValue().asInt(), e.getKey()));
    List<String> urls = new ArrayList<>();
    for (JsonNode event : log.path("events")) {
      JsonNode params = event.path("params");
      if ("URL_REQUEST_START_JOB".equals(types.get(event.path("type").asInt()))
          && params.path("network_isolation_key").asText().startsWith("file://")) {
        urls.add(params.path("url").asText());
      }
    }
    if (!log.path("events").isArray() || log.path("events").isEmpty()) {
      fail("the net log " + netLog + " holds no events: it cannot say what was fetched");
    }
    return urls;
  }
}
