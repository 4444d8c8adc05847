package dev.candor.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Items handed from this thread to a consumer running on another, in order and in chunks, with at most a
 * few chunks waiting (memory stays flat); a failure of the consumer is thrown here.
 */
final class Handoff<T> implements Consumer<T> {
  private static final int CHUNK = 1_000;
  private static final List<Object> END = new ArrayList<>();

  private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(8);
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private List<T> chunk = new ArrayList<>(CHUNK);

  /** Starts {@code consumer} on {@code executor}; {@code atEnd} runs there after the last item. */
  Handoff(Executor executor, Consumer<T> consumer, Runnable atEnd) {
    executor.execute(() -> {
      try {
        while (true) {
          List<?> next = queue.take();
          if (next == END) {
            break;
          }
          @SuppressWarnings("unchecked")
          List<T> items = (List<T>) next;
          items.forEach(consumer);
        }
        atEnd.run();
        done.complete(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done.completeExceptionally(e);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    });
  }

  @Override
  public void accept(T item) {
    chunk.add(item);
    if (chunk.size() == CHUNK) {
      put(chunk);
      chunk = new ArrayList<>(CHUNK);
    }
  }

  /** Hands over what is left and waits for the consumer to finish. */
  void finish() throws IOException {
    if (!chunk.isEmpty()) {
      put(chunk);
    }
    put(END);
    Futures.join(done);
  }

  private void put(List<?> items) {
    try {
      while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
        if (done.isDone()) {
          Futures.join(done); // the consumer stopped: its failure is the one to report
          throw new IllegalStateException("the consumer stopped early");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing items over", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
