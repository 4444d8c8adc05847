package dev.candor.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text before it is stored and masks them, keeping only an HMAC of each original
 * under the local key (a short password's plain hash could be brute-forced; an HMAC cannot without the key).
 */
public final class SecretMasker {

  /** The text as it may be stored, and the HMAC of every secret taken out of it. */
  public record Masked(String text, List<String> secretMacs) {
    public Masked {
      secretMacs = List.copyOf(secretMacs);
    }
  }

  /**
   * A kind of secret: its name (shown in the mask), where in a match the secret itself is, and words one of
   * which every match holds (lower case), so text without any of them skips the expression.
   */
  private record Rule(String name, Pattern pattern, int group, List<String> cues) {
    boolean mayMatch(String lowerCase) {
      for (String cue : cues) {
        if (lowerCase.contains(cue)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final List<Rule> RULES = List.of(
      new Rule("private key", Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\\z)"), 0,
          List.of("-----begin")),
      new Rule("Slack token", Pattern.compile("\\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}"), 0, List.of("xox", "xapp")),
      new Rule("Slack webhook", Pattern.compile("https://hooks\\.slack\\.com/services/[A-Za-z0-9/]+"), 0,
          List.of("hooks.slack.com")),
      new Rule("AWS access key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"), 0,
          List.of("akia", "asia", "agpa", "aida", "aroa", "anpa")),
      new Rule("AWS secret key", Pattern.compile(
          "(?i)aws.{0,20}?(?:secret|private).{0,20}?[=:\"'\\s]+([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"), 1, List.of("aws")),
      new Rule("GitHub token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})"), 0,
          List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
      new Rule("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0, List.of("aiza")),
      new Rule("Stripe key", Pattern.compile("\\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}"), 0, List.of("k_live_", "k_test_")),
      new Rule("JSON web token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0,
          List.of("eyj")),
      new Rule("bearer token", Pattern.compile("(?i)\\b(?:bearer|token)\\s+([A-Za-z0-9._~+/-]{16,}=*)"), 1,
          List.of("bearer", "token")),
      new Rule("password in URL", Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@<>|]+:([^\\s@/<>|]+)@"), 1,
          List.of("://")),
      new Rule("password", Pattern.compile(
          "(?i)\\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret)\\s*[=:]\\s*[\"']?([^\\s\"'`,;]{6,})"), 1,
          List.of("password", "passwd", "pwd", "secret", "api", "access", "client")));

  private final EvidenceKey key;

  public SecretMasker(EvidenceKey key) {
    this.key = key;
  }

  public Masked mask(String text) {
    if (text == null || text.isEmpty()) {
      return new Masked(text == null ? "" : text, List.of());
    }
    String current = text;
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> macs = new ArrayList<>();
    for (Rule rule : RULES) {
      if (!rule.mayMatch(lower)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(current);
      StringBuilder out = null;
      int last = 0;
      while (m.find()) {
        int start = m.start(rule.group());
        int end = m.end(rule.group());
        if (start < 0 || end <= start || current.startsWith("[masked ", start)) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(current.length());
        }
        macs.add(key.mac("secret:" + current.substring(start, end)));
        out.append(current, last, start).append("[masked ").append(rule.name()).append(']');
        last = end;
      }
      if (out != null) {
        current = out.append(current, last, current.length()).toString();
        lower = current.toLowerCase(Locale.ROOT);
      }
    }
    return new Masked(current, macs);
  }
}
