package dev.candor.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback appender that keeps the log lines of the test running now in memory instead of printing them;
 * {@link LogsOnFailure} prints them when the test fails and drops them otherwise. A test JVM runs one test at a
 * time (parallel runs are separate JVMs), so one buffer per JVM holds one test's lines, whatever thread logged them.
 * At most {@link #MAX_LINES} are kept: the last ones, which say how a failure came about.
 */
public final class TestLogs extends AppenderBase<ILoggingEvent> {
  static final int MAX_LINES = 20_000;
  private static final Object LOCK = new Object();
  private static final ArrayDeque<String> LINES = new ArrayDeque<>();
  private static long dropped;

  private Encoder<ILoggingEvent> encoder;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for appender " + name);
      return;
    }
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    synchronized (LOCK) {
      if (LINES.size() == MAX_LINES) {
        LINES.removeFirst();
        dropped++;
      }
      LINES.addLast(line);
    }
  }

  /** The lines kept since the last {@link #take()}, which forgets them. */
  static List<String> take() {
    synchronized (LOCK) {
      List<String> out = new ArrayList<>(LINES.size() + 1);
      if (dropped > 0) {
        out.add("(" + dropped + " earlier lines dropped)" + System.lineSeparator());
      }
      out.addAll(LINES);
      LINES.clear();
      dropped = 0;
      return out;
    }
  }
}
