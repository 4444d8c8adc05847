package dev.candor.slack.home;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.slack.platform.Mrkdwn;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The App Home's [Post update] form: the same two things {@code /incident status [state] <update>} takes, posted
 * in the incident channel the same way.
 */
public final class StatusUpdateForm {
  public static final String CALLBACK = "home_status_form";
  public static final String STATE = "state";
  public static final String UPDATE = "update";
  public static final String VALUE = "value";
  /** The most an update may say, as for the command. */
  public static final int MAX_UPDATE = 3_000;

  private StatusUpdateForm() {}

  /** Which incident a form is for, and the state it showed when it was opened. */
  public record Target(IncidentId incident, IncidentState shown) {
    String metadata() {
      return incident.value() + "|" + shown.name();
    }

    public static Optional<Target> parse(String metadata) {
      String[] p = metadata == null ? new String[0] : metadata.split("\\|");
      if (p.length != 2) {
        return Optional.empty();
      }
      Optional<IncidentState> shown = IncidentState.parseWorking(p[1]);
      return IncidentId.parse(p[0]).flatMap(id -> shown.map(s -> new Target(id, s)));
    }
  }

  /** The form for {@code incident}, which is open: its state is one of the working ones. */
  public static View form(Incident incident) {
    List<OptionObject> states = Stream.of(IncidentState.INVESTIGATING, IncidentState.IDENTIFIED,
        IncidentState.MONITORING).map(s -> option(plainText(s.label()), s.name())).toList();
    OptionObject now = states.stream().filter(o -> o.getValue().equals(incident.state().name())).findFirst()
        .orElse(states.get(0));
    String about = "*" + incident.id() + ": " + Mrkdwn.words(Mrkdwn.clip(incident.title(), 150)) + "* in "
        + Mrkdwn.channel(incident.channelId()) + ", " + incident.state().word() + " now. Your update is posted "
        + "there under your name, as `/incident status` posts it.";
    return view(v -> v.type("modal").callbackId(CALLBACK)
        .privateMetadata(new Target(incident.id(), incident.state()).metadata())
        .title(viewTitle(t -> t.type("plain_text").text("Post update")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Post")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            context(c -> c.elements(List.of(markdownText(about)))),
            input(i -> i.blockId(STATE).label(plainText("State"))
                .element(staticSelect(s -> s.actionId(VALUE).options(states).initialOption(now)))),
            input(i -> i.blockId(UPDATE).label(plainText("What changed"))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(MAX_UPDATE)
                    .placeholder(plainText("e.g. the EU cache node is saturated; failing over to the spare"))))))));
  }
}
