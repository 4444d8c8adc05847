package dev.candor.slack.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.WeeklyDigest;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.slack.platform.SlackMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follow-up forms and the facilitator's messages: user text escaped, Slack's limits kept. */
class FollowUpViewsTest {
  static final Gson GSON = GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create();
  static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
  static final String SNEAKY = "<!channel> ping & <@U999>";
  static final Incident INCIDENT = new Incident(new IncidentId(3), "CINC3", "inc-3", SNEAKY, "", Severity.SEV2,
      IncidentState.RESOLVED, new Incident.Roles("UALICE", null, null), false, "UALICE", "CGENERAL",
      new Incident.Times(NOW, NOW, null, NOW, null, NOW), 4);

  static FollowUp followUp(long id, String title, LocalDate due) {
    return new FollowUp(id, INCIDENT.id(), title, "UBOB", ZoneId.of("Europe/Berlin"), due, Level.SOFTWARE,
        FollowUp.Status.OPEN, null, "UALICE", NOW, 1);
  }

  static String json(Object o) {
    return GSON.toJson(o);
  }

  @Test
  void theLongestTitlesAndReasons_stayWithinSlacksSectionLimit_andAreCutBetweenEscapes() {
    String title = "&".repeat(290);
    FollowUp before = followUp(8, title, LocalDate.of(2026, 12, 10));
    FollowUp after = before.withDetails("<".repeat(400), LocalDate.of(2026, 12, 12), Level.PROCESS);
    FollowUp dropped = new FollowUp(8, INCIDENT.id(), title, "UBOB", ZoneId.of("Europe/Berlin"),
        LocalDate.of(2026, 12, 10), Level.SOFTWARE, FollowUp.Status.DROPPED, "x&".repeat(1_300), "UALICE", NOW, 2);
    for (SlackMessage m : List.of(FollowUpMessages.dropped(dropped, "UALICE"),
        FollowUpMessages.edited(before, after, "UALICE"))) {
      for (LayoutBlock block : m.blocks()) {
        if (block instanceof SectionBlock section) {
          String text = section.getText().getText();
          assertTrue(text.length() <= 3_000, text.length() + " characters");
          assertFalse(text.matches("(?s).*&[a-z]{0,3}…"), "cut inside an escape: " + text.substring(2_980));
          assertTrue(text.endsWith("…"), "both are over the limit before the cut");
        }
      }
    }
  }

  @Test
  void userText_isEscapedEverywhereItIsEchoed_aMentionedPersonStaysMentioned() {
    FollowUp before = followUp(7, SNEAKY, LocalDate.of(2026, 12, 10));
    FollowUp after = before.withDetails(SNEAKY + "!", LocalDate.of(2026, 12, 12), Level.PROCESS);
    List<String> texts = List.of(
        FollowUpMessages.edited(before, after, "UALICE").text(),
        FollowUpMessages.reassigned(before, after.withOwner("UCAROL", ZoneId.of("UTC")), "UBOB").text(),
        FollowUpMessages.reassignedToYou(after, INCIDENT, "UBOB").text(),
        FollowUpMessages.notOpen(before),
        json(FacilitatorMessages.levelsQuestion(new LevelsQuestion.Ask("UALICE", INCIDENT, List.of(before))).blocks()),
        json(FacilitatorMessages.digest(new WeeklyDigest.Digest("UALICE", NOW,
            List.of(new WeeklyDigest.Item(before, INCIDENT)))).blocks()));
    for (String text : texts) {
      assertFalse(text.contains("<!channel>"), text);
      assertTrue(text.contains("&lt;!channel&gt;"), text);
      assertTrue(text.contains("<@U999>") && !text.contains("&lt;@U999&gt;"), "still a mention: " + text);
    }
  }

  @Test
  void theDigest_listsOverdueFirst_andStaysWithinSlacksLimits() {
    List<WeeklyDigest.Item> items = new ArrayList<>();
    for (int i = 0; i < 75; i++) {
      items.add(new WeeklyDigest.Item(followUp(i, "x".repeat(300), LocalDate.of(2026, 12, 1).plusDays(i)), INCIDENT));
    }
    SlackMessage digest = FacilitatorMessages.digest(new WeeklyDigest.Digest("UALICE", NOW, items));
    assertTrue(digest.text().contains("75 open across 1 incident, 6 overdue"), digest.text());
    assertTrue(digest.blocks().size() <= 50, "at most 50 blocks: " + digest.blocks().size());
    for (LayoutBlock b : digest.blocks()) {
      if (b instanceof SectionBlock s) {
        assertTrue(s.getText().getText().length() <= 3000, "a section's text is at most 3,000 characters");
      }
    }
    String all = json(digest.blocks());
    assertTrue(all.contains("overdue by 6 days") && all.contains("…and 15 more"), all);
  }

  @Test
  void theEditForm_isPrefilled_andKeepsWhichVersionItShows() {
    FollowUp f = followUp(12, "rotate the keys", LocalDate.of(2026, 12, 10)).withDetails("rotate the keys",
        LocalDate.of(2026, 12, 10), Level.CULTURE);
    var view = FollowUpForms.edit(f, "12:1:dm");
    String form = json(view);
    assertEquals("followup_edit_form", view.getCallbackId());
    assertEquals("12:1:dm", view.getPrivateMetadata());
    assertTrue(form.contains("\"initial_value\":\"rotate the keys\"") && form.contains("\"initial_date\":\"2026-12-10\"")
        && form.contains("\"value\":\"CULTURE\""), form);
    for (var v : List.of(view, FollowUpForms.add("CINC3", "INC-3 (" + SNEAKY + ")"), FollowUpForms.reassign(f, "m"))) {
      assertTrue(v.getTitle().getText().length() <= 24, "a modal title has at most 24 characters");
    }
    assertTrue(json(FollowUpForms.add("CINC3", "INC-3 (" + SNEAKY + ")")).contains("&lt;!channel&gt;"));
  }
}
