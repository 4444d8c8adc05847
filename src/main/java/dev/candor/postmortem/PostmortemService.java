package dev.candor.postmortem;

import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.SecretMask;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The ceremony's state: prompting after a resolution until someone decides, the decision, the
 * meeting, and the document. Every timed step is a durable job, so a restart neither loses nor
 * repeats one; decisions are compare-and-set, so a stale or double-clicked button never acts twice.
 */
public final class PostmortemService {
  /** Job kind: post the prompt in the channel (steps {@link #FIRST}, {@link #AGAIN}) or DM the commander. */
  public static final String PROMPT = "postmortem.prompt";
  /** Job kind: tell everyone about a newly scheduled meeting (details, DM, reminders, invite). */
  public static final String ANNOUNCE = "postmortem.announce";
  /** Job kind: publish the summary of a closed incident to the post-mortems channel. */
  public static final String PUBLISH = "postmortem.publish";

  public static final int FIRST = 0;
  public static final int AGAIN = 1;
  public static final int COMMANDER = 2;
  /** The prompt someone asked for with "Remind me tomorrow". */
  public static final int REMINDED = 3;
  private static final int ATTEMPTS = 8;

  private final SecretMask mask;
  private final PostmortemRepository repository;
  private final JobStore jobs;
  private final UnitOfWork unitOfWork;
  private final Duration promptAfter;
  private final Clock clock;

  /** {@code unitOfWork} is the jobs' database's: planning the next prompt looks and schedules in one go. */
  /** {@code mask} takes secrets out of a reason or a meeting's place before anything keeps or sends it. */
  public PostmortemService(PostmortemRepository repository, JobStore jobs, UnitOfWork unitOfWork, Duration promptAfter,
      SecretMask mask, Clock clock) {
    this.repository = repository;
    this.mask = mask;
    this.jobs = jobs;
    this.unitOfWork = unitOfWork;
    this.promptAfter = promptAfter;
    this.clock = clock;
  }

  /** What asking for a change came to. */
  public sealed interface Outcome {
    Postmortem postmortem();
  }

  /** It was done; {@code postmortem} is the state after it. */
  public record Done(Postmortem postmortem) implements Outcome {}

  /** Someone decided first; {@code postmortem} says what and who. */
  public record AlreadyDecided(Postmortem postmortem) implements Outcome {}

  /** "Remind me tomorrow" was already asked: the prompt comes then. */
  public record AlreadyAsked(Postmortem postmortem) implements Outcome {}

  /** A prompt job's payload: which incident, which step. */
  public record PromptStep(IncidentId incident, int step) {
    public static PromptStep parse(String payload) {
      String[] parts = payload.split(":");
      return new PromptStep(new IncidentId(Long.parseLong(parts[0])), Integer.parseInt(parts[1]));
    }

    public String payload() {
      return incident.value() + ":" + step;
    }
  }

  public Postmortem of(IncidentId incident) {
    return repository.find(incident).orElseGet(() -> Postmortem.pending(incident));
  }

  /** The incident was resolved: unless someone already decided, prompt the channel now. */
  public void resolved(IncidentId incident) {
    if (of(incident).decision() == Decision.PENDING) {
      jobs.schedule(PROMPT, promptKey(incident), new PromptStep(incident, FIRST).payload(), clock.instant());
    }
  }

  /**
   * An incident changed: a resolution starts the prompts, a reopening or cancellation stops them, and closing
   * publishes the summary. Called in the transaction that records the change, so the job is scheduled with the
   * change or not at all.
   */
  public void incidentChanged(IncidentId incident, IncidentChange.Kind kind) {
    switch (kind) {
      case RESOLVED -> resolved(incident);
      case REOPENED, CANCELLED -> reopened(incident);
      case CLOSED -> closed(incident);
      default -> { }
    }
  }

  /** The incident came back: no prompting while it is open again. */
  public void reopened(IncidentId incident) {
    jobs.cancel(promptKey(incident));
  }

  /**
   * After a prompt went out: the next one, {@code CANDOR_POSTMORTEM_PROMPT_AFTER} later, if nobody decides —
   * unless someone rescheduled the prompt while this one went out ("Remind me tomorrow"): theirs stands.
   */
  public void prompted(PromptStep step) {
    if (step.step() == COMMANDER) {
      return;
    }
    // looking and scheduling in one unit of work: a "Remind me tomorrow" clicked meanwhile is either seen here,
    // or scheduled after this and replaces it; it is never overwritten by the next prompt
    unitOfWork.run(() -> {
      boolean rescheduled = jobs.find(promptKey(step.incident())).filter(j -> j.status() == Job.Status.PENDING)
          .isPresent();
      if (!rescheduled) {
        // after the first prompt comes the second; after the second, or one someone asked for, the commander
        int next = step.step() == FIRST ? AGAIN : COMMANDER;
        jobs.schedule(PROMPT, promptKey(step.incident()), new PromptStep(step.incident(), next).payload(),
            clock.instant().plus(promptAfter));
      }
      return null;
    });
  }

