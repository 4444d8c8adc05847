package dev.candor.config;

import java.util.regex.Pattern;

/** A database URL as it may be shown: in a log line or a message, its password is never printed. */
public final class DatabaseUrls {
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

  private DatabaseUrls() {}

  /** {@code url} with any password in it (a {@code password=} parameter, or {@code user:password@}) replaced by ***. */
  public static String redacted(String url) {
    if (url == null) {
      return null;
    }
    String out = PASSWORD.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(out).replaceAll("$1***@");
  }
}
