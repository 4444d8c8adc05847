package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MaskedMessageTest {
  static LoggingEvent event(String format, Object... args) {
    LoggerContext context = new LoggerContext();
    return new LoggingEvent("x", context.getLogger("com.slack.api.bolt.App"), Level.WARN, format, null, args);
  }

  @Test
  void aPayloadLoggedWhole_losesItsSecrets_andKeepsTheRest() {
    String payload = "{\"type\":\"block_actions\",\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"message\":{\"text\":"
        + "\"db is postgres://admin:hunter2secret@db.internal:5432/prod and xoxb-123456789012-abcdefghijkl\"}}";

    String logged = new MaskedMessage().convert(event("Unhandled request: {}", payload));

    assertFalse(logged.contains("hunter2secret"), logged);
    assertFalse(logged.contains("xoxb-123456789012-abcdefghijkl"), logged);
    assertTrue(logged.startsWith("Unhandled request: {\"type\":\"block_actions\""), logged);
  }

  @Test
  void aMessageWithoutSecrets_isLoggedAsItIs() {
    assertEquals("declared INC-7 in C0INC", new MaskedMessage().convert(event("declared {} in {}", "INC-7", "C0INC")));
  }

  @Test
  void aLoggedException_losesTheSecretsInItsMessage_andItsCauses_andKeepsItsFrames() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try (InputStream config = MaskedMessage.class.getResourceAsStream("/logback.xml")) {
      JoranConfigurator joran = new JoranConfigurator();
      joran.setContext(context);
      joran.doConfigure(config); // the shipped configuration, as the jar runs it
      IllegalStateException cause = new IllegalStateException(
          "payload {\"token\":\"xoxb-123456789012-abcdefghijkl\"} to postgres://admin:hunter2secret@db:5432/prod");
      context.getLogger("com.slack.api.bolt.App").error("delivering failed",
          new RuntimeException("slack said invalid_auth for ghp_abcdefghijklmnopqrstuvwxyz0123456789", cause));
    } finally {
      context.stop();
      System.setOut(console);
    }

    String logged = printed.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("delivering failed"), logged);
    assertTrue(logged.contains("java.lang.RuntimeException: slack said invalid_auth for [masked GitHub token]"), logged);
    assertTrue(logged.contains("Caused by: java.lang.IllegalStateException"), logged);
    assertTrue(logged.contains("\tat dev.candor.main.MaskedMessageTest"), logged);
    for (String secret : List.of("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-123456789012", "hunter2secret")) {
      assertFalse(logged.contains(secret), secret + " logged: " + logged);
    }
  }

  @Test
  void theShippedLogConfiguration_masksEveryMessage() throws IOException {
    String config;
    try (InputStream in = MaskedMessage.class.getResourceAsStream("/logback.xml")) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertTrue(config.contains("class=\"dev.candor.main.MaskedMessage\""), config);
    assertFalse(Pattern.compile("%(m|msg|message)\\b").matcher(config).find(), "a pattern logs the plain message");
    assertTrue(config.contains("%maskedEx"), "exceptions are logged masked, not by Logback's plain %ex: " + config);
    // a deprecated attribute makes Logback print its whole status at start, above the CLI's one-line errors
    assertFalse(config.contains("converterClass"), config);
  }
}
