package dev.candor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.ChannelNamer;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How declaring reads for a team: the incident channel's name ({@code CANDOR_CHANNEL_NAME}, a template with
 * {@code {number}}, {@code {slug}} and {@code {date}}; {@code CANDOR_CHANNEL_PREFIX} alone stands for
 * {@code <prefix>{number}-{slug}}) and the severity scale ({@code CANDOR_SEVERITIES}, a JSON file).
 */
public record DeclareSettings(String channelName, SeverityScale severities, Optional<Path> severitiesFile) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static DeclareSettings defaults() {
    return new DeclareSettings(ChannelNamer.DEFAULT_TEMPLATE, SeverityScale.defaults(), Optional.empty());
  }

  static DeclareSettings read(Optional<String> channelName, Optional<String> prefix, Optional<String> severities) {
    if (channelName.isPresent() && prefix.isPresent()) {
      throw new ConfigException("CANDOR_CHANNEL_NAME and CANDOR_CHANNEL_PREFIX are both set: CANDOR_CHANNEL_NAME "
          + "names channels on its own (write the prefix into it, as in " + prefix.get() + "{number}-{slug})");
    }
    String template = channelName.orElseGet(() -> ChannelNamer.templateForPrefix(prefix.orElse("inc-")));
    ChannelNamer.problem(template).ifPresent(p -> {
      throw new ConfigException("CANDOR_CHANNEL_NAME " + p + ", as in " + ChannelNamer.DEFAULT_TEMPLATE + "; \""
          + template + "\" does not");
    });
    if (severities.isEmpty()) {
      return new DeclareSettings(template, SeverityScale.defaults(), Optional.empty());
    }
    Path file = Path.of(severities.get());
    return new DeclareSettings(template, scale(file), Optional.of(file));
  }

  /**
   * The team's scale as {@code CANDOR_SEVERITIES} in {@code env} names it (Candor's own when unset), for a command
   * that reads it without the server's other settings ({@code candor export}, {@code insights}, {@code replay}); a
   * bad file is a {@link ConfigException} naming it, as it would stop the server.
   */
  public static SeverityScale severitiesIn(Map<String, String> env) {
    String file = env.get("CANDOR_SEVERITIES");
    return file == null || file.isBlank() ? SeverityScale.defaults() : scale(Path.of(file.strip()));
  }

  /** Reads a severities file; a problem stops the start with one line naming the variable, the file and what. */
  static SeverityScale scale(Path file) {
    String where = "CANDOR_SEVERITIES (" + file + ")";
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException(where + " is not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr());
    } catch (IOException e) {
      throw new ConfigException(where + " must name a readable JSON file; it cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(where + " must be a JSON object with SEV1, SEV2, SEV3 and SEV4, each "
          + "{\"name\": …, \"description\": …, \"words\": [...]}");
    }
    List<SeverityScale.Level> levels = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      Severity severity;
      try {
        severity = Severity.valueOf(field.getKey());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + " knows SEV1, SEV2, SEV3 and SEV4, not \"" + field.getKey() + "\"");
      }
      levels.add(level(where, severity, field.getValue()));
    }
    try {
      return SeverityScale.of(levels);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  private static SeverityScale.Level level(String where, Severity severity, JsonNode node) {
    if (!node.isObject()) {
      throw new ConfigException(where + ": " + severity + " must be {\"name\": …, \"description\": …, \"words\": [...]}");
    }
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!List.of("name", "description", "words").contains(name)) {
        throw new ConfigException(where + ": " + severity + " has \"" + name + "\"; it takes name, description "
            + "and words");
      }
    }
    String name = text(where, severity, node, "name");
    String description = text(where, severity, node, "description");
    List<String> words = new ArrayList<>();
    JsonNode list = node.get("words");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new ConfigException(where + ": " + severity + "'s words must be a list of strings");
      }
      for (JsonNode word : list) {
        if (!word.isTextual()) {
          throw new ConfigException(where + ": " + severity + "'s words must be a list of strings");
        }
        words.add(word.asText());
      }
    }
    return new SeverityScale.Level(severity, name.strip(), description.strip(), words);
  }

  private static String text(String where, Severity severity, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new ConfigException(where + ": " + severity + " needs a \"" + field + "\" (text)");
    }
    return value.asText();
  }

  @Override
  public String toString() {
    return "channelName=" + channelName + ", severities=" + severitiesFile.map(Object::toString).orElse("built-in");
  }
}
