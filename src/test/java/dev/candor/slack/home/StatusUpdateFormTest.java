package dev.candor.slack.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusUpdateFormTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @Test
  void theForm_startsAtTheIncidentsState_andRemembersIt_forTheSubmission() {
    View form = StatusUpdateForm.form(incident("db <latency> & cache", IncidentState.IDENTIFIED));

    assertEquals(StatusUpdateForm.CALLBACK, form.getCallbackId());
    assertEquals("5|IDENTIFIED", form.getPrivateMetadata());
    assertTrue(form.getTitle().getText().length() <= 24, "Slack's limit for a modal title");
    StatusUpdateForm.Target target = StatusUpdateForm.Target.parse(form.getPrivateMetadata()).orElseThrow();
    assertEquals(new IncidentId(5), target.incident());
    assertEquals(IncidentState.IDENTIFIED, target.shown());

    InputBlock state = (InputBlock) form.getBlocks().get(1);
    assertEquals(StatusUpdateForm.STATE, state.getBlockId());
    StaticSelectElement select = (StaticSelectElement) state.getElement();
    assertEquals("IDENTIFIED", select.getInitialOption().getValue());
    assertEquals(3, select.getOptions().size(), "the three working states, as the command takes them");
    InputBlock update = (InputBlock) form.getBlocks().get(2);
    assertEquals(StatusUpdateForm.UPDATE, update.getBlockId());
    assertEquals(3_000, ((PlainTextInputElement) update.getElement()).getMaxLength());
  }

  @Test
  void theIncidentsTitle_isEscaped() {
    View form = StatusUpdateForm.form(incident("<!here> db & cache", IncidentState.INVESTIGATING));
    String about = ((MarkdownTextObject) ((ContextBlock) form.getBlocks().get(0)).getElements().get(0)).getText();
    assertTrue(about.contains("&lt;!here&gt; db &amp; cache"), about);
    assertFalse(about.contains("<!here>"), about);
  }

  @Test
  void metadataFromNowhere_isNoTarget() {
    for (String bad : new String[] {null, "", "5", "x|IDENTIFIED", "5|RESOLVED", "5|IDENTIFIED|more", "0|IDENTIFIED"}) {
      assertEquals(Optional.empty(), StatusUpdateForm.Target.parse(bad), bad);
    }
  }

  static Incident incident(String title, IncidentState state) {
    return new Incident(new IncidentId(5), "C0FIVE", "inc-five", title, "", Severity.SEV2, state,
        new Incident.Roles("U0ALICE", null, null), false, "U0ALICE", "C0GENERAL",
        new Incident.Times(NOW, NOW, null, null, null, NOW), 1);
  }
}
