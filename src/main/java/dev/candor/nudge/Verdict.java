package dev.candor.nudge;

import java.util.Locale;

/** What a message comes to: blame (a nudge), self-blame (support) or nothing. */
public enum Verdict {
  BLAME,
  SELF_BLAME,
  NONE;

  /** The label used in data files: {@code blame}, {@code self_blame}, {@code none}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
