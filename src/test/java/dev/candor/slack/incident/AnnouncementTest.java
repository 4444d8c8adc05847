package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.slack.card.CardView;
import dev.candor.slack.platform.SlackMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An announcement survives the trip through its job's JSON payload unchanged, blocks and all. */
class AnnouncementTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final Incident INCIDENT = new Incident(new IncidentId(42), "CINC1", "inc-2026-12-01-checkout",
      "Checkout <errors> & \"timeouts\"", "cards fail: <!channel>", Severity.SEV2, IncidentState.INVESTIGATING,
      new Incident.Roles("UALICE", null, null), false, "UALICE", "CGENERAL",
      new Incident.Times(T0, T0, null, null, null, T0), 1);

  @Test
  void anAnnouncement_readsBackAsItWasWritten() {
    Announcement a = new Announcement("INC-42", "CINC1", CardView.card(new CardView.Facts(INCIDENT, Optional.empty(), Optional.empty(), T0)),
        IncidentMessages.topic(INCIDENT), new Announcement.Copy("CINCIDENTS", IncidentMessages.declaredElsewhere(INCIDENT)));

    Announcement back = Announcement.parse(a.toJson());

    assertEquals(a, back);
    assertTrue(back.message().blocks().size() > 1, "the blocks came back as blocks: " + back.message());
    assertTrue(back.message().text().contains("Checkout &lt;errors&gt; &amp;"), back.message().text());
  }

  @Test
  void anAnnouncementWithoutTopicOrCopy_orBlocks_readsBackSo() {
    Announcement a = new Announcement("INC-42", "CINC1", new SlackMessage("just text", List.of()), null, null);

    assertEquals(a, Announcement.parse(a.toJson()));
  }

  @Test
  void aPayloadThatIsNoAnnouncement_isRefusedWithAClearMessage() {
    for (String bad : List.of("", "[]", "{}", "{\"incident\":\"INC-1\",\"channel\":\"C1\"}", "not json {")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Announcement.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("not an announcement"), e.getMessage());
    }
  }
}
