package dev.candor.slack.card;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.incident.IncidentInput;
import dev.candor.slack.platform.Mrkdwn;
import java.util.Arrays;
import java.util.List;

/**
 * The card's small forms: severity, roles, resolve. Each carries the incident's id as its private metadata and asks
 * only what the typed command takes ({@code /incident sev <1-4>}, {@code role <role> @person}, {@code resolve
 * [summary]}).
 */
final class CardForms {
  static final String VALUE = "value";
  static final String SEVERITY = "severity";
  static final String ROLE = "role";
  static final String PERSON = "person";
  static final String SUMMARY = "summary";

  private CardForms() {}

  static View severity(Incident i, SeverityScale scale) {
    List<OptionObject> options = Arrays.stream(Severity.values())
        .map(s -> option(plainText(scale.label(s)), s.name())).toList();
    OptionObject now = options.get(i.severity().ordinal());
    return form(i, CardAction.SEVERITY_FORM, "Severity", "Set", List.of(
        about(i, "It is " + Mrkdwn.words(scale.label(i.severity())) + " now; the change is announced in the channel, as "
            + Mrkdwn.code("/incident sev <1-4>") + " announces it."),
        input(b -> b.blockId(SEVERITY).label(plainText("Severity"))
            .element(staticSelect(s -> s.actionId(VALUE).options(options).initialOption(now))))));
  }

  static View roles(Incident i) {
    List<OptionObject> options = Arrays.stream(Role.values())
        .map(r -> option(plainText(r.label()), r.name())).toList();
    return form(i, CardAction.ROLES_FORM, "Roles", "Assign", List.of(
        about(i, "Commander " + Mrkdwn.user(i.roles().commander()) + ", comms " + holder(i.roles().comms())
            + ", scribe " + holder(i.roles().scribe()) + ". Someone outside the channel is invited to it."),
        input(b -> b.blockId(ROLE).label(plainText("Role"))
            .element(staticSelect(s -> s.actionId(VALUE).options(options).initialOption(options.get(0))))),
        input(b -> b.blockId(PERSON).label(plainText("Who"))
            .element(usersSelect(u -> u.actionId(VALUE).placeholder(plainText("Pick a person")))))));
  }

  static View resolve(Incident i) {
    return form(i, CardAction.RESOLVE_FORM, "Resolve", "Resolve", List.of(
        about(i, "Resolving ends the response; the post-mortem's question follows in the channel. You can reopen "
            + "it from the card."),
        input(b -> b.blockId(SUMMARY).optional(true).label(plainText("Summary (optional)"))
            .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).maxLength(IncidentInput.MAX_TEXT)
                .placeholder(plainText("What happened, in a sentence or two")))))));
  }

  private static LayoutBlock about(Incident i, String more) {
    return context(c -> c.elements(List.of(markdownText("*" + i.id() + ": "
        + Mrkdwn.words(Mrkdwn.clip(i.title(), CardView.TITLE_SHOWN)) + "*. " + more))));
  }

  private static String holder(String user) {
    return user == null ? "nobody" : Mrkdwn.user(user);
  }

  private static View form(Incident i, CardAction callback, String title, String submit, List<LayoutBlock> blocks) {
    return view(v -> v.type("modal").callbackId(callback.id()).privateMetadata(String.valueOf(i.id().value()))
        .title(viewTitle(t -> t.type("plain_text").text(title)))
        .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(blocks));
  }
}
