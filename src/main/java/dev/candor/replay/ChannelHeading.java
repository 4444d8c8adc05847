package dev.candor.replay;

import dev.candor.incident.Severity;
import dev.candor.incident.SeverityReading;
import dev.candor.incident.SeverityScale;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an exported channel says its incident is: a title and a severity, read from its purpose, topic and name
 * as declaring reads a typed title ({@link SeverityReading} against the team's scale), so {@code (P2) checkout
 * slow} is SEV2 titled "checkout slow"; the topic is read part by part, as Candor writes one ({@code Investigating ·
 * SEV2 · Commander: @ann}). The title is the purpose less the severity it names at an end, else the
 * channel's name without the incident prefix and its number or date ({@code inc-7-}, Candor's own
 * {@code inc-{number}-{slug}}, or {@code inc-2026-03-14-}; less a severity, too); the severity is the first one read
 * in the purpose, the topic, then the name, else SEV3 as when declaring. A word declaring would ask about (a plain
 * last word such as {@code high}) or refuse ({@code sev9}) is neither read nor taken out: nobody is there to ask.
 */
final class ChannelHeading {
  /** The severity when the channel names none, as when a title names none. */
  static final Severity DEFAULT = Severity.SEV3;
  static final int MAX_TITLE = 150;
  private static final Pattern DATED_NAME =
      Pattern.compile("^(?:inc(?:ident)?[-_](?:\\d+[-_](?!\\d{2}[-_]\\d{2}[-_]))?)?(?:\\d{4}[-_]\\d{2}[-_]\\d{2}[-_])?(.+)$");

  /** The incident as the channel declares it. */
  record Heading(String title, Severity severity) {}

  /** What separates the parts of a topic as Candor writes it: {@code Investigating · SEV2 · Commander: @ann}. */
  private static final Pattern TOPIC_PARTS = Pattern.compile("\\s*·\\s*");

  private final SeverityScale scale;
  private final SeverityReading reading;

  ChannelHeading(SeverityScale scale) {
    this.scale = scale;
    this.reading = new SeverityReading(scale);
  }

  Heading read(ExportChannel channel) {
    String purpose = channel.purpose().strip().lines().findFirst().orElse("").strip();
    Matcher dated = DATED_NAME.matcher(channel.name());
    String name = (dated.matches() ? dated.group(1) : channel.name()).replaceAll("[-_]+", " ").strip();
    Optional<SeverityReading.Read> inPurpose = read(purpose);
    Optional<SeverityReading.Read> inName = read(name);
    Severity severity = inPurpose.map(SeverityReading.Read::severity)
        .or(() -> inTopic(channel.topic().strip().lines().findFirst().orElse("")))
        .or(() -> inName.map(SeverityReading.Read::severity)).orElse(DEFAULT);
    String title = inPurpose.map(SeverityReading.Read::title).orElse(purpose);
    if (title.isEmpty()) {
      title = capitalised(inName.map(SeverityReading.Read::title).filter(t -> !t.isEmpty()).orElse(name));
    }
    if (title.isEmpty()) {
      title = capitalised(channel.name());
    }
    return new Heading(title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1).strip() + "…",
        severity);
  }

  /**
   * The severity a part of the topic names: read as a title is, or the part is a name or word of the scale alone,
   * as Candor writes a topic ({@code Investigating · P2 · Commander: @ann}).
   */
  private Optional<Severity> inTopic(String topic) {
    for (String part : TOPIC_PARTS.split(topic)) {
      Optional<Severity> s = read(part).map(SeverityReading.Read::severity).or(() -> scale.byWord(part));
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /** The severity {@code text} names at an end, and the rest, when it is read as declaring reads it. */
  private Optional<SeverityReading.Read> read(String text) {
    return text.isBlank() ? Optional.empty()
        : Optional.of(reading.read(text)).filter(SeverityReading.Read.class::isInstance)
            .map(SeverityReading.Read.class::cast);
  }

  private static String capitalised(String words) {
    return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
