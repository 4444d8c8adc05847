package dev.candor.slack.postmortem;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.multiUsersSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import dev.candor.incident.Durations;
import dev.candor.incident.IncidentId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The post-mortem's forms: scheduling the meeting, and saying why none is needed. */
final class PostmortemModals {
  public static final String SCHEDULE_CALLBACK = "postmortem_schedule_form";
  public static final String NOT_NEEDED_CALLBACK = "postmortem_not_needed_form";
  public static final String FACILITATOR = "facilitator";
  public static final String DATE = "date";
  public static final String TIME = "time";
  public static final String LENGTH = "length";
  public static final String ATTENDEES = "attendees";
  public static final String WHERE = "where";
  public static final String REASON = "reason";
  public static final String VALUE = "value";
  /** The last part of the schedule form's metadata when it was opened from the App Home. */
  public static final String FROM_HOME = "home";
  public static final List<Duration> LENGTHS = List.of(Duration.ofMinutes(30), Duration.ofMinutes(45),
      Duration.ofMinutes(60), Duration.ofMinutes(90), Duration.ofMinutes(120));

  private PostmortemModals() {}

  /** What the schedule form starts with. */
  public record ScheduleDefaults(String facilitator, LocalDate date, LocalTime time, Duration length,
      List<String> attendees, String where) {}

  /**
   * The schedule form; its private metadata carries the incident, the submitter's zone and how many times the
   * meeting had been scheduled when the form opened ({@code sequence}), so a stale form cannot overwrite a newer
   * meeting. {@code note} says what stands already, if anything; {@code zoneKnown} is false when Slack did not
   * say the submitter's zone. A form opened from the App Home ({@code fromHome}) says so at the end of its
   * metadata, so its submission publishes the App Home again.
   */
  public static View schedule(IncidentId incident, ZoneId zone, boolean zoneKnown, int sequence, String note,
      ScheduleDefaults d, boolean fromHome) {
    List<OptionObject> lengths = LENGTHS.stream().map(l -> option(plainText(Durations.words(l)),
        Long.toString(l.toMinutes()))).toList();
    OptionObject initialLength = lengths.stream().filter(o -> o.getValue().equals(Long.toString(d.length().toMinutes())))
        .findFirst().orElse(lengths.get(2));
    List<LayoutBlock> blocks = new ArrayList<>();
    if (note != null && !note.isBlank()) {
      blocks.add(context(c -> c.elements(List.of(markdownText(note)))));
    }
    return view(v -> v.type("modal").callbackId(SCHEDULE_CALLBACK)
        .privateMetadata(incident.value() + "|" + zone.getId() + "|" + sequence + (fromHome ? "|" + FROM_HOME : ""))
        .title(viewTitle(t -> t.type("plain_text").text("Schedule post-mortem")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Schedule")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(with(blocks, List.of(
            input(i -> i.blockId(FACILITATOR).label(plainText("Facilitator"))
                .hint(plainText("Ideally someone who wasn't directly involved. In a team of one, that's you."))
                .element(usersSelect(u -> u.actionId(VALUE).initialUser(d.facilitator())))),
            input(i -> i.blockId(DATE).label(plainText("Date"))
                .element(datePicker(p -> p.actionId(VALUE).initialDate(d.date().toString())))),
            input(i -> i.blockId(TIME).label(plainText("Time"))
                .element(timePicker(p -> p.actionId(VALUE).initialTime(d.time().toString())))),
            context(c -> c.elements(List.of(markdownText("Times are in " + zone.getId()
                + (zoneKnown ? ", your Slack time zone." : " (I couldn't read your Slack time zone).")
                + " Everyone else sees the meeting in their own.")))),
            input(i -> i.blockId(LENGTH).label(plainText("Length"))
                .element(staticSelect(s -> s.actionId(VALUE).options(lengths).initialOption(initialLength)))),
            input(i -> i.blockId(ATTENDEES).label(plainText("Attendees")).optional(true)
                .hint(plainText("Prefilled with the people who took part."))
                .element(multiUsersSelect(u -> u.actionId(VALUE).initialUsers(d.attendees())))),
            input(i -> i.blockId(WHERE).label(plainText("Where")).optional(true)
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(300).initialValue(d.where())
                    .placeholder(plainText("A room, or a video call link")))))))));
  }

  private static <T> List<T> with(List<T> first, List<T> rest) {
    List<T> all = new ArrayList<>(first);
    all.addAll(rest);
    return all;
  }

  /** "Not needed…": a reason is required, and goes into the record. */
  public static View notNeeded(IncidentId incident) {
    return view(v -> v.type("modal").callbackId(NOT_NEEDED_CALLBACK).privateMetadata(Long.toString(incident.value()))
        .title(viewTitle(t -> t.type("plain_text").text("No post-mortem")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Record decision")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            context(c -> c.elements(List.of(markdownText("Skipping a post-mortem is a fine decision when it is a "
                + "decision. Say why, for the record of " + incident + ".")))),
            input(i -> i.blockId(REASON).label(plainText("Why isn't one needed?"))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true).minLength(3).maxLength(1000)
                    .placeholder(plainText("e.g. same cause as INC-12, whose follow-ups cover it"))))))));
  }
}
