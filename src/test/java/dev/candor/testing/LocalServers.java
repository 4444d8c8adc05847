package dev.candor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The local HTTP servers the fakes of outside services (Slack, PagerDuty, a webhook receiver) answer on. */
public final class LocalServers {
  private LocalServers() {}

  /** {@code server}, started on a free local port, answering every request with {@code answer}. */
  public static MockWebServer started(MockWebServer server, Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }
}
