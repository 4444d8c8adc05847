package dev.candor.incident;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/** Names incident channels {@code <prefix><yyyy-mm-dd>-<slug>}, within Slack's 80 characters. */
public final class ChannelNamer {
  static final int MAX_LENGTH = 80;
  private final String prefix;

  public ChannelNamer(String prefix) {
    this.prefix = prefix;
  }

  /** The name for the {@code attempt}-th try: the first has no suffix, then {@code -2}, {@code -3}. */
  public String name(String title, LocalDate date, int attempt) {
    String suffix = attempt <= 1 ? "" : "-" + attempt;
    String head = prefix + date + "-";
    int room = Math.max(1, MAX_LENGTH - head.length() - suffix.length());
    String slug = slug(title);
    if (slug.length() > room) {
      slug = slug.substring(0, room).replaceAll("-+$", "");
    }
    return head + slug + suffix;
  }

  static String slug(String title) {
    String plain = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "incident" : slug;
  }
}
