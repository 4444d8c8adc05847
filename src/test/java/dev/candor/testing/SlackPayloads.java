package dev.candor.testing;

import java.util.LinkedHashMap;
import java.util.List;
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

  /** A follow-up form ({@code callbackId}) submitted by {@code user}; {@code values} by block id, see {@link #typed}. */
  public static Map<String, Object> followUpForm(String callbackId, String metadata, String user,
      Map<String, Object> values) {
    Map<String, Object> state = new LinkedHashMap<>();
    values.forEach((block, value) -> state.put(block, Map.of("value", value)));
    return Map.of(
        "type", "view_submission",
        "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"),
        "user", Map.of("id", user, "name", user.toLowerCase(), "team_id", FakeSlack.TEAM),
        "api_app_id", "ACANDOR",
        "token", "deprecated",
        "trigger_id", "trig-form",
        "view", Map.of("id", "VFORM", "team_id", FakeSlack.TEAM, "type", "modal", "callback_id", callbackId,
            "private_metadata", metadata, "hash", "h1", "state", Map.of("values", state)));
  }

  /** A plain_text_input's value. */
  public static Map<String, Object> typed(String text) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", "plain_text_input");
    v.put("value", text);
    return v;
  }

  /** A users_select's value. */
  public static Map<String, Object> pickedUser(String user) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", "users_select");
    v.put("selected_user", user);
    return v;
  }

  /** A datepicker's value ({@code YYYY-MM-DD}, or null for none). */
  public static Map<String, Object> pickedDate(String date) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", "datepicker");
    v.put("selected_date", date);
    return v;
  }

  /** A static_select's chosen option. */
  public static Map<String, Object> chosen(String value) {
    return Map.of("type", "static_select", "selected_option",
        Map.of("text", Map.of("type", "plain_text", "text", value), "value", value));
  }

  /**
   * A button clicked by {@code user}: in a message (a DM) with {@code responseId} as its response_url,
   * or in the App Home when {@code responseId} is null.
   */
  public static Map<String, Object> button(FakeSlack slack, String user, String actionId, String value,
      String responseId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "block_actions");
    p.put("team", Map.of("id", FakeSlack.TEAM));
    p.put("user", Map.of("id", user, "name", user.toLowerCase()));
    p.put("api_app_id", "ACANDOR");
    p.put("token", "deprecated");
    p.put("trigger_id", "trig-" + actionId + "-" + user);
    if (responseId == null) {
      p.put("container", Map.of("type", "view", "view_id", "VHOME"));
      p.put("view", Map.of("id", "VHOME", "type", "home", "hash", "h"));
    } else {
      p.put("response_url", slack.responseUrl(responseId));
      p.put("container", Map.of("type", "message", "channel_id", "D" + user));
    }
    p.put("actions", List.of(Map.of("action_id", actionId, "block_id", "b", "value", value,
        "type", "button", "action_ts", "1700000000.5")));
    return p;
  }

  /** A button clicked by {@code user} in a message Candor posted in channel {@code channel}. */
  public static Map<String, Object> buttonInChannel(FakeSlack slack, String user, String channel, String actionId,
      String value, String responseId) {
    return Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", user, "name", user.toLowerCase()), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-" + responseId, "response_url", slack.responseUrl(responseId),
        "channel", Map.of("id", channel, "name", "some-channel"),
        "container", Map.of("type", "message", "channel_id", channel, "message_ts", "1700000000.000100"),
        "actions", List.of(Map.of("action_id", actionId, "block_id", "b", "value", value,
            "type", "button", "action_ts", "1700000000.3")));
  }
}
