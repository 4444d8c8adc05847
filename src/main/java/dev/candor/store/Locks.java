package dev.candor.store;

/**
 * The advisory locks Candor takes on PostgreSQL, each a pair of keys: the first names what is locked (these
 * numbers, "Cnd" and a letter, so they stay apart from any other application's on the same server), the second
 * which one of them.
 */
final class Locks {
  /** Writers take turns across replicas: one lock, second key 0 ({@link Jdbc#TAKE_WRITERS_TURN}). */
  static final int WRITERS = 0x436e6457; // "CndW"
  /** Declarations from one channel are made one at a time across replicas: second key the channel's hash. */
  static final int DECLARATIONS = 0x436e6444; // "CndD"

  private Locks() {}
}
