package dev.candor.slack.card;

import com.slack.api.model.Bookmark;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentCards;
import dev.candor.incident.IncidentCards.Card;
import dev.candor.incident.IncidentCards.Place;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Cards#PIN} job: the card just posted is pinned and bookmarked in its channel (as "Incident card",
 * to its permalink), and the call link bookmarked (as "Call") when there is one. A bookmark already there (a retried
 * run) is not added twice. A temporary failure retries the job; one no retry mends (a missing scope, a workspace that
 * does not allow it) is logged, once for this card, and never stops the card's edits, which are other jobs.
 */
final class CardPins {
  private static final Logger log = LoggerFactory.getLogger(CardPins.class);
  static final String CARD_TITLE = "Incident card";
  static final String CALL_TITLE = "Call";
  /** What pinning a message already pinned answers: done. */
  private static final Set<String> DONE = Set.of("already_pinned");

  private final IncidentRepository incidents;
  private final IncidentCards cards;
  private final SlackGateway slack;
  private final Function<Incident, Optional<String>> callLink;

  CardPins(IncidentRepository incidents, IncidentCards cards, SlackGateway slack,
      Function<Incident, Optional<String>> callLink) {
    this.incidents = incidents;
    this.cards = cards;
    this.slack = slack;
    this.callLink = callLink;
  }

  void run(Job job) {
    Optional<Incident> incident = IncidentId.parse(job.payload()).flatMap(incidents::byId);
    Optional<Card> card = incident.flatMap(i -> cards.find(i.id(), Place.CHANNEL));
    if (card.isEmpty() || card.get().ts().equals(CardKeeper.GONE)) {
      return;
    }
    Card c = card.get();
    Incident i = incident.get();
    attempt(job, i, "pinning its card", () -> {
      try {
        slack.call("pins.add", m -> m.pinsAdd(r -> r.channel(c.channel()).timestamp(c.ts())));
      } catch (SlackCallFailed e) {
        if (!DONE.contains(e.error())) {
          throw e;
        }
      }
    });
    attempt(job, i, "bookmarking its card", () -> {
      String permalink = slack.call("chat.getPermalink",
          m -> m.chatGetPermalink(r -> r.channel(c.channel()).messageTs(c.ts()))).getPermalink();
      bookmark(c.channel(), CARD_TITLE, permalink);
    });
    callLink.apply(i).ifPresent(link -> attempt(job, i, "bookmarking its call", () ->
        bookmark(c.channel(), CALL_TITLE, link)));
  }

  /** Adds a link bookmark unless the channel has one to that link already (a retried run added it). */
  private void bookmark(String channel, String title, String link) {
    List<Bookmark> there = slack.call("bookmarks.list", m -> m.bookmarksList(r -> r.channelId(channel)))
        .getBookmarks();
    if (there != null && there.stream().anyMatch(b -> link.equals(b.getLink()))) {
      return;
    }
    slack.call("bookmarks.add", m -> m.bookmarksAdd(r -> r.channelId(channel).title(title).type("link").link(link)));
  }

  private static void attempt(Job job, Incident incident, String doing, Runnable action) {
    try {
      action.run();
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof RetryLater) {
        throw temporary;
      }
      String hint = "missing_scope".equals(e.error())
          ? " (Candor's app needs the pins:write and bookmarks:write scopes: reinstall it from manifest.yml)"
          : "";
      log.warn("{}: {} failed: {}{}; the card is kept current all the same", incident.id(), doing, e.getMessage(),
          hint);
    }
  }
}
