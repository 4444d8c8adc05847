package dev.candor.timeline;

import dev.candor.incident.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text before it is stored and masks them, keeping only an HMAC of each original
 * under the local key (a short password's plain hash could be brute-forced; an HMAC cannot without the key).
 *
 * <p>Two kinds of rule. A vendor's token has a documented shape (a prefix, an alphabet, a length) and is masked
 * wherever it stands. A value after a secret's name ({@code DB_PASSWORD=}, {@code "client_secret":},
 * {@code Authorization: Basic}, {@code mysql -p}) is masked only when it could be a secret there
 * ({@link SecretValues}): prose such as "the token verification failures" is evidence and stays.
 *
 * <p>Every expression runs in time linear in the text: each starts at a literal anchor or at the start of a run
 * (a look-behind), its repetitions are bounded or possessive, so no start rescans what another start scanned
 * ({@code SecretMaskerWorstCaseTest}).
 */
public final class SecretMasker implements SecretMask {

  /** Where in the text a match's secret is, and the name shown in its mask. */
  record Hit(int start, int end, String name) {}

  /** Decides, for one match, what to mask, or null to leave it. */
  @FunctionalInterface
  interface Pick {
    Hit pick(Matcher m, String text);
  }

  /**
   * A kind of secret: its expression, what to mask of a match, and words one of which every match holds
   * (lower case), so text without any of them skips the expression. A rule that {@code rescans} looks again
   * just after the start of a match it left, whose value may hold the next match ({@code User=svc;Password=…});
   * its expression must then reject early and read a bounded length, so rescanning stays linear.
   */
  record Rule(Pattern pattern, Pick pick, List<String> cues, boolean rescans) {
    Rule(Pattern pattern, Pick pick, List<String> cues) {
      this(pattern, pick, cues, false);
    }

    boolean mayMatch(String lowerCase) {
      for (String cue : cues) {
        if (lowerCase.contains(cue)) {
          return true;
        }
      }
      return false;
    }
  }

  private final EvidenceKey key;

  public SecretMasker(EvidenceKey key) {
    this.key = key;
  }

  @Override
  public Masked mask(String text) {
    return mask(text, null);
  }

  /**
   * As {@link #mask(String)}, noting in {@code rules} (when not null) the index of the rule that found each secret,
   * in the order of the MACs: rules run in order, so a MAC's place follows its rule ({@link CarriedSecrets}).
   */
  Masked mask(String text, List<Integer> rules) {
    if (text == null || text.isEmpty()) {
      return new Masked(text == null ? "" : text, List.of());
    }
    String current = text;
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> macs = new ArrayList<>();
    for (int r = 0; r < SecretRules.RULES.size(); r++) {
      Rule rule = SecretRules.RULES.get(r);
      if (!rule.mayMatch(lower)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(current);
      StringBuilder out = null;
      int last = 0;
      int from = 0;
      while (from <= current.length() && m.find(from)) {
        Hit hit = rule.pick().pick(m, current);
        if (hit == null || hit.start() < last || hit.end() <= hit.start() || current.startsWith("[masked ", hit.start())) {
          from = rule.rescans() ? m.start() + 1 : Math.max(m.end(), m.start() + 1);
          continue;
        }
        from = Math.max(m.end(), hit.end());
        if (out == null) {
          out = new StringBuilder(current.length());
        }
        macs.add(key.mac("secret:" + current.substring(hit.start(), hit.end())));
        if (rules != null) {
          rules.add(r);
        }
        out.append(current, last, hit.start()).append("[masked ").append(hit.name()).append(']');
        last = hit.end();
      }
      if (out != null) {
        current = out.append(current, last, current.length()).toString();
        lower = current.toLowerCase(Locale.ROOT);
      }
    }
    return new Masked(current, macs);
  }
}
