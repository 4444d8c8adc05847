package dev.candor.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Interactivity payloads as Slack sends them, for tests. */
public final class SlackPayloads {
  private SlackPayloads() {}

  /** The declare form submitted with these values. */
  public static Map<String, Object> declareSubmission(String viewId, String origin, String title, String severity, String summary,
      String visibility, String where) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("title", Map.of("value", Map.of("type", "plain_text_input", "value", title)));
    values.put("severity", Map.of("value", Map.of("type", "static_select",
        "selected_option", Map.of("text", Map.of("type", "plain_text", "text", severity), "value", severity))));
    Map<String, Object> summaryValue = new LinkedHashMap<>();
    summaryValue.put("type", "plain_text_input");
    summaryValue.put("value", summary);
    values.put("summary", Map.of("value", summaryValue));
    values.put("visibility", Map.of("value", Map.of("type", "radio_buttons",
        "selected_option", Map.of("text", Map.of("type", "plain_text", "text", visibility), "value", visibility))));
    values.put("where", Map.of("value", Map.of("type", "radio_buttons",
        "selected_option", Map.of("text", Map.of("type", "plain_text", "text", where), "value", where))));
    return Map.of(
        "type", "view_submission",
        "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"),
        "user", Map.of("id", "UALICE", "name", "alice", "team_id", FakeSlack.TEAM),
        "api_app_id", "ACANDOR",
        "token", "deprecated",
        "trigger_id", "trig-view",
        "view", Map.of("id", viewId, "team_id", FakeSlack.TEAM, "type", "modal", "callback_id", "declare_incident",
            "private_metadata", origin, "hash", "h1", "state", Map.of("values", values)));
  }

}
