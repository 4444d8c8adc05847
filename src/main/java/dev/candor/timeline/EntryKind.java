package dev.candor.timeline;

/** What a timeline entry records. */
public enum EntryKind {
  /** A message, a thread reply, a bot's message or a file share. */
  MESSAGE,
  /** A message was edited; the entry holds the new text and points to the original. */
  EDIT,
  /** A message was deleted; the original entry keeps its text. */
  DELETE,
  REACTION_ADDED,
  REACTION_REMOVED,
  PIN_ADDED,
  PIN_REMOVED,
  MEMBER_JOINED,
  /** Something done through Candor: declare, status, severity, roles, resolve, notes, key events. */
  ACTION,
  /** The one permitted removal: an entry's content was taken out, for a stated reason. */
  REDACTION
}
