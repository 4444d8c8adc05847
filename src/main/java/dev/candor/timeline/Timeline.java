package dev.candor.timeline;

import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reader's view of an incident's timeline: its phases first, then every entry in Slack's order
 * ({@code ts}, then {@code seq}) — a view, not the chain, which stays in recorded order. Each message
 * knows whether it was later edited or deleted, each redacted entry who redacted it and why, and key
 * events are flagged. Pure: built from values, no I/O.
 */
public final class Timeline {
  private final Incident incident;
  private final List<Phase> phases;
  private final List<Item> items;

  private Timeline(Incident incident, List<Phase> phases, List<Item> items) {
    this.incident = incident;
    this.phases = phases;
    this.items = items;
  }

  /** A moment in the life of the incident. */
  public enum PhaseName {
    STARTED("started"),
    DECLARED("declared"),
    MITIGATED("mitigated"),
    RESOLVED("resolved");

    private final String word;

    PhaseName(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** When a phase was reached, and how long after the start. */
  public record Phase(PhaseName name, Instant at, Duration sinceStart) {
    /** {@code started}, {@code mitigated after 42 min}. */
    public String summary() {
      return name == PhaseName.STARTED ? name.word() : name.word() + " after " + Durations.words(sinceStart);
    }
  }

  /** Who took an entry's content out, when, and why; {@code seq} is the redaction entry's own. */
  public record Redaction(String by, Instant at, String reason, long seq) {}

  /**
   * One entry as a reader sees it.
   *
   * @param edits later EDIT entries of this message, in Slack order (each holds the new text)
   * @param deletion the DELETE entry of this message, if it was deleted (its text stays here)
   * @param redaction present when this entry's content was redacted
   * @param keyEvent marked as a key event: "Add to timeline", the key emoji, or a pin
   */
  public record Item(TimelineEntry entry, List<TimelineEntry> edits, Optional<TimelineEntry> deletion,
      Optional<Redaction> redaction, boolean keyEvent) {
    public Item {
      Objects.requireNonNull(entry, "entry");
      edits = List.copyOf(edits);
    }

    public boolean edited() {
      return !edits.isEmpty();
    }

    /** When the last edit was made, if any. */
    public Optional<Instant> lastEditAt() {
      return edits.isEmpty() ? Optional.empty() : Optional.of(edits.get(edits.size() - 1).at());
    }
  }

  /**
   * The view of {@code entries} (one incident's, in any order). Reactions count as key-event marks
   * whatever their emoji, since only the key emoji is ever recorded.
   */
  public static Timeline of(Incident incident, List<TimelineEntry> entries) {
    List<TimelineEntry> ordered = new ArrayList<>(entries);
    ordered.sort(Comparator.comparing(TimelineEntry::at).thenComparingLong(TimelineEntry::seq));
    Annotations annotations = new Annotations();
    ordered.forEach(annotations::add);
    List<Item> items = new ArrayList<>(ordered.size());
    for (TimelineEntry e : ordered) {
      items.add(annotations.item(e));
    }
    return new Timeline(incident, phases(incident), List.copyOf(items));
  }

  /**
   * What later entries say about the messages they point to (edits, deletions, pins and key-event
   * reactions, "Add to timeline", redactions), gathered first, so that entries can then become items one
   * at a time: how {@link #of} builds the view, and how a timeline too long to hold in memory is read
   * ({@link TimelineService#read}). Give it the entries in Slack order ({@code ts}, then {@code seq});
   * it keeps only entries of the kinds {@link #KINDS} lists.
   */
  public static final class Annotations {
    /** The kinds of entry that say something about another entry. */
    public static final Set<EntryKind> KINDS = Collections.unmodifiableSet(EnumSet.of(
        EntryKind.EDIT, EntryKind.DELETE, EntryKind.REACTION_ADDED, EntryKind.REACTION_REMOVED,
        EntryKind.PIN_ADDED, EntryKind.PIN_REMOVED, EntryKind.ACTION, EntryKind.REDACTION));

    private final Map<String, List<TimelineEntry>> edits = new HashMap<>();
    private final Map<String, TimelineEntry> deletions = new HashMap<>();
    private final Map<String, Integer> marks = new HashMap<>();
    private final Set<String> addedByHand = new HashSet<>();
    private final Map<Long, Redaction> redactions = new HashMap<>();

    /** Takes note of what {@code e} says about another entry, if anything. */
    public void add(TimelineEntry e) {
      String about = e.refTs() == null ? null : messageKey(e.channelId(), e.refTs());
      switch (e.kind()) {
        case EDIT -> edits.computeIfAbsent(about, k -> new ArrayList<>()).add(e);
        case DELETE -> deletions.putIfAbsent(about, e);
        case REACTION_ADDED, PIN_ADDED -> marks.merge(about, 1, Integer::sum);
        case REACTION_REMOVED, PIN_REMOVED -> marks.merge(about, -1, Integer::sum);
        case ACTION -> {
          if (isKeyEventAction(e) && about != null) {
            addedByHand.add(about);
          }
        }
        case REDACTION -> redactedSeq(e).ifPresent(seq ->
            redactions.putIfAbsent(seq, new Redaction(e.actor(), e.at(), e.text() == null ? "" : e.text(), e.seq())));
        default -> {
          // messages and joins are looked up, not collected
        }
      }
    }

    /**
     * The ts of every message marked as a key event so far (pinned, reacted to with the key emoji and not taken
     * back, or added by hand): where {@link #item} can answer {@code keyEvent} for a message.
     */
    public Set<String> markedMessageTs() {
      Set<String> ts = new HashSet<>();
      marks.forEach((key, count) -> {
        if (key != null && count > 0) {
          ts.add(key.substring(key.lastIndexOf('/') + 1));
        }
      });
      addedByHand.forEach(key -> ts.add(key.substring(key.lastIndexOf('/') + 1)));
      return ts;
    }

    /** {@code e} as a reader sees it, given everything added so far. */
    public Item item(TimelineEntry e) {
      boolean message = e.kind() == EntryKind.MESSAGE;
      String self = messageKey(e.channelId(), e.ts());
      boolean key = message
          ? addedByHand.contains(self) || marks.getOrDefault(self, 0) > 0 // pins and reactions can be taken back
          : isKeyEventAction(e);
      return new Item(e,
          message ? edits.getOrDefault(self, List.of()) : List.of(),
          message ? Optional.ofNullable(deletions.get(self)) : Optional.empty(),
          e.isRedacted() ? Optional.ofNullable(redactions.get(e.seq())) : Optional.empty(),
          key);
    }
  }

  public Incident incident() {
    return incident;
  }

  /** Started, declared, and mitigated and resolved once reached, in that order. */
  public List<Phase> phases() {
    return phases;
  }

  /** Every entry, in Slack order. */
  public List<Item> items() {
    return items;
  }

  /** The phases of {@code incident}: started, declared, and mitigated and resolved once reached. */
  public static List<Phase> phases(Incident incident) {
    Incident.Times t = incident.times();
    List<Phase> phases = new ArrayList<>(4);
    phases.add(new Phase(PhaseName.STARTED, t.started(), Duration.ZERO));
    phases.add(new Phase(PhaseName.DECLARED, t.declared(), Duration.between(t.started(), t.declared())));
    if (t.mitigated() != null) {
      phases.add(new Phase(PhaseName.MITIGATED, t.mitigated(), Duration.between(t.started(), t.mitigated())));
    }
    if (t.resolved() != null) {
      phases.add(new Phase(PhaseName.RESOLVED, t.resolved(), Duration.between(t.started(), t.resolved())));
    }
    return List.copyOf(phases);
  }

  private static boolean isKeyEventAction(TimelineEntry e) {
    return e.kind() == EntryKind.ACTION && e.detail() != null && e.detail().startsWith("KEY_EVENT");
  }

  private static Optional<Long> redactedSeq(TimelineEntry redaction) {
    try {
      return Optional.of(Long.parseLong(redaction.refTs()));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String messageKey(String channel, String ts) {
    return channel + "/" + ts;
  }
}
