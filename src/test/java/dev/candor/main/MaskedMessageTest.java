package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
  void theShippedLogConfiguration_masksEveryMessage() throws IOException {
    String config;
    try (InputStream in = MaskedMessage.class.getResourceAsStream("/logback.xml")) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertTrue(config.contains("class=\"dev.candor.main.MaskedMessage\""), config);
    assertFalse(Pattern.compile("%(m|msg|message)\\b").matcher(config).find(), "a pattern logs the plain message");
    // a deprecated attribute makes Logback print its whole status at start, above the CLI's one-line errors
    assertFalse(config.contains("converterClass"), config);
  }
}
