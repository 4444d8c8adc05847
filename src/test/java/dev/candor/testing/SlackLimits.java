package dev.candor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack accepts and shows as meant, checked on what Candor sent: Block Kit's limits (blocks per message 50, per
 * view 100; section text 3,000; a field 2,000, at most 10; header 150; button text 75, value 2,000; action and block
 * ids 255; actions 25 elements, context 10; an option's text 75; a modal's title, submit and close 24; private
 * metadata 3,000; a topic 250) and Slack's escaping ("Formatting text for app surfaces": {@code &}, {@code <},
 * {@code >} as entities). In mrkdwn and message text the only markup left is a real mention or link: a person
 * ({@code <@U…>}), a channel ({@code <#C…>}, {@code <#C…|name>}), a date ({@code <!date^…|…>}) or a URL — never
 * {@code <!here>}, {@code <!channel>}, {@code <!everyone>} or a group, and no placeholder such as {@code <title>}.
 */
public final class SlackLimits {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKUP = Pattern.compile("<@[UW][A-Z0-9]+>|<#C[A-Z0-9]+(?:\\|[^<>|&\\s]+)?>"
      + "|<!date\\^\\d+\\^[^|<>]+(?:\\^[^|<>]+)?\\|[^<>]+>|<(?:https?|mailto):[^<>|\\s]+(?:\\|[^<>]+)?>");
  private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!amp;|lt;|gt;)");

  private SlackLimits() {}

  /** Everything wrong with {@code call} (a Web API call or a response_url post), each as a line naming where. */
  public static List<String> problems(FakeSlack.Call call) {
    List<String> out = new ArrayList<>();
    String where = call.method();
    switch (call.method()) {
      case "chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage" -> {
        mrkdwn(where + " text", call.param("text"), out);
        if (call.param("blocks") != null) {
          blocks(where, read(call.param("blocks")), 50, out);
        }
      }
      case "conversations.setTopic" -> {
        String topic = call.param("topic");
        max(where + " topic", topic, 250, out);
        mrkdwn(where + " topic", topic, out);
      }
      case "views.open", "views.update", "views.push", "views.publish" -> view(where, read(call.param("view")), out);
      case "response_url" -> message(where, read(call.body()), out);
      default -> { }
    }
    return out;
  }

  /** A message as JSON (an ack's body, a response_url post): its text and blocks. */
  public static List<String> messageProblems(String where, String json) {
    List<String> out = new ArrayList<>();
    if (json != null && json.strip().startsWith("{")) {
      message(where, read(json), out);
    }
    return out;
  }

  private static void message(String where, JsonNode m, List<String> out) {
    if (m.hasNonNull("text")) {
      mrkdwn(where + " text", m.get("text").asText(), out);
    }
    if (m.has("blocks")) {
      blocks(where, m.get("blocks"), 50, out);
    }
  }

  private static void view(String where, JsonNode v, List<String> out) {
    boolean modal = "modal".equals(v.path("type").asText());
    if (modal) {
      max(where + " title", v.path("title").path("text").asText(), 24, out);
      max(where + " submit", v.path("submit").path("text").asText(""), 24, out);
      max(where + " close", v.path("close").path("text").asText(""), 24, out);
    }
    max(where + " private_metadata", v.path("private_metadata").asText(""), 3_000, out);
    blocks(where, v.path("blocks"), 100, out);
  }

  private static void blocks(String where, JsonNode blocks, int most, List<String> out) {
    if (blocks.size() > most) {
      out.add(where + ": " + blocks.size() + " blocks, more than " + most);
    }
    for (JsonNode b : blocks) {
      String at = where + " " + b.path("type").asText() + " block";
      max(at + " block_id", b.path("block_id").asText(""), 255, out);
      switch (b.path("type").asText()) {
        case "section" -> {
          text(at, b.path("text"), 3_000, out);
          if (b.path("fields").size() > 10) {
            out.add(at + ": more than 10 fields");
          }
          b.path("fields").forEach(f -> text(at + " field", f, 2_000, out));
          element(at, b.path("accessory"), out);
        }
        case "header" -> text(at, b.path("text"), 150, out);
        case "context" -> {
          if (b.path("elements").size() > 10) {
            out.add(at + ": more than 10 elements");
          }
          b.path("elements").forEach(e -> text(at, e, 3_000, out));
        }
        case "actions" -> {
          if (b.path("elements").size() > 25) {
            out.add(at + ": more than 25 elements");
          }
          b.path("elements").forEach(e -> element(at, e, out));
        }
        case "input" -> {
          text(at + " label", b.path("label"), 2_000, out);
          text(at + " hint", b.path("hint"), 2_000, out);
          element(at, b.path("element"), out);
        }
        default -> { }
      }
    }
  }

  private static void element(String where, JsonNode e, List<String> out) {
    if (e.isMissingNode() || e.isNull()) {
      return;
    }
    String at = where + " " + e.path("type").asText();
    max(at + " action_id", e.path("action_id").asText(""), 255, out);
    if ("button".equals(e.path("type").asText())) {
      text(at + " text", e.path("text"), 75, out);
      max(at + " value", e.path("value").asText(""), 2_000, out);
    }
    text(at + " placeholder", e.path("placeholder"), 150, out);
    for (JsonNode o : e.path("options")) {
      text(at + " option", o.path("text"), 75, out);
      max(at + " option value", o.path("value").asText(""), 150, out);
    }
    if (e.path("options").size() > 100) {
      out.add(at + ": more than 100 options");
    }
  }

  private static void text(String where, JsonNode t, int most, List<String> out) {
    if (t.isMissingNode() || t.isNull()) {
      return;
    }
    String s = t.path("text").asText("");
    max(where, s, most, out);
    if ("mrkdwn".equals(t.path("type").asText())) {
      mrkdwn(where, s, out);
    }
  }

  private static void max(String where, String s, int most, List<String> out) {
    if (s != null && s.length() > most) {
      out.add(where + ": " + s.length() + " characters, more than " + most + ": " + s.substring(0, 80) + "…");
    }
  }

  /** Markup left in mrkdwn: anything in angle brackets but a real mention or link, a bare {@code &}. */
  static void mrkdwn(String where, String s, List<String> out) {
    if (s == null) {
      return;
    }
    String rest = MARKUP.matcher(s).replaceAll("");
    for (String line : rest.split("\n", -1)) {
      String body = line.startsWith(">") ? line.substring(1) : line; // a quote, as mrkdwn writes one
      if (body.contains("<") || body.contains(">")) {
        out.add(where + ": unescaped markup in \"" + excerpt(s, line) + "\"");
      }
    }
    Matcher amp = BARE_AMPERSAND.matcher(rest);
    if (amp.find()) {
      out.add(where + ": a bare & in \"" + excerpt(rest, rest.substring(amp.start())) + "\"");
    }
  }

  private static String excerpt(String whole, String part) {
    String p = part.length() > 120 ? part.substring(0, 120) + "…" : part;
    return whole.length() > 200 ? p : whole;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
