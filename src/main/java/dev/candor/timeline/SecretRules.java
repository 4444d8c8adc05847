package dev.candor.timeline;

import dev.candor.timeline.SecretMasker.Hit;
import dev.candor.timeline.SecretMasker.Pick;
import dev.candor.timeline.SecretMasker.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masker's rules, in the order they run: vendors' tokens by their documented shapes first, then values
 * after a secret's name (headers, command-line flags, assignments in env files, JSON, YAML and code).
 */
final class SecretRules {
  private SecretRules() {}

  /** Not part of a token: what may stand just before one. */
  private static final String START = "(?<![A-Za-z0-9_-])";
  /** A value, quoted (group {@code q}+1 inside) or not (group {@code q}+2). */
  private static final String VALUE = "(?:([\"'])([^\"'\\r\\n]{1,200}+)\\%d|([^\\s\"']{1,300}+))";
  /** The words a secret's name ends with (lower case). */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?:password|passwd|passphrase|pwd|(?:^|[_.-])pass|secret|token|api[_-]?key|(?:access|secret|private|auth"
          + "|encryption|master|signing)[_-]?key)$");

  static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
          + "(?:-----END (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----|\\z)"), whole("private key"),
          List.of("-----begin")),
      token("Slack token", "(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}+", "xox", "xapp"),
      token("Slack webhook", "https://hooks\\.slack\\.com/services/[A-Za-z0-9/]++", "hooks.slack.com"),
      new Rule(Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}(?![A-Z0-9])"),
          whole("AWS access key"), List.of("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "anpa")),
      new Rule(Pattern.compile(
          "(?i)aws.{0,20}?(?:secret|private).{0,20}?[=:\"'\\s]{1,5}+([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"),
          group(1, "AWS secret key"), List.of("aws")),
      token("GitHub token", "(?:gh[pousr]_[A-Za-z0-9]{36,}+|github_pat_[A-Za-z0-9_]{50,}+)", "gh", "github_pat_"),
      token("GitLab token", "gl(?:pat|dt|ptt|rt|soat|cbt|ft|imt|oas)-[A-Za-z0-9_.-]{20,}+", "gl"),
      token("npm token", "npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", "npm_"),
      token("Stripe key", "[rs]k_(?:live|test)_[0-9A-Za-z]{16,}+", "k_live_", "k_test_"),
      token("Stripe webhook secret", "whsec_[A-Za-z0-9+/=]{24,}+", "whsec_"),
      token("Google API key", "AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", "aiza"),
      token("Google OAuth secret", "GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])", "gocspx-"),
      token("Google OAuth token", "ya29\\.[0-9A-Za-z_-]{20,}+", "ya29."),
      token("SendGrid key", "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", "sg."),
      token("Shopify token", "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])", "shp"),
      token("DigitalOcean token", "do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])", "_v1_"),
      token("PyPI token", "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}+", "pypi-"),
      token("Vault token", "hv[sb]\\.[A-Za-z0-9_-]{90,}+", "hvs.", "hvb."),
      token("API key", "sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\\d\\d-)[A-Za-z0-9_-]{20,}+", "sk-"),
      token("JSON web token",
          "eyJ[A-Za-z0-9_-]{8,}+\\.eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+", "eyj"),
      new Rule(Pattern.compile("(?i)" + START + "(?:proxy-)?authorization\\\\?[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}\\\\?[\"']?"
          + "(?:([A-Za-z][A-Za-z0-9-]{0,30}+)[ \\t]{1,3})?([^\\s\"'\\\\]++)"), SecretRules::authorization,
          List.of("authorization")),
      new Rule(Pattern.compile("(?i)" + START + "bearer[ \\t]{1,3}([A-Za-z0-9._~+/-]{16,}+=*+)"),
          (m, t) -> SecretValues.randomLooking(m.group(1)) ? at(m, 1, "bearer token") : null, List.of("bearer")),
      new Rule(Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}+://[^\\s:/@<>|\"'\\\\]{0,256}+:"
          + "([^\\s/<>|\"'\\\\]{1,256})@"), group(1, "password in URL"), List.of("://")),
      new Rule(Pattern.compile("(?i)" + START + "name:[ \\t]{0,3}[\"']?([A-Za-z0-9_.-]{1,60}+)[\"']?[ \\t]{0,20}+\\r?\\n"
          + "[ \\t-]{0,40}+value:[ \\t]{0,3}" + String.format(VALUE, 2)), SecretRules::nameValue,
          List.of("value:"), true),
      new Rule(Pattern.compile(START + "(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|mysqlimport|mysqlcheck"
          + "|mysqlsh)(?![A-Za-z0-9_-])[^\\n|;&]{0,200}?[ \\t]-p" + String.format(VALUE, 1)), quoted(1, false),
          List.of("mysql", "mariadb")),
      new Rule(Pattern.compile(START + "sshpass[ \\t]{1,3}-p[ \\t]{0,3}" + String.format(VALUE, 1)),
          quoted(1, false), List.of("sshpass")),
      new Rule(Pattern.compile(START + "redis-cli(?![A-Za-z0-9_-])[^\\n|;&]{0,200}?[ \\t](?:-a|--pass)[ \\t]{1,3}"
          + String.format(VALUE, 1)), quoted(1, false), List.of("redis-cli")),
      new Rule(Pattern.compile(START + "curl(?![A-Za-z0-9_-])[^\\n|;&]{0,300}?[ \\t](?:-u|--user)[ \\t]{0,3}[\"']?"
          + "[^\\s:\"']{1,100}+:([^\\s\"']{1,200}+)"),
          (m, t) -> SecretValues.placeholder(m.group(1)) ? null : at(m, 1, "password"), List.of("curl")),
      new Rule(Pattern.compile("(?i)" + START + "--?(?:[a-z0-9]{1,20}+-){0,4}(?:password|passwd|pass|token|secret"
          + "|api-?key|access-key|secret-key|private-key)[ \\t]{1,3}(?:([\"'])([^\"'\\r\\n]{1,200}+)\\1|([^\\s\"'-]"
          + "[^\\s\"']{0,300}+))"), quoted(1, true), List.of("-")),
      new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,60}+)(?<=pass|passwd|word|phrase|pwd|secret|token"
          + "|key)\\\\?[\"']?\\]?[ \\t]{0,3}(=>|:=|=|:)"
          + "[ \\t]{0,3}(?:\\\\?([\"'])([^\"'\\\\\\s]{1,300}+)|([^\\s\"'`<>\\\\]{1,300}+))"), SecretRules::assignment,
          List.of("pass", "pwd", "secret", "token", "key"), true));

  private static Rule token(String name, String regex, String... cues) {
    return new Rule(Pattern.compile(START + regex), whole(name), List.of(cues));
  }

  private static Pick whole(String name) {
    return (m, t) -> new Hit(m.start(), m.end(), name);
  }

  private static Pick group(int group, String name) {
    return (m, t) -> at(m, group, name);
  }

  private static Hit at(Matcher m, int group, String name) {
    return m.start(group) < 0 ? null : new Hit(m.start(group), m.end(group), name);
  }

  /** A value after a flag: quoted (group {@code q}+1) or bare (group {@code q}+2), which must look generated when asked. */
  private static Pick quoted(int q, boolean bareMustLookRandom) {
    return (m, t) -> {
      int group = m.start(q + 1) >= 0 ? q + 1 : q + 2;
      String v = m.group(group);
      if (SecretValues.placeholder(v) || (group == q + 2 && bareMustLookRandom && !SecretValues.randomLooking(v))) {
        return null;
      }
      return at(m, group, "password");
    };
  }

  /** {@code Authorization: <scheme> <credentials>}: the credentials; for Digest and the like, every parameter. */
  private static Hit authorization(Matcher m, String text) {
    String scheme = m.group(1);
    String credentials = m.group(2);
    if (SecretValues.placeholder(credentials)) {
      return null;
    }
    if (scheme == null) {
      return SecretValues.randomLooking(credentials) ? at(m, 2, "authorization") : null;
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (MULTI_PARAMETER.contains(lower)) {
      int end = m.end(2);
      while (end < text.length() && "\r\n\"'".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      while (end > m.start(2) && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      return new Hit(m.start(2), end, "authorization");
    }
    if (credentials.length() < 8 || SecretValues.wordLike(credentials)) {
      return null;
    }
    return at(m, 2, lower.equals("bearer") ? "bearer token" : "authorization");
  }

  private static final Set<String> MULTI_PARAMETER = Set.of("digest", "oauth", "aws4-hmac-sha256", "signature",
      "hawk", "ntlm", "negotiate");

  private static boolean secretName(String name) {
    return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  private static String nameOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("pass") || lower.contains("pwd") ? "password" : "secret";
  }

  /** A Kubernetes env entry: {@code - name: DB_PASSWORD} then {@code value: …}. */
  private static Hit nameValue(Matcher m, String text) {
    int group = m.start(3) >= 0 ? 3 : 4;
    if (!secretName(m.group(1)) || SecretValues.placeholder(m.group(group))) {
      return null;
    }
    return at(m, group, nameOf(m.group(1)));
  }

  /**
   * {@code NAME=value}, {@code "name": "value"}, {@code name: value}: quoted or after {@code =}, any real value;
   * after a colon, a value that is not a word (a config key's, alone on its line), or looks generated (in prose).
   */
  private static Hit assignment(Matcher m, String text) {
    String name = m.group(1);
    if (!secretName(name)) {
      return null;
    }
    boolean quoted = m.start(3) >= 0;
    int start = quoted ? m.start(4) : m.start(5);
    int end = quoted ? m.end(4) : m.end(5);
    if (!quoted) {
      boolean query = m.start(1) > 0 && "?&".indexOf(text.charAt(m.start(1) - 1)) >= 0;
      for (int i = start; i < end; i++) {
        if (";,)}]".indexOf(text.charAt(i)) >= 0 || (query && (text.charAt(i) == '&' || text.charAt(i) == '#'))) {
          end = i;
          break;
        }
      }
    }
    String v = text.substring(start, end);
    if (v.length() < 3 || SecretValues.placeholder(v) || (v.length() < 6 && v.chars().allMatch(Character::isDigit))) {
      return null;
    }
    if (!quoted && m.group(2).equals(":") && !colonValueIsSecret(name, v, m, text, end)) {
      return null;
    }
    return new Hit(start, end, nameOf(name));
  }

  private static boolean colonValueIsSecret(String name, String v, Matcher m, String text, int end) {
    boolean compound = name.length() > 2 && (name.chars().anyMatch(c -> "_.-".indexOf(c) >= 0)
        || !name.equals(name.toLowerCase(Locale.ROOT)) && !Character.isUpperCase(name.charAt(0)));
    boolean ownLine = lineStart(text, m.start(1)) && lineEnd(text, end);
    if (compound && ownLine) {
      return true;
    }
    if (compound || ownLine) {
      return !SecretValues.wordLike(v);
    }
    return SecretValues.randomLooking(v);
  }

  private static boolean lineStart(String text, int at) {
    for (int i = at - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
      if (" \t-\"'".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean lineEnd(String text, int at) {
    for (int i = at; i < text.length() && text.charAt(i) != '\n'; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
