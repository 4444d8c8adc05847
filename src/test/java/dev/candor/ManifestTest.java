package dev.candor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.candor.server.SlackHttpServer;
import dev.candor.slack.SlackRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code manifest.yml} is what a user pastes into Slack's "Create from manifest". It must validate
 * against Slack's published schema, and declare every command, event and shortcut the code handles.
 * The schema takes any string as a scope or event name, so those are checked here by name.
 */
class ManifestTest {
  private static final Path MANIFEST = Path.of("manifest.yml");
  private static final String SCHEMA = "/slack-manifest.schema.json";

  /** Bot scopes Candor needs now and for the features that follow (design.md). */
  private static final List<String> BOT_SCOPES = List.of("commands", "chat:write", "chat:write.public",
      "channels:history", "groups:history", "im:history", "channels:read", "groups:read", "channels:manage",
      "groups:write", "channels:join", "reactions:read", "pins:read", "im:write", "users:read",
      "users:read.email", "files:write", "canvases:write", "pins:write", "bookmarks:write", "bookmarks:read");

  private static JsonSchema schema;
  private static JsonNode manifest;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ManifestTest.class.getResourceAsStream(SCHEMA)) {
      assertNotNull(in, SCHEMA + " is missing from the test classpath");
      // Slack's schema carries two keywords draft-07 does not define: "_note" (a comment) and
      // "regex" (on background_color, where "pattern" was meant). Both are declared as
      // non-validating, as they are for Slack, so the validator does not warn about them.
      JsonMetaSchema draft7 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
          .keyword(new NonValidationKeyword("_note"))
          .keyword(new NonValidationKeyword("regex"))
          .build();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, f -> f.metaSchema(draft7)).getSchema(in);
    }
    assertTrue(Files.isRegularFile(MANIFEST), MANIFEST.toAbsolutePath() + " is missing");
    manifest = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
  }

  @Test
  void manifest_validatesAgainstSlacksSchema() {
    Set<ValidationMessage> messages = schema.validate(manifest);
    assertTrue(messages.isEmpty(), () -> "manifest.yml does not validate against Slack's schema:\n"
        + messages.stream().map(m -> "  " + m.getMessage()).collect(Collectors.joining("\n")));
  }

  @Test
  void validator_rejectsAManifestWithoutDisplayInformation() {
    ObjectNode broken = manifest.deepCopy();
    broken.remove("display_information");
    Set<ValidationMessage> messages = schema.validate(broken);
    assertFalse(messages.isEmpty(), "the schema requires display_information, yet the validator accepted its absence");
    assertTrue(messages.stream().anyMatch(m -> m.getMessage().contains("display_information")),
        () -> "expected a message naming display_information, got " + messages);
  }

  @Test
  void validator_rejectsAMisspelledSlashCommandSetting() {
    ObjectNode broken = manifest.deepCopy();
    ObjectNode command = (ObjectNode) broken.at("/features/slash_commands/0");
    command.set("should_escpae", command.remove("should_escape"));
    Set<ValidationMessage> messages = schema.validate(broken);
    assertTrue(messages.stream().anyMatch(m -> m.getMessage().contains("should_escpae")),
        () -> "expected the unknown key should_escpae to be refused, got " + messages);
  }

  @Test
  void everyHandledCommand_isDeclaredWithShouldEscape() {
    for (String name : SlackRoutes.COMMANDS) {
      JsonNode command = find(manifest.at("/features/slash_commands"), "command", name);
      assertNotNull(command, () -> name + " is handled but not declared under features.slash_commands");
      assertTrue(command.path("should_escape").asBoolean(false),
          () -> name + " needs should_escape: true so mentions arrive as <@U…|name>");
    }
  }

  @Test
  void everyDeclaredCommand_isHandled() {
    assertEquals(new TreeSet<>(SlackRoutes.COMMANDS), fieldOfEach(manifest.at("/features/slash_commands"), "command"),
        "features.slash_commands must match SlackRoutes.COMMANDS");
  }

  @Test
  void botEvents_matchTheEventsTheCodeSubscribesTo() {
    JsonNode events = manifest.at("/settings/event_subscriptions/bot_events");
    Set<String> declared = strings(events);
    assertEquals(new TreeSet<>(SlackRoutes.BOT_EVENTS), declared,
        "settings.event_subscriptions.bot_events must match SlackRoutes.BOT_EVENTS");
    assertEquals(events.size(), declared.size(), "bot_events lists an event twice");
  }

  @Test
  void everyHandledMessageShortcut_isDeclaredAsAMessageShortcut() {
    for (String callbackId : SlackRoutes.MESSAGE_SHORTCUTS) {
      JsonNode shortcut = find(manifest.at("/features/shortcuts"), "callback_id", callbackId);
      assertNotNull(shortcut, () -> callbackId + " is handled but not declared under features.shortcuts");
      assertEquals("message", shortcut.path("type").asText(), callbackId + " must be a message shortcut");
    }
    Set<String> declared = new TreeSet<>();
    manifest.at("/features/shortcuts").forEach(s -> {
      if ("message".equals(s.path("type").asText())) {
        declared.add(s.path("callback_id").asText());
      }
    });
    assertEquals(new TreeSet<>(SlackRoutes.MESSAGE_SHORTCUTS), declared,
        "message shortcuts in the manifest must match SlackRoutes.MESSAGE_SHORTCUTS");
  }

  @Test
  void botScopes_includeEveryScopeCandorNeeds() {
    Set<String> declared = strings(manifest.at("/oauth_config/scopes/bot"));
    List<String> missing = new ArrayList<>(BOT_SCOPES);
    missing.removeAll(declared);
    assertTrue(missing.isEmpty(), () -> "oauth_config.scopes.bot lacks " + missing);
  }

  @Test
  void everyRequestUrl_pointsAtTheEventsPath() {
    List<String> urls = List.of(
        manifest.at("/features/slash_commands/0/url").asText(),
        manifest.at("/settings/event_subscriptions/request_url").asText(),
        manifest.at("/settings/interactivity/request_url").asText());
    for (String url : urls) {
      assertTrue(url.startsWith("https://") && url.endsWith(SlackHttpServer.EVENTS_PATH),
          () -> "request URLs must be https://<your host>" + SlackHttpServer.EVENTS_PATH + ", not " + url);
    }
    assertEquals(1, new LinkedHashSet<>(urls).size(), () -> "all three request URLs should be the same: " + urls);
  }

  @Test
  void appHomeAndInteractivity_areOnAndHttpModeIsTheDefault() {
    assertTrue(manifest.at("/features/app_home/home_tab_enabled").asBoolean(false), "Home tab");
    assertTrue(manifest.at("/features/app_home/messages_tab_enabled").asBoolean(false), "Messages tab");
    assertTrue(manifest.at("/settings/interactivity/is_enabled").asBoolean(false),
        "interactivity carries the declare modal and the message shortcut");
    assertFalse(manifest.at("/settings/socket_mode_enabled").asBoolean(true),
        "the manifest starts in HTTP mode; its comments explain Socket Mode");
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.path(field).asText())) {
        return item;
      }
    }
    return null;
  }

  /** {@code field} of each object in {@code array}. */
  private static Set<String> fieldOfEach(JsonNode array, String field) {
    Set<String> out = new TreeSet<>();
    array.forEach(item -> out.add(item.path(field).asText()));
    return out;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }
}
