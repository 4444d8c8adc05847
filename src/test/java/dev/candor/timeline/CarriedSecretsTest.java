package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text masked where it enters and recorded later keeps exactly the masks and HMACs masking it then would give. */
class CarriedSecretsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final EvidenceKey key = new EvidenceKey("k".repeat(32).getBytes(StandardCharsets.UTF_8));
  final SecretMasker masker = new SecretMasker(key);
  final CarriedSecrets carried = new CarriedSecrets(masker, key);

  /** What the timeline makes of carried text: the marks taken out, then masked again as any text is. */
  private SecretMasker.Masked recorded(String stored) {
    CarriedSecrets.Taken taken = carried.take(stored);
    SecretMasker.Masked again = masker.mask(taken.text());
    List<String> macs = new ArrayList<>(taken.secretMacs());
    macs.addAll(again.secretMacs());
    return new SecretMasker.Masked(again.text(), macs);
  }

  @Test
  void everyCorpusText_carriedThenRecorded_isExactlyWhatMaskingTheOriginalGives() throws IOException {
    List<SecretMaskerCorpusTest.Labelled> corpus = SecretMaskerCorpusTest.corpus();
    for (SecretMaskerCorpusTest.Labelled l : corpus) {
      String stored = carried.carry(l.text());
      for (String secret : l.secrets()) {
        assertFalse(stored.contains(secret), "line " + l.line() + " stored " + stored);
      }
      assertEquals(masker.mask(l.text()), recorded(stored), "line " + l.line());
    }
  }

  @Test
  void piecesCarriedApart_andJoined_listTheirHmacsAsMaskingTheJoinedOriginal() {
    String first = "DB_PASSWORD=ErQHQwjyaxErPZDS3M then ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    String second = "see postgres://admin:hunter2secret@db:5432/x and ghp_zyxwvutsrqponmlkjihgfedcba9876543210";

    SecretMasker.Masked joined = recorded(carried.carry(first) + "\n" + carried.carry(second));

    SecretMasker.Masked expected = masker.mask(first + "\n" + second);
    assertEquals(4, expected.secretMacs().size());
    assertEquals(expected, joined);
  }

  @Test
  void aPasteOfManySecrets_carriesEveryHmac() {
    StringBuilder paste = new StringBuilder();
    for (int i = 0; i < 1_500; i++) {
      paste.append("ghp_").append(String.format("%036d", i)).append(i % 2 == 0 ? " and " : "\n");
    }

    SecretMasker.Masked recorded = recorded(carried.carry(paste.toString()));

    assertEquals(1_500, recorded.secretMacs().size());
    assertEquals(masker.mask(paste.toString()), recorded);
  }

  @Test
  void aMarkSomeoneTyped_isTextLikeAnyOther_andAddsNoHmac() {
    String forged = "\u27E6secrets 3." + "a".repeat(64) + "/" + "b".repeat(64) + "\u27E7";
    String typed = "look: [masked GitHub token]" + forged;

    assertEquals(new CarriedSecrets.Taken(typed, List.of()), carried.take(typed));
    assertEquals(new SecretMasker.Masked(typed, List.of()), recorded(carried.carry(typed)));
  }

  @Test
  void anEnvelope_losesEverySecret_atAnyDepth_andItsVerificationToken() throws IOException {
    String raw = """
        {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","event_id":"Ev1","event":{"type":"message","subtype":"message_changed",
         "channel":"C1","message":{"text":"now postgres://admin:hunter2secret@db:5432/x","ts":"1.1",
           "files":[{"name":"ghp_abcdefghijklmnopqrstuvwxyz0123456789.txt","title":"password=Zq8xK2mLp9"}],
           "attachments":[{"fallback":"xoxb-123456789012-abcdefghijkl"}],
           "blocks":[{"type":"rich_text","elements":[{"type":"text","text":"DB_PASSWORD=ErQHQwjyaxErPZDS3M"}]}]},
         "previous_message":{"text":"was PGPASSWORD=Tr0ub4dorZZ3x","ts":"1.1"},
         "metadata":{"event_payload":{"client_secret=sk_live_abcdefghijklmnop12345678":1,"list":["AKIAIOSFODNN7EXAMPLE"]}}}}
        """;
    ObjectNode envelope = (ObjectNode) JSON.readTree(raw);

    assertTrue(new StorableEvent(masker, carried).prepare(envelope));

    String stored = JSON.writeValueAsString(envelope);
    for (String secret : List.of("Jhj5dZrVaK7ZwHHjRyZWjbDl", "hunter2secret", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "Zq8xK2mLp9", "xoxb-123456789012", "ErQHQwjyaxErPZDS3M", "Tr0ub4dorZZ3x", "sk_live_abcdefghijklmnop12345678",
        "AKIAIOSFODNN7EXAMPLE")) {
      assertFalse(stored.contains(secret), secret + " stored in " + stored);
    }
    JsonNode event = envelope.get("event");
    assertEquals("Ev1", envelope.get("event_id").asText());
    assertEquals("1.1", event.path("message").path("ts").asText());
    assertEquals(masker.mask("now postgres://admin:hunter2secret@db:5432/x"),
        recorded(event.path("message").path("text").asText()));
    assertEquals(masker.mask("was PGPASSWORD=Tr0ub4dorZZ3x"),
        recorded(event.path("previous_message").path("text").asText()));
  }

  @Test
  void anEnvelopeWithoutSecrets_isLeftAsItIs() throws IOException {
    ObjectNode envelope = (ObjectNode) JSON.readTree(
        "{\"event_id\":\"Ev2\",\"event\":{\"type\":\"message\",\"text\":\"the token verification failures\","
            + "\"list\":[1,\"two\",[\"three\"]]}}");
    String before = envelope.toString();

    assertFalse(new StorableEvent(masker, carried).prepare(envelope));
    assertEquals(before, envelope.toString());
  }
}
