package dev.candor.slack.incident;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import java.util.Arrays;
import java.util.List;

/** The form {@code /incident} opens: title, severity, incident lead, impact, private or public, where. */
final class DeclareModalView {
  public static final String CALLBACK_ID = "declare_incident";
  public static final String TITLE = "title";
  public static final String SEVERITY = "severity";
  /** The impact: who or what is affected, kept as the incident's summary. */
  public static final String SUMMARY = "summary";
  public static final String LEAD = "lead";
  public static final String VISIBILITY = "visibility";
  public static final String WHERE = "where";
  /** Every input in this form keeps its value under this action id. */
  public static final String VALUE = "value";
  public static final String PUBLIC = "public";
  public static final String PRIVATE = "private";
  public static final String NEW_CHANNEL = "new";
  public static final String THIS_CHANNEL = "this";

  private DeclareModalView() {}

  public static View form(String originChannelId) {
    return form(originChannelId, SeverityScale.defaults(), null, "", false);
  }

  /**
   * The form, the severities as the team's {@code scale} names and describes them, the lead starting on {@code
   * declarer}, the title on {@code title}. From an incident's channel ({@code fromIncident}) it declares a new
   * incident, which gets a channel of its own.
   */
  public static View form(String originChannelId, SeverityScale scale, String declarer, String title,
      boolean fromIncident) {
    return form(originChannelId, scale, declarer, title, fromIncident, IncidentInput.DEFAULT_SEVERITY);
  }

  /** As above, the severity starting on {@code severity}. */
  public static View form(String originChannelId, SeverityScale scale, String declarer, String title,
      boolean fromIncident, Severity severity) {
    List<OptionObject> severities = Arrays.stream(Severity.values())
        .map(s -> OptionObject.builder().text(plainText(Mrkdwn.clip(scale.label(s), 75)))
            .description(plainText(scale.description(s))).value(s.name()).build())
        .toList();
    OptionObject defaultSeverity = severities.get(severity.ordinal());
    OptionObject publicOption = option(plainText("Public — anyone can find and join it"), PUBLIC);
    OptionObject newChannel = option(plainText("Create a new incident channel"), NEW_CHANNEL);
    List<OptionObject> places = fromIncident
        ? List.of(newChannel)
        : List.of(newChannel, option(plainText("Use this channel"), THIS_CHANNEL));
    List<LayoutBlock> blocks = List.of(
        input(i -> i.blockId(TITLE).label(plainText("Title"))
            .hint(plainText("What is happening, in a few words: \"checkout errors in EU\""))
            .element(plainTextInput(p -> p.actionId(VALUE).maxLength(150)
                .initialValue(title == null || title.isBlank() ? null : title)))),
        input(i -> i.blockId(SEVERITY).label(plainText("Severity"))
            .element(staticSelect(s -> s.actionId(VALUE).options(severities).initialOption(defaultSeverity)))),
        input(i -> i.blockId(LEAD).label(plainText("Incident lead"))
            .hint(plainText("Runs the response as its commander. Someone else is invited to the channel."))
            .element(usersSelect(u -> u.actionId(VALUE).initialUser(declarer)))),
        input(i -> i.blockId(SUMMARY).label(plainText("Impact")).optional(true)
            .hint(plainText("Who or what is affected, and how: \"EU customers can't pay by card\""))
            .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(3000)))),
        input(i -> i.blockId(VISIBILITY).label(plainText("Who can see it"))
            .element(radioButtons(r -> r.actionId(VALUE).initialOption(publicOption).options(List.of(
                publicOption, option(plainText("Private — only people invited"), PRIVATE)))))),
        input(i -> i.blockId(WHERE).label(plainText("Where to run it"))
            .hint(fromIncident ? plainText("This channel already runs an incident: a new one gets its own channel.")
                : null)
            .element(radioButtons(r -> r.actionId(VALUE).initialOption(newChannel).options(places)))));
    ViewTitle heading = viewTitle(t -> t.type("plain_text").text("Declare an incident"));
    ViewSubmit submit = viewSubmit(t -> t.type("plain_text").text("Declare"));
    ViewClose close = viewClose(t -> t.type("plain_text").text("Cancel"));
    return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(originChannelId)
        .title(heading).submit(submit).close(close).blocks(blocks));
  }
}
