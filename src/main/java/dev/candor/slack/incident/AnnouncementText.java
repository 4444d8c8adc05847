package dev.candor.slack.incident;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.candor.slack.platform.Mrkdwn;
import java.util.Map;

/** Finds a change's words in a rendered announcement (as {@link IncidentMessages} escapes and quotes them). */
final class AnnouncementText {
  static final String REDACTED = "_(redacted)_";
  /** How much of the escaped words identifies them where a long message was clipped. */
  private static final int CLIPPED_PREFIX = 40;

  private AnnouncementText() {}

  /** Replaces {@code text} wherever a string of {@code json} holds it; true when one did. */
  static boolean scrub(JsonElement json, String text) {
    String escaped = Mrkdwn.words(text);
    String quoted = "\n>" + escaped.replace("\n", "\n>");
    return walk(json, escaped, quoted);
  }

  private static boolean walk(JsonElement json, String escaped, String quoted) {
    boolean changed = false;
    if (json instanceof JsonObject o) {
      for (Map.Entry<String, JsonElement> field : o.entrySet()) {
        JsonElement v = field.getValue();
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
          String s = v.getAsString();
          String scrubbed = scrubbed(s, escaped, quoted);
          if (!scrubbed.equals(s)) {
            field.setValue(new JsonPrimitive(scrubbed));
            changed = true;
          }
        } else {
          changed |= walk(v, escaped, quoted);
        }
      }
    } else if (json instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        JsonElement v = a.get(i);
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
          String scrubbed = scrubbed(v.getAsString(), escaped, quoted);
          if (!scrubbed.equals(v.getAsString())) {
            a.set(i, new JsonPrimitive(scrubbed));
            changed = true;
          }
        } else {
          changed |= walk(v, escaped, quoted);
        }
      }
    }
    return changed;
  }

  private static String scrubbed(String s, String escaped, String quoted) {
    if (s.contains(quoted)) {
      return s.replace(quoted, "\n>" + REDACTED);
    }
    if (s.contains(escaped)) {
      return s.replace(escaped, REDACTED);
    }
    if (escaped.length() > CLIPPED_PREFIX) {
      int at = s.indexOf(escaped.substring(0, CLIPPED_PREFIX));
      if (at >= 0) {
        return s.substring(0, at) + REDACTED; // the message was clipped inside the words: all that follows is theirs
      }
    }
    return s;
  }
}
