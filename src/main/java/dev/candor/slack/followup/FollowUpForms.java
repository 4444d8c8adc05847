package dev.candor.slack.followup;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datePicker;
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
import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.slack.platform.Mrkdwn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The follow-up forms: add one, edit one (title, due date, level), reassign one. Pure. */
final class FollowUpForms {
  /** Callback ids of the three forms. */
  public static final String ADD = "followup_add_form";
  public static final String EDIT = "followup_edit_form";
  public static final String REASSIGN = "followup_reassign_form";
  /** Block ids; every input keeps its value under {@link #VALUE}. */
  public static final String OWNER = "owner";
  public static final String DUE_DATE = "due_date";
  public static final String DUE_TEXT = "due_text";
  public static final String TITLE = "title";
  public static final String LEVEL = "level";
  public static final String VALUE = "value";
  public static final int MAX_TITLE = 300;

  private FollowUpForms() {}

  /** Adding a follow-up to the incident of {@code channelId} (kept in the form's private metadata). */
  public static View add(String channelId, String incidentName) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section("A follow-up for " + Mrkdwn.words(incidentName) + ". Its owner gets "
        + "a DM now and reminders before it is due, at 09:00 in their time zone."));
    blocks.add(input(i -> i.blockId(OWNER).label(plainText("Owner"))
        .element(usersSelect(u -> u.actionId(VALUE).placeholder(plainText("Who will do it"))))));
    blocks.addAll(details(null));
    return form(ADD, channelId, "Add a follow-up", "Add", blocks);
  }

  /** Editing {@code f}'s title, due date and level; the metadata names it and the version shown. */
  public static View edit(FollowUp f, String metadata) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section("Follow-up #" + f.id() + " of " + f.incidentId() + ", owned by "
        + Mrkdwn.user(f.owner()) + ". A new due date replaces the reminders still to come."));
    blocks.addAll(details(f));
    return form(EDIT, metadata, "Edit follow-up", "Save", blocks);
  }

  /** Handing {@code f} to someone else. */
  public static View reassign(FollowUp f, String metadata) {
    List<LayoutBlock> blocks = List.of(
        Mrkdwn.section("*" + Mrkdwn.words(f.title()) + "* (#" + f.id() + ", " + f.incidentId()
            + "), due " + f.due() + ". The new owner gets a DM now, and the reminders follow their time zone; "
            + "the due date stays."),
        input(i -> i.blockId(OWNER).label(plainText("New owner"))
            .element(usersSelect(u -> u.actionId(VALUE).initialUser(f.owner())))));
    return form(REASSIGN, metadata, "Reassign follow-up", "Reassign", blocks);
  }

  /** Due date (picked or typed), title and level; prefilled from {@code f} when it is given. */
  private static List<LayoutBlock> details(FollowUp f) {
    List<OptionObject> levels = Arrays.stream(Level.values())
        .map(l -> option(plainText(l.label() + " — " + meaning(l)), l.name())).toList();
    OptionObject level = levels.get((f == null ? Level.SOFTWARE : f.level()).ordinal());
    return List.of(
        input(i -> i.blockId(DUE_DATE).label(plainText("Due date")).optional(true)
            .hint(plainText("Pick a date, or type one below."))
            .element(datePicker(d -> d.actionId(VALUE).initialDate(f == null ? null : f.due().toString())))),
        input(i -> i.blockId(DUE_TEXT).label(plainText("…or type when")).optional(true)
            .hint(plainText("2026-12-01, today, tomorrow, friday, in 3 days, in 2 weeks — read in the owner's "
                + "time zone; what you type here wins over the date picked above."))
            .element(plainTextInput(p -> p.actionId(VALUE).maxLength(40)
                .placeholder(plainText("friday"))))),
        input(i -> i.blockId(TITLE).label(plainText("What is to be done"))
            .element(plainTextInput(p -> p.actionId(VALUE).maxLength(MAX_TITLE)
                .initialValue(f == null ? null : f.title())))),
        input(i -> i.blockId(LEVEL).label(plainText("Level"))
            .hint(plainText("Where the learning lands: above the code as well as in it."))
            .element(staticSelect(s -> s.actionId(VALUE).options(levels).initialOption(level)))));
  }

  private static String meaning(Level l) {
    return switch (l) {
      case ORGANIZATION -> "teams, ownership, priorities";
      case CULTURE -> "how we work together";
      case PROCESS -> "reviews, rollouts, on-call";
      case ENGINEERING -> "testing, observability, design";
      case SOFTWARE -> "a fix in the code or config";
    };
  }

  private static View form(String callbackId, String metadata, String title, String submit, List<LayoutBlock> blocks) {
    return view(v -> v.type("modal").callbackId(callbackId).privateMetadata(metadata)
        .title(viewTitle(t -> t.type("plain_text").text(title)))
        .submit(viewSubmit(t -> t.type("plain_text").text(submit)))
        .close(viewClose(t -> t.type("plain_text").text("Cancel")))
        .blocks(blocks));
  }
}
