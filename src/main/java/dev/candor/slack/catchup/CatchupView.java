package dev.candor.slack.catchup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.candor.catchup.Catchup;
import dev.candor.followup.FollowUp;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.slack.platform.SlackText;
import dev.candor.timeline.EntryWording;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A catch-up as a Slack message: where the incident stands, its latest updates, its key events so far, its open
 * follow-ups and a [Timeline] button. Within Slack's limits however big the incident: at most {@value #MAX_BLOCKS}
 * blocks, every section under 3,000 characters, the longest lists cut with "…and N more". People's words go through
 * {@link Mrkdwn#words}: their mentions of people stay mentions, and nothing pings {@code @here} or {@code @channel}.
 */
final class CatchupView {
  /** The [Timeline] button's action id; its value is the incident's channel. */
  static final String TIMELINE = "catchup_timeline";
  static final int MAX_BLOCKS = 10;
  /** Key events and follow-ups shown, at most; the rest are counted. */
  static final int KEY_EVENTS = 10;
  static final int FOLLOW_UPS = 10;
  /** Characters of one update's words, of one key event's line, of one follow-up's title. */
  static final int UPDATE_WORDS = 800;
  static final int EVENT_LINE = 240;
  static final int FOLLOW_UP_TITLE = 150;
  /** What a section may hold, with room to spare under Slack's 3,000. */
  private static final int SECTION = 2_900;

  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_HM =
      DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private CatchupView() {}

  static SlackMessage message(Catchup c) {
    return message(c, SeverityScale.defaults());
  }

  /** The catch-up, its severity named as the team's {@code scale} does. */
  static SlackMessage message(Catchup c, SeverityScale scale) {
    Incident i = c.incident();
    String severity = Mrkdwn.words(scale.level(i.severity()).name());
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section(header(c, severity)));
    blocks.add(Mrkdwn.section(updatesTitle(c)));
    for (Timeline.Item update : c.latestUpdates()) {
      blocks.add(Mrkdwn.section(update(update)));
    }
    blocks.add(Mrkdwn.section(keyEvents(c.keyEvents(), scale)));
    blocks.add(Mrkdwn.section(followUps(c.openFollowUps())));
    blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(TIMELINE).value(i.channelId())
        .text(plainText("Timeline")))))));
    String text = ":compass: Catching up on " + i.id() + " (" + title(i) + "): "
        + i.state().word() + ", " + severity + ", commander " + person(i.roles().commander()) + ".";
    return new SlackMessage(text, blocks);
  }

  private static String header(Catchup c, String severity) {
    Incident i = c.incident();
    var roles = i.roles();
    return ":compass: *Catching up on " + i.id() + ": " + title(i) + "*"
        + (i.privateChannel() ? " :lock:" : "") + "\n"
        + "*State:* " + i.state().label() + " · *Severity:* " + severity + " · *Age:* "
        + Durations.words(c.age()) + " · *Last update:* " + Durations.words(c.sinceLastUpdate()) + " ago\n"
        + "*Commander:* " + person(roles.commander()) + " · *Comms:* " + person(roles.comms()) + " · *Scribe:* "
        + person(roles.scribe());
  }

  /** The title, in people's words: a mention in it stays a mention. */
  private static String title(Incident i) {
    return Mrkdwn.clip(Mrkdwn.words(i.title()), 200);
  }

  private static String updatesTitle(Catchup c) {
    if (c.latestUpdates().isEmpty()) {
      return "*Latest updates*\nNo status update yet. " + Mrkdwn.code("/incident status <update>") + " posts one.";
    }
    return c.latestUpdates().size() == 1 ? "*Latest update*" : "*Latest " + c.latestUpdates().size() + " updates*"
        + " (newest last)";
  }

  private static String update(Timeline.Item item) {
    TimelineEntry e = item.entry();
    String detail = e.detail() == null ? "" : e.detail();
    String state = detail.startsWith("STATUS ") ? stateLabel(detail.substring(7)) : "Update";
    String words = e.isRedacted() ? "_[redacted]_" : Mrkdwn.clip(Mrkdwn.words(e.text()), UPDATE_WORDS);
    return date(e.at(), "{date_short_pretty} {time}", DAY_HM) + " · *" + Mrkdwn.escape(state) + "* from "
        + person(e.actor()) + (words.isEmpty() ? "" : "\n" + words);
  }

  private static String keyEvents(List<Timeline.Item> events, SeverityScale scale) {
    if (events.isEmpty()) {
      return "*Key events so far*\nNone marked yet. Pin a message or react with the key emoji to mark one.";
    }
    int earlier = events.size() - Math.min(KEY_EVENTS, events.size());
    return lines("*Key events so far* (" + events.size() + ", latest last)",
        events.subList(earlier, events.size()).stream().map(e -> keyEvent(e, scale)).toList(), earlier,
        "[Timeline] shows everything");
  }

  private static String keyEvent(Timeline.Item item, SeverityScale scale) {
    TimelineEntry e = item.entry();
    return "• " + date(e.at(), "{time}", HM) + " " + Mrkdwn.clip(EntryWording.describe(item, FORMAT, scale), EVENT_LINE);
  }

  private static String followUps(List<FollowUp> open) {
    if (open.isEmpty()) {
      return "*Open follow-ups*\nNone yet.";
    }
    int shown = Math.min(FOLLOW_UPS, open.size());
    List<String> lines = open.subList(0, shown).stream().map(f -> "• " + Mrkdwn.escapeClipped(f.title(),
        FOLLOW_UP_TITLE, "…") + " — " + person(f.owner()) + ", due " + f.due() + " (" + f.level().label() + ")").toList();
    return lines("*Open follow-ups* (" + open.size() + ")", lines, open.size() - shown,
        Mrkdwn.code("/incident followups") + " lists them all");
  }

  /**
   * {@code title}, then as many of {@code lines} as fit in one section; those left out, with the {@code notShown}
   * already left out, are counted in a last line that says {@code where} to see them.
   */
  private static String lines(String title, List<String> lines, int notShown, String where) {
    int room = SECTION - title.length() - where.length() - 40;
    StringBuilder body = new StringBuilder(title);
    int left = notShown;
    for (String line : lines) {
      if (left == notShown && body.length() + line.length() + 1 <= room) {
        body.append('\n').append(line);
      } else {
        left++;
      }
    }
    return body.append(left > 0 ? "\n_…and " + left + " more: " + where + "._" : "").toString();
  }

  private static String person(String userId) {
    return userId == null || userId.isBlank() ? "nobody yet" : FORMAT.user(userId);
  }

  /** {@code IDENTIFIED} as people read it ({@code Identified}); something else as it is. */
  private static String stateLabel(String state) {
    try {
      return IncidentState.valueOf(state).label();
    } catch (IllegalArgumentException e) {
      return state.toLowerCase(Locale.ROOT);
    }
  }

  /** Slack's date formatting: each reader sees their own zone; the fallback is UTC. */
  private static String date(Instant at, String tokens, DateTimeFormatter fallback) {
    return "<!date^" + at.getEpochSecond() + "^" + tokens + "|" + fallback.format(at) + ">";
  }

  /** People, words and times in mrkdwn: mentions stay mentions, everything else escaped. */
  private static final EntryWording.Format FORMAT = new EntryWording.Format() {
    @Override
    public String user(String id) {
      return USER_ID.matcher(id).matches() ? Mrkdwn.user(id) : Mrkdwn.escapeClipped(id, 40, "…");
    }

    @Override
    public String body(String text) {
      return Mrkdwn.clip(Mrkdwn.words(SlackText.words(text)), EVENT_LINE);
    }

    @Override
    public String words(String text) {
      return Mrkdwn.escapeClipped(text, 80, "…");
    }

    @Override
    public String time(Instant at, boolean seconds) {
      return date(at, seconds ? "{time_secs}" : "{time}", HM);
    }

    @Override
    public String moment(Instant at) {
      return date(at, "{date_short_pretty} {time}", DAY_HM);
    }
  };
}
