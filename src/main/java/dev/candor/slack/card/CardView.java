package dev.candor.slack.card;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.usersSelect;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Role;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The living incident card, as a pure function of the incident as it stands: state, severity, roles, how long since
 * it started and since its last status update, that update, the summary and the call link. In the incident channel
 * it carries the next steps as buttons, and asks who takes comms and scribe while nobody does; its copy where every
 * incident is announced carries none of that, only where to join.
 */
public final class CardView {
  private static final Gson GSON = GsonFactory.createSnakeCase();
  /** How much of the last status update the card shows; the whole of it is in the channel. */
  static final int UPDATE_SHOWN = 1_200;
  static final int SUMMARY_SHOWN = 1_000;
  static final int TITLE_SHOWN = 150;

  private CardView() {}

  /** What a card shows: the incident, its last status update if any, the call link if any, and now. */
  public record Facts(Incident incident, Optional<IncidentChange> lastStatus, Optional<String> callLink,
      Instant now, SeverityScale scale) {
    /** The facts with Candor's own severity names. */
    public Facts(Incident incident, Optional<IncidentChange> lastStatus, Optional<String> callLink, Instant now) {
      this(incident, lastStatus, callLink, now, SeverityScale.defaults());
    }
  }

  /** The card in the incident channel. */
  public static SlackMessage card(Facts f) {
    Incident i = f.incident();
    List<LayoutBlock> blocks = new ArrayList<>(facts(f));
    if (i.isOpen()) {
      List<BlockElement> pickers = new ArrayList<>();
      if (i.roles().comms() == null) {
        pickers.add(usersSelect(u -> u.actionId(CardAction.PICK_COMMS.id()).placeholder(plainText("Who takes comms?"))));
      }
      if (i.roles().scribe() == null) {
        pickers.add(usersSelect(u -> u.actionId(CardAction.PICK_SCRIBE.id())
            .placeholder(plainText("Who takes scribe?"))));
      }
      if (!pickers.isEmpty()) {
        blocks.add(Mrkdwn.section(rolesQuestion(i)));
        blocks.add(actions(a -> a.blockId("card_roles_question").elements(pickers)));
      }
      String value = String.valueOf(i.id().value());
      blocks.add(actions(a -> a.blockId("card_actions").elements(List.of(
          button(b -> b.actionId(CardAction.POST_UPDATE.id()).text(plainText("Post update")).value(value)
              .style("primary")),
          button(b -> b.actionId(CardAction.SEVERITY.id()).text(plainText("Severity")).value(value)),
          button(b -> b.actionId(CardAction.ROLES.id()).text(plainText("Roles")).value(value)),
          button(b -> b.actionId(CardAction.RESOLVE.id()).text(plainText("Resolve")).value(value))))));
      blocks.add(context(c -> c.elements(List.of(markdownText("Or type " + Mrkdwn.code("/incident status <update>")
          + "; every command: `/incident help`. Blame the system, not the person.")))));
    } else if (i.state() == IncidentState.RESOLVED) {
      String value = String.valueOf(i.id().value());
      blocks.add(actions(a -> a.blockId("card_actions").elements(List.of(
          button(b -> b.actionId(CardAction.REOPEN.id()).text(plainText("Reopen")).value(value))))));
    }
    return new SlackMessage(fallback(i, f.scale()), blocks);
  }

  /** The copy where every incident is announced: the same facts, and where to join, without buttons. */
  public static SlackMessage copy(Facts f) {
    List<LayoutBlock> blocks = new ArrayList<>(facts(f));
    blocks.add(context(c -> c.elements(List.of(markdownText(f.incident().isOpen()
        ? "Join " + Mrkdwn.channel(f.incident().channelId()) + " to help."
        : "Its record is in " + Mrkdwn.channel(f.incident().channelId()) + ".")))));
    return new SlackMessage(fallback(f.incident(), f.scale()), blocks);
  }

  /** A fingerprint of what a message shows, to skip an edit that would change nothing. */
  public static String hash(SlackMessage message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(message.text().getBytes(StandardCharsets.UTF_8));
      sha.update(GSON.toJson(message.blocks()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }

  private static String fallback(Incident i, SeverityScale scale) {
    return Mrkdwn.clip(mark(i) + " " + i.id() + " declared: " + Mrkdwn.words(Mrkdwn.clip(i.title(), TITLE_SHOWN))
        + " (" + Mrkdwn.words(scale.level(i.severity()).name()) + ", " + i.state().word() + ")", Mrkdwn.SECTION_LIMIT);
  }

  private static String mark(Incident i) {
    return switch (i.state()) {
      case RESOLVED, CLOSED -> ":large_green_circle:";
      case CANCELLED -> ":no_entry_sign:";
      default -> ":rotating_light:";
    };
  }

  private static List<LayoutBlock> facts(Facts f) {
    Incident i = f.incident();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section(mark(i) + " *" + i.id() + ": " + Mrkdwn.words(Mrkdwn.clip(i.title(), TITLE_SHOWN))
        + "*"));
    StringBuilder facts = new StringBuilder()
        .append("*Status:* ").append(i.state().label())
        .append("   *Severity:* ").append(Mrkdwn.words(f.scale().label(i.severity())))
        .append("\n*Commander:* ").append(Mrkdwn.user(i.roles().commander()))
        .append("   *Comms:* ").append(holder(i.roles().comms()))
        .append("   *Scribe:* ").append(holder(i.roles().scribe()))
        .append("\n").append(times(f));
    f.callLink().ifPresent(link -> facts.append("\n*Call:* <").append(link).append("|join the call>"));
    blocks.add(Mrkdwn.section(facts.toString()));
    f.lastStatus().filter(s -> !s.text().isBlank()).ifPresent(s -> blocks.add(Mrkdwn.section(
        "*Last update* from " + Mrkdwn.user(s.actor()) + ":\n>"
            + Mrkdwn.words(Mrkdwn.clip(s.text(), UPDATE_SHOWN)).replace("\n", "\n>"))));
    if (!i.summary().isBlank()) {
      blocks.add(Mrkdwn.section("*Summary:* " + Mrkdwn.words(Mrkdwn.clip(i.summary(), SUMMARY_SHOWN))));
    }
    return blocks;
  }

  private static String times(Facts f) {
    Incident i = f.incident();
    if (i.times().resolved() != null) {
      String verb = i.state() == IncidentState.CANCELLED ? "Cancelled" : "Resolved";
      return "*" + verb + "* after " + Durations.words(i.duration(f.now()));
    }
    if (!i.isOpen()) {
      return "*" + i.state().label() + "* after " + Durations.words(
          Duration.between(i.times().started(), i.times().lastUpdate()));
    }
    String since = f.lastStatus().map(s -> Durations.words(Duration.between(s.at(), f.now())) + " ago")
        .orElse("none yet");
    return "*Started* " + Durations.words(Duration.between(i.times().started(), f.now())) + " ago"
        + "   *Last status update:* " + since;
  }

  private static String holder(String user) {
    return user == null ? "_nobody yet_" : Mrkdwn.user(user);
  }

  private static String rolesQuestion(Incident i) {
    List<String> open = new ArrayList<>();
    if (i.roles().comms() == null) {
      open.add(Role.COMMS.label());
    }
    if (i.roles().scribe() == null) {
      open.add(Role.SCRIBE.label());
    }
    return ":raising_hand: Who takes " + String.join(" and ", open) + "? Pick someone below (yourself is fine).";
  }
}
