package dev.candor.slack.views;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.candor.followup.FollowUp;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The App Home: my open incidents (only where I am a member), my follow-ups (overdue first), the post-mortems I
 * facilitate. Pure.
 */
public final class HomeView {
  static final int MAX_BLOCKS = 100;
  /** Blocks kept for the post-mortems section: divider, header, ten post-mortems, a note. */
  static final int FACILITATED_BLOCKS = 13;

  private HomeView() {}

  /** A post-mortem the viewer facilitates, with its incident. */
  public record Facilitated(Incident incident, Postmortem postmortem) {}

  public static View home(List<Incident> incidents, List<FollowUp> followUps, List<Facilitated> facilitated,
      Instant now) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("Your open incidents"))));
    if (incidents.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText("None in channels you are in. `/incident declare <title>` "
          + "opens one."))));
    }
    for (Incident i : incidents.subList(0, Math.min(incidents.size(), 20))) {
      String line = Mrkdwn.channel(i.channelId()) + " *" + i.id() + ": " + Mrkdwn.escape(Mrkdwn.clip(i.title(), 150))
          + "*\n" + i.severity().label() + " · " + i.state().word() + " for " + Durations.words(i.duration(now))
          + " · commander " + Mrkdwn.user(i.roles().commander());
      blocks.add(section(s -> s.text(markdownText(line))));
    }
    blocks.add(divider());
    blocks.add(header(h -> h.text(plainText("Your follow-ups"))));
    if (followUps.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText("Nothing open. :tada:"))));
    }
    int room = (MAX_BLOCKS - blocks.size() - 4 - FACILITATED_BLOCKS) / 2;
    for (FollowUp f : followUps.subList(0, Math.min(followUps.size(), room))) {
      LocalDate today = LocalDate.ofInstant(now, f.ownerZone());
      long overdue = f.daysOverdue(today);
      String due = overdue > 0 ? ":warning: overdue by " + overdue + (overdue == 1 ? " day" : " days")
          : overdue == 0 ? "due today" : "due " + f.due();
      String line = "*" + Mrkdwn.escape(Mrkdwn.clip(f.title(), 200)) + "*\n" + f.incidentId() + " · "
          + f.level().label() + " · " + due;
      blocks.add(section(s -> s.text(markdownText(line))));
      blocks.add(FollowUpMessages.buttons(f, false));
    }
    if (followUps.size() > room) {
      blocks.add(context(c -> c.elements(List.of(markdownText("…and " + (followUps.size() - room) + " more.")))));
    }
    blocks.add(divider());
    blocks.add(header(h -> h.text(plainText("Post-mortems you facilitate"))));
    if (facilitated.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText("None right now. When someone schedules a post-mortem with you "
          + "as facilitator, it shows here."))));
    }
    for (Facilitated f : facilitated.subList(0, Math.min(facilitated.size(), FACILITATED_BLOCKS - 3))) {
      Incident i = f.incident();
      Meeting m = f.postmortem().meeting();
      String when = m == null ? "not scheduled"
          : (f.postmortem().heldBy(now) ? "held " : "") + Mrkdwn.date(m.start(), "{date_short_pretty} at {time}");
      String doc = f.postmortem().openedDocument().filter(d -> d.link() != null && !d.link().isBlank())
          .map(d -> " · <" + d.link() + "|the draft>").orElse(" · open the draft with `/incident postmortem` in the channel");
      String line = Mrkdwn.channel(i.channelId()) + " *" + i.id() + ": " + Mrkdwn.escape(Mrkdwn.clip(i.title(), 150))
          + "*\n" + when + doc;
      blocks.add(section(s -> s.text(markdownText(line))));
    }
    blocks.add(context(c -> c.elements(List.of(markdownText("Updated " + LocalDate.ofInstant(now, ZoneOffset.UTC)
        + ".")))));
    return View.builder().type("home").blocks(blocks).build();
  }
}
