package dev.candor.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an answer's {@code Link} header is read: the {@code rel="next"} page, as GitHub writes it. */
class OkHttpTransportTest {
  @Test
  void theNextPage_isTheLinkWhoseRelationIsNext() {
    String github = "<https://api.github.com/repositories/1300192/issues?page=2&per_page=100>; rel=\"next\", "
        + "<https://api.github.com/repositories/1300192/issues?page=7&per_page=100>; rel=\"last\"";
    assertEquals(Optional.of(URI.create("https://api.github.com/repositories/1300192/issues?page=2&per_page=100")),
        OkHttpTransport.next(github));
    String middle = "<https://api.github.com/r/issues?page=1>; rel=\"prev\", <https://api.github.com/r/issues?page=3>;"
        + " rel=\"next\", <https://api.github.com/r/issues?page=1>; rel=\"first\"";
    assertEquals(Optional.of(URI.create("https://api.github.com/r/issues?page=3")), OkHttpTransport.next(middle));
    assertEquals(Optional.of(URI.create("https://x.test/a?labels=candor,level")),
        OkHttpTransport.next("<https://x.test/a?labels=candor,level>; REL=\"last next\""), "a comma in the URL");
    assertEquals(Optional.empty(), OkHttpTransport.next("<https://api.github.com/r/issues?page=1>; rel=\"prev\", "
        + "<https://api.github.com/r/issues?page=1>; rel=\"first\""), "the last page names no next");
    assertEquals(Optional.empty(), OkHttpTransport.next(null));
    assertEquals(Optional.empty(), OkHttpTransport.next("</issues?page=2>; rel=\"next\""), "not absolute");
    assertEquals(Optional.empty(), OkHttpTransport.next("garbage"));
  }
}