  /** Whether a prompt is still wanted: nobody decided yet. */
  public boolean stillUndecided(IncidentId incident) {
    return of(incident).decision() == Decision.PENDING;
  }

  /** "Not needed…", with the reason someone gave. */
  public Outcome notNeeded(IncidentId incident, String by, String why) {
    Instant now = clock.instant();
    String reason = why == null ? null : mask.text(why);
    Outcome outcome = change(incident, p -> p.decision() == Decision.PENDING ? p.notNeeded(by, now, reason) : null);
    if (outcome instanceof Done) {
      jobs.cancel(promptKey(incident));
    }
    return outcome;
  }

  /**
   * "Remind me tomorrow": the prompt comes again in the channel a day from now. Asked once: while a reminder is
   * pending, asking again answers {@link AlreadyAsked} (two clicks at once included).
   */
  public Outcome remindTomorrow(IncidentId incident) {
    Instant now = clock.instant();
    Instant at = now.plus(Duration.ofDays(1));
    Outcome outcome = change(incident, p -> p.decision() == Decision.PENDING
        && (p.remindAt() == null || !p.remindAt().isAfter(now)) ? p.remindingAt(at) : null);
    if (outcome instanceof AlreadyDecided d && d.postmortem().decision() == Decision.PENDING) {
      return new AlreadyAsked(d.postmortem()); // undecided, so refused only because a reminder is pending
    }
    if (outcome instanceof Done) {
      jobs.schedule(PROMPT, promptKey(incident), new PromptStep(incident, REMINDED).payload(), at);
    }
    return outcome;
  }

  /**
   * Schedules (or reschedules) the meeting, if it is still as the form showed it ({@code seenSequence}: how
   * many times it had been scheduled); otherwise someone else scheduled it meanwhile and this answers
   * {@link AlreadyDecided}. Whatever was decided before, a meeting wins: the team changed its mind, and the
   * record keeps both. Announcing it is a durable job.
   */
  public Outcome schedule(IncidentId incident, String by, Meeting asked, int seenSequence) {
    Objects.requireNonNull(asked, "meeting");
    Meeting meeting = new Meeting(asked.start(), asked.length(), asked.facilitator(), asked.attendees(),
        mask.text(asked.where()));
    Instant now = clock.instant();
    Outcome outcome = change(incident, p -> p.sequence() == seenSequence ? p.scheduled(by, now, meeting) : null);
    if (!(outcome instanceof Done)) {
      return outcome;
    }
    jobs.cancel(promptKey(incident));
    Postmortem after = outcome.postmortem();
    jobs.schedule(ANNOUNCE, announceKey(incident), incident.value() + ":" + after.sequence(), now);
    return outcome;
  }

  /** The channel reminders Slack now holds for meeting number {@code sequence}. */
  public void remindersScheduled(IncidentId incident, int sequence, List<String> ids) {
    change(incident, p -> p.sequence() == sequence ? p.withReminders(ids) : null);
  }

  /** The invite of meeting number {@code sequence} was shared: a retry of the announcement won't share it again. */
  public void invited(IncidentId incident, int sequence) {
    change(incident, p -> p.sequence() == sequence ? p.invitedTo(sequence) : null);
  }

  /**
   * Keeps {@code document} as the post-mortem's draft, unless one was kept first: then that one is
   * returned, and the caller links to it.
   */
  public Postmortem.Document documentOpened(IncidentId incident, Postmortem.Document document) {
    Outcome o = change(incident, p -> p.document() == null ? p.withDocument(document) : null);
    return o.postmortem().document();
  }

  /** After {@code /incident close}: the summary goes to the post-mortems channel as a durable job. */
  public void closed(IncidentId incident) {
    jobs.schedule(PUBLISH, "postmortem:" + incident.value() + ":publish", String.valueOf(incident.value()),
        clock.instant());
  }

  private Outcome change(IncidentId incident, UnaryOperator<Postmortem> how) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Postmortem before = of(incident);
      Postmortem after = how.apply(before);
      if (after == null) {
        return new AlreadyDecided(before);
      }
      if (repository.save(before, after)) {
        return new Done(of(incident));
      }
    }
    throw new IllegalStateException("post-mortem of " + incident + " kept changing under us");
  }

  /** The post-mortems {@code userId} facilitates, latest meeting first. */
  public List<Postmortem> facilitatedBy(String userId) {
    return repository.facilitatedBy(userId, 20);
  }

  public Optional<Postmortem> find(IncidentId incident) {
    return repository.find(incident);
  }

  public static String promptKey(IncidentId incident) {
    return "postmortem:" + incident.value() + ":prompt";
  }

  static String announceKey(IncidentId incident) {
    return "postmortem:" + incident.value() + ":announce";
  }
}
