package dev.candor.incident;

/** The post-mortem steps the incident's record keeps. */
public enum PostmortemStep {
  /** A meeting was scheduled (or moved). */
  SCHEDULED,
  /** Someone decided none is needed; the text is their reason. */
  NOT_NEEDED,
  /** Someone asked to be prompted again tomorrow. */
  REMIND_TOMORROW,
  /** The draft document was opened. */
  DOCUMENT_OPENED;

  /** The step in a sentence: {@code scheduled the post-mortem}. */
  public String words() {
    return switch (this) {
      case SCHEDULED -> "scheduled the post-mortem";
      case NOT_NEEDED -> "decided no post-mortem is needed";
      case REMIND_TOMORROW -> "asked to be reminded about the post-mortem tomorrow";
      case DOCUMENT_OPENED -> "opened the post-mortem document";
    };
  }
}
