package dev.candor.postmortem;

/** What the channel decided about holding a post-mortem. */
public enum Decision {
  /** Nobody has decided yet: Candor keeps prompting. */
  PENDING,
  /** A meeting is scheduled (or was held). */
  SCHEDULED,
  /** Someone decided, with a reason, that none is needed. */
  NOT_NEEDED
}
