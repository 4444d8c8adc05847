package dev.candor.slack.incident;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.candor.slack.platform.SlackMessage;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * What one announcement job posts, rendered when the change was made, so that nothing that happened
 * later leaks into it: the message for the incident channel, the topic to set when the change moved it,
 * and a copy for {@code INCIDENTS_CHANNEL}. It is the job's payload, as JSON.
 *
 * @param incident the incident's id ({@code INC-42}), for the logs
 * @param channel the incident channel
 * @param message what is said there, or null when nothing is (a declaration: the incident card says it)
 * @param topic the channel topic after the change, or null to leave the topic alone
 * @param copy what is said in {@code INCIDENTS_CHANNEL}, or null
 * @param invite someone given a role, to bring into the channel (and tell why) when they are not in it, or null
 */
record Announcement(String incident, String channel, SlackMessage message, String topic, Copy copy, Invite invite) {
  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final Type BLOCKS = new TypeToken<List<LayoutBlock>>() { }.getType();

  Announcement {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(channel, "channel");
  }

  Announcement(String incident, String channel, SlackMessage message, String topic, Copy copy) {
    this(incident, channel, message, topic, copy, null);
  }

  /** Someone to invite into the channel, and the DM that tells them why. */
  record Invite(String user, SlackMessage dm) {
    Invite {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(dm, "dm");
    }
  }

  /** A message for another channel. */
  record Copy(String channel, SlackMessage message) {
    Copy {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(message, "message");
    }
  }

  String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("incident", incident);
    o.addProperty("channel", channel);
    if (message != null) {
      o.add("message", json(message));
    }
    if (topic != null) {
      o.addProperty("topic", topic);
    }
    if (copy != null) {
      JsonObject c = new JsonObject();
      c.addProperty("channel", copy.channel());
      c.add("message", json(copy.message()));
      o.add("copy", c);
    }
    if (invite != null) {
      JsonObject i = new JsonObject();
      i.addProperty("user", invite.user());
      i.add("dm", json(invite.dm()));
      o.add("invite", i);
    }
    return GSON.toJson(o);
  }

  /** The announcement a job's payload holds; an {@link IllegalArgumentException} names what is wrong with it. */
  static Announcement parse(String payload) {
    try {
      JsonObject o = JsonParser.parseString(payload).getAsJsonObject();
      if (!o.has("message") && !o.has("topic")) {
        throw new IllegalArgumentException("not an announcement: it says nothing and sets no topic");
      }
      Copy copy = null;
      if (o.has("copy")) {
        JsonObject c = o.getAsJsonObject("copy");
        copy = new Copy(c.get("channel").getAsString(), message(c.getAsJsonObject("message")));
      }
      Invite invite = null;
      if (o.has("invite")) {
        JsonObject i = o.getAsJsonObject("invite");
        invite = new Invite(i.get("user").getAsString(), message(i.getAsJsonObject("dm")));
      }
      return new Announcement(o.get("incident").getAsString(), o.get("channel").getAsString(),
          o.has("message") ? message(o.getAsJsonObject("message")) : null, o.has("topic") ? o.get("topic").getAsString() : null, copy, invite);
    } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("not an announcement: " + e.getMessage(), e);
    }
  }

  private static JsonObject json(SlackMessage m) {
    JsonObject o = new JsonObject();
    o.addProperty("text", m.text());
    o.add("blocks", GSON.toJsonTree(m.blocks(), BLOCKS));
    return o;
  }

  private static SlackMessage message(JsonObject o) {
    JsonElement blocks = o.get("blocks");
    List<LayoutBlock> parsed = blocks == null ? List.of() : GSON.fromJson(blocks, BLOCKS);
    return new SlackMessage(o.get("text").getAsString(), parsed);
  }
}
