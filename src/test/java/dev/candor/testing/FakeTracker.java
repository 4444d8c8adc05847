package dev.candor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;

/** What the fake issue trackers (GitHub, Linear, Jira) share: their issues, scripted answers, small pages, a held create. */
public interface FakeTracker extends AutoCloseable {
  /** The issues, by number or key. */
  Map<?, JsonNode> issues();

  /** These answers come first, before anything the tracker would say. */
  void failNext(MockResponse... responses);

  /** Pages of issue lists hold at most {@code n} issues from now on. */
  void pagesOf(int n);

  /** Where the tracker holds the answer to an issue's create: the connection open, nothing said. */
  HeldAnswer heldCreate();

  /** The next issue made is made, but its answer held until {@link #release()}: what a client that dies meanwhile never hears. */
  default void holdNextCreate() {
    heldCreate().arm();
  }

  /** Whether a create was held within {@code timeout}. */
  default boolean awaitHeld(Duration timeout) throws InterruptedException {
    return heldCreate().awaitReached(timeout);
  }

  default void release() {
    heldCreate().release();
  }

  @Override
  void close();
}
