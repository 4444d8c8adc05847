package dev.candor.store;

/** A database operation failed; the message names what was being done. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String what, Throwable cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
