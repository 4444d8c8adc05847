package dev.candor.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** The webhook payloads' JSON Schema as shipped ({@code hooks/webhook.schema.json}), read by the validator ManifestTest uses. */
final class WebhookSchema {
  static final String RESOURCE = "/hooks/webhook.schema.json";
  private static final JsonSchema SCHEMA = load();

  private WebhookSchema() {}

  private static JsonSchema load() {
    try (InputStream in = WebhookSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code payload} by the schema, one line each; empty when it validates. */
  static List<String> problems(JsonNode payload) {
    return SCHEMA.validate(payload).stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
  }
}
