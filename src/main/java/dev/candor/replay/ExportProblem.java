package dev.candor.replay;

/** The export cannot be replayed as asked; the message is the one line to show the user. */
public final class ExportProblem extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportProblem(String message) {
    super(message);
  }
}
