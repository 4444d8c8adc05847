package dev.candor.incident;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names incident channels from a template ({@code inc-{number}-{slug}} by default; {@code {date}} is the day of the
 * declaration), within Slack's 80 characters. The slug keeps a title readable in any script: Latin letters lose their
 * accents, other scripts' letters stay as written, everything else becomes single dashes, all in lowercase; a title
 * with no letter or digit gives {@code incident}.
 */
public final class ChannelNamer {
  public static final String DEFAULT_TEMPLATE = "inc-{number}-{slug}";
  static final int MAX_LENGTH = 80;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final Pattern LITERAL = Pattern.compile("[a-z0-9_-]*");
  /** Latin letters no decomposition takes an accent off. */
  private static final Map<Integer, String> LATIN_PLAIN = Map.of((int) 'ø', "o", (int) 'đ', "d", (int) 'ł', "l",
      (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ß', "ss", (int) 'þ', "th", (int) 'ð', "d", (int) 'ı', "i");

  private final String template;

  /** {@code template} as {@link #problem} accepts it. */
  public ChannelNamer(String template) {
    Optional<String> problem = problem(template);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    this.template = template;
  }

  /** The template a {@code CANDOR_CHANNEL_PREFIX} of older settings stands for: the prefix, the number, the slug. */
  public static String templateForPrefix(String prefix) {
    return prefix + "{number}-{slug}";
  }

  /**
   * What is wrong with {@code template}, if anything: it must hold {@code {number}} or {@code {slug}}, know no other
   * placeholder than those and {@code {date}}, and otherwise hold only lowercase letters, digits, - and _ (at most 30).
   */
  public static Optional<String> problem(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder literal = new StringBuilder();
    int end = 0;
    boolean named = false;
    while (m.find()) {
      literal.append(template, end, m.start());
      end = m.end();
      switch (m.group(1)) {
        case "number", "slug" -> named = true;
        case "date" -> { }
        default -> {
          return Optional.of("knows {number}, {slug} and {date}, not {" + m.group(1) + "}");
        }
      }
    }
    literal.append(template.substring(end));
    if (!LITERAL.matcher(literal).matches() || literal.length() > 30) {
      return Optional.of("may hold, besides {number}, {slug} and {date}, only lowercase letters, digits, - and _ "
          + "(at most 30)");
    }
    if (!named) {
      return Optional.of("must hold {number} or {slug}, so two incidents get two channels");
    }
    return Optional.empty();
  }

  /** The name for incident {@code number}'s {@code attempt}-th try: the first has no suffix, then -2, -3. */
  public String name(long number, String title, LocalDate date, int attempt) {
    String suffix = attempt <= 1 ? "" : "-" + attempt;
    String withoutSlug = render(number, "", date);
    String slug = slug(title);
    if (template.contains("{slug}")) {
      int room = Math.max(1, MAX_LENGTH - codePoints(withoutSlug) - codePoints(suffix));
      if (codePoints(slug) > room) {
        slug = slug.substring(0, slug.offsetByCodePoints(0, room)).replaceAll("-+$", "");
      }
    }
    String name = render(number, slug, date);
    int room = MAX_LENGTH - codePoints(suffix);
    if (codePoints(name) > room) {
      name = name.substring(0, name.offsetByCodePoints(0, room));
    }
    return name + suffix;
  }

  private String render(long number, String slug, LocalDate date) {
    return template.replace("{number}", Long.toString(number)).replace("{date}", date.toString())
        .replace("{slug}", slug);
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The title as a channel name's words: see the class comment. */
  static String slug(String title) {
    String decomposed = Normalizer.normalize(title, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean afterLatin = false;
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK || Character.getType(cp) == Character.COMBINING_SPACING_MARK
          || Character.getType(cp) == Character.ENCLOSING_MARK) {
        if (!afterLatin) {
          out.appendCodePoint(cp); // a mark of another script is part of how its word is written
        }
        continue;
      }
      afterLatin = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
      int lower = Character.toLowerCase(cp);
      String plain = afterLatin ? LATIN_PLAIN.get(lower) : null;
      if (plain != null) {
        out.append(plain);
      } else {
        out.appendCodePoint(lower);
      }
    }
    String slug = Normalizer.normalize(out.toString(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{Nd}]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "incident" : slug;
  }
}
