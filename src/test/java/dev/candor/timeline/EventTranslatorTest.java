package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTranslatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  final EventTranslator translator = new EventTranslator("pushpin", "UCANDOR", "BCANDOR");

  List<Observation> translate(String json) throws Exception {
    return translator.fromEvent("Ev1", JSON.readTree(json), NOW);
  }

  @Test
  void aThreadReply_keepsItsThread_andAParentHasNone() throws Exception {
    Observation reply = translate("{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"hi\","
        + "\"ts\":\"2.0\",\"thread_ts\":\"1.0\"}").get(0);
    assertEquals("1.0", reply.threadTs());
    Observation parent = translate("{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"hi\","
        + "\"ts\":\"1.0\",\"thread_ts\":\"1.0\"}").get(0);
    assertNull(parent.threadTs());
    assertEquals("msg:C1:1.0", parent.key());
  }

  @Test
  void candorsOwnMessages_areLeftToItsActionEntries() throws Exception {
    assertEquals(List.of(), translate("{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"UCANDOR\",\"text\":\"x\",\"ts\":\"1.0\"}"));
    assertEquals(List.of(), translate("{\"type\":\"message\",\"subtype\":\"bot_message\",\"channel\":\"C1\","
        + "\"bot_id\":\"BCANDOR\",\"text\":\"x\",\"ts\":\"1.0\"}"));
    assertEquals(1, translate("{\"type\":\"message\",\"subtype\":\"bot_message\",\"channel\":\"C1\","
        + "\"bot_id\":\"BPAGER\",\"text\":\"x\",\"ts\":\"1.0\"}").size());
  }

  @Test
  void anUnfurl_isNotAnEdit_butChangedWordsAre() throws Exception {
    assertEquals(List.of(), translate("{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C1\","
        + "\"ts\":\"3.0\",\"message\":{\"user\":\"U1\",\"text\":\"see x\",\"ts\":\"1.0\"},"
        + "\"previous_message\":{\"user\":\"U1\",\"text\":\"see x\",\"ts\":\"1.0\"}}"));
    Observation edit = translate("{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C1\","
        + "\"ts\":\"3.0\",\"message\":{\"user\":\"U1\",\"text\":\"see y\",\"ts\":\"1.0\",\"edited\":{\"user\":\"U1\",\"ts\":\"3.0\"}},"
        + "\"previous_message\":{\"user\":\"U1\",\"text\":\"see x\",\"ts\":\"1.0\"}}").get(0);
    assertEquals(EntryKind.EDIT, edit.kind());
    assertEquals("edit:C1:1.0:3.0", edit.key());
    assertEquals("1.0", edit.refTs());
    assertEquals("see y", edit.text());
  }

  @Test
  void joinsAndTopicChangesAsMessages_andOtherEmoji_giveNothing() throws Exception {
    assertEquals(List.of(), translate("{\"type\":\"message\",\"subtype\":\"channel_join\",\"channel\":\"C1\",\"user\":\"U1\",\"ts\":\"1.0\"}"));
    assertEquals(List.of(), translate("{\"type\":\"message\",\"subtype\":\"channel_topic\",\"channel\":\"C1\",\"user\":\"U1\",\"ts\":\"1.0\"}"));
    assertEquals(List.of(), translate("{\"type\":\"reaction_added\",\"user\":\"U1\",\"reaction\":\"tada\","
        + "\"item\":{\"type\":\"message\",\"channel\":\"C1\",\"ts\":\"1.0\"},\"event_ts\":\"2.0\"}"));
    assertEquals(List.of(), translate("{\"type\":\"app_home_opened\",\"user\":\"U1\",\"event_ts\":\"2.0\"}"));
  }

  @Test
  void aConfiguredKeyEmoji_isTheOneThatCounts() throws Exception {
    EventTranslator star = new EventTranslator("star", "UCANDOR", "BCANDOR");
    JsonNode event = JSON.readTree("{\"type\":\"reaction_added\",\"user\":\"U1\",\"reaction\":\"star\","
        + "\"item\":{\"type\":\"message\",\"channel\":\"C1\",\"ts\":\"1.0\"},\"event_ts\":\"2.0\"}");
    Observation o = star.fromEvent("Ev9", event, NOW).get(0);
    assertEquals(EntryKind.REACTION_ADDED, o.kind());
    assertEquals("evt:Ev9", o.key());
    assertEquals("1.0", o.refTs());
  }

  @Test
  void aBotAlertWithOnlyAttachments_keepsTheirText_fromHistoryToo() throws Exception {
    JsonNode m = JSON.readTree("{\"type\":\"message\",\"subtype\":\"bot_message\",\"bot_id\":\"BPAGER\",\"text\":\"\","
        + "\"ts\":\"5.0\",\"attachments\":[{\"fallback\":\"[FIRING] HighErrorRate checkout\"}]}");
    Observation o = translator.message("C1", m, Source.BACKFILL, NOW).get(0);
    assertEquals("[FIRING] HighErrorRate checkout", o.text());
    assertEquals(Source.BACKFILL, o.source());
    assertTrue(o.actor().equals("BPAGER"));
  }

  @Test
  void aJoinWithoutItsOwnTime_isDatedByTheEnvelope_orByItsArrival_neverTheEpoch() throws Exception {
    // Slack's own documented member_joined_channel example has no event_ts
    JsonNode root = JSON.readTree("{\"type\":\"event_callback\",\"event_time\":1764583200,\"event\":"
        + "{\"type\":\"member_joined_channel\",\"user\":\"W06GH7XHN\",\"channel\":\"C0698JE0H\","
        + "\"channel_type\":\"C\",\"team\":\"T8MPF7EHL\"}}");
    Instant sent = EventTranslator.sentAt(root, NOW);

    Observation joined = translator.fromEvent("Ev1", root.get("event"), sent, NOW).get(0);
    Observation arrived = translator.fromEvent("Ev2", root.get("event"), NOW).get(0);

    assertEquals(Instant.ofEpochSecond(1_764_583_200L), SlackTs.toInstant(joined.ts()));
    assertEquals(NOW, SlackTs.toInstant(arrived.ts()));
    assertEquals(NOW, EventTranslator.sentAt(JSON.readTree("{\"event\":{}}"), NOW));
  }
}
