package dev.candor.testing;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Logs are printed only for a failing test (as Javalin's test helper does): a passing test's lines, kept by
 * {@link TestLogs}, are dropped; a failing one's are printed after it, from the end of the test before it, so
 * its {@code @BeforeAll}, {@code @BeforeEach} and {@code @AfterEach} are there too. Registered for every test
 * through {@code META-INF/services} ({@code junit-platform.properties} switches that on).
 */
public final class LogsOnFailure implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  @Override
  public void beforeAll(ExtensionContext context) {
    TestLogs.take(); // what came before this class (another class's @AfterAll) is not its story
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    TestLogs.take();
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    TestLogs.take();
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    TestLogs.take();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    print(context, "failed: " + cause);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      print(context, "failed: " + context.getExecutionException().get()); // say in @BeforeAll or @AfterAll
    } else {
      TestLogs.take();
    }
  }

  private static void print(ExtensionContext context, String why) {
    List<String> lines = TestLogs.take();
    PrintStream out = System.out;
    String name = context.getRequiredTestClass().getSimpleName()
        + context.getTestMethod().map(m -> "." + m.getName() + " " + context.getDisplayName()).orElse("");
    out.println("---- " + name + " " + why);
    out.println("---- its log (" + lines.size() + " lines):");
    lines.forEach(out::print);
    out.println("---- end of the log of " + name);
    out.flush();
  }
}
