package dev.candor.slack.card;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentCards;
import dev.candor.incident.IncidentCards.Card;
import dev.candor.incident.IncidentCards.Place;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the card's jobs ({@link Cards}). Each draws the incident as it is when the job runs, so an older state never
 * follows a newer one, and edits a card only when what it would show changed. A card someone deleted
 * ({@code chat.update} answers {@code message_not_found}) is posted again once, then pinned and bookmarked again; a
 * second deletion is taken as meant. Temporary Slack failures (a 429 after its {@code Retry-After}, an outage) are
 * retried by the job; a failure no retry can mend is logged and the card left as it is, so that later edits, queued
 * behind this one, still go out. The copy in {@code INCIDENTS_CHANNEL} is kept the same way while the incident may
 * be published there.
 */
final class CardKeeper {
  private static final Logger log = LoggerFactory.getLogger(CardKeeper.class);
  /** Marks a card deleted for good: no edit is tried on it again. */
  static final String GONE = "";

  private final IncidentRepository incidents;
  private final IncidentCards cards;
  private final Cards schedule;
  private final SlackJobMessages messages;
  private final SlackGateway slack;
  private final Optional<String> incidentsChannel;
  private final Predicate<IncidentId> mayPublish;
  private final Function<Incident, Optional<String>> callLink;
  private final Clock clock;
  private final SeverityScale scale;

  /**
   * {@code slack} makes one attempt per call (its job retries); {@code mayPublish} says whether the copy may go out
   * now; {@code callLink} is the incident's call, if there is one.
   */
  CardKeeper(IncidentRepository incidents, IncidentCards cards, Cards schedule, SlackJobMessages messages,
      SlackGateway slack, Optional<String> incidentsChannel, Predicate<IncidentId> mayPublish,
      Function<Incident, Optional<String>> callLink, Clock clock, SeverityScale scale) {
    this.incidents = incidents;
    this.cards = cards;
    this.schedule = schedule;
    this.messages = messages;
    this.slack = slack;
    this.incidentsChannel = incidentsChannel;
    this.mayPublish = mayPublish;
    this.callLink = callLink;
    this.clock = clock;
    this.scale = scale;
  }

  /** A {@link Cards#KIND} job: post or edit the card (and its copy). */
  void run(Job job) {
    String[] what = job.payload().split(":", 2);
    Optional<Incident> found = what.length == 2 ? IncidentId.parse(what[1]).flatMap(incidents::byId)
        : Optional.empty();
    if (found.isEmpty()) {
      log.warn("job {}: no incident for {}; nothing to show", job.key(), job.payload());
      return;
    }
    Incident incident = found.get();
    boolean post = what[0].equals("post");
    CardView.Facts facts = facts(incident);
    keep(job, incident, Place.CHANNEL, incident.channelId(), CardView.card(facts), post);
    if (copied(incident)) {
      keep(job, incident, Place.COPY, incidentsChannel.get(), CardView.copy(facts), post);
    }
  }

  /** A {@link Cards#TICK} job: an open incident's card shows its times anew, and the next refresh is scheduled. */
  void tick(Job job) {
    Optional<Incident> found = IncidentId.parse(job.payload()).flatMap(incidents::byId);
    if (found.isEmpty() || !found.get().isOpen()) {
      return; // a closed incident's times stand still; a reopening starts the refreshes again
    }
    schedule.edit(found.get().id(), clock.instant());
    schedule.refreshLater(found.get().id());
  }

  CardView.Facts facts(Incident incident) {
    List<IncidentChange> changes = incidents.changes(incident.id());
    Optional<IncidentChange> lastStatus = Optional.empty();
    for (IncidentChange c : changes) {
      if (c.kind() == IncidentChange.Kind.STATUS) {
        lastStatus = Optional.of(c);
      }
    }
    return new CardView.Facts(incident, lastStatus, callLink.apply(incident), clock.instant(), scale);
  }

  private boolean copied(Incident incident) {
    return incidentsChannel.isPresent() && !incident.privateChannel()
        && !incidentsChannel.get().equals(incident.channelId());
  }

  private void keep(Job job, Incident incident, Place place, String channel, SlackMessage message, boolean post) {
    String hash = CardView.hash(message);
    Optional<Card> kept = cards.find(incident.id(), place);
    if (kept.isEmpty()) {
      if (post && mayShow(job, incident, place)) {
        posted(job, incident, place, channel, message, hash, 0);
      }
      return; // not posted yet: the job that posts it draws the incident as it is then
    }
    Card card = kept.get();
    if (card.ts().equals(GONE) || card.renderedHash().equals(hash) || !mayShow(job, incident, place)) {
      return;
    }
    try {
      slack.call("chat.update", c -> c.chatUpdate(r -> r.channel(card.channel()).ts(card.ts()).text(message.text())
          .blocks(message.blocks())));
      cards.save(new Card(incident.id(), place, card.channel(), card.ts(), hash, card.reposts(), clock.instant()));
    } catch (SlackCallFailed e) {
      if (!"message_not_found".equals(e.error())) {
        failed(job, incident, place, "editing", e);
        return;
      }
      if (card.reposts() >= 1) {
        log.warn("{}: its {} card in {} was deleted again; it was posted anew once, and is left deleted now",
            incident.id(), place, card.channel());
        cards.save(new Card(incident.id(), place, card.channel(), GONE, hash, card.reposts(), clock.instant()));
        return;
      }
      log.info("{}: its {} card in {} was deleted; posting it again", incident.id(), place, card.channel());
      posted(job, incident, place, channel, message, hash, card.reposts() + 1);
    }
  }

  /** Posts the card (once, across crashes) and keeps where it is; the channel's card is then pinned and bookmarked. */
  private void posted(Job job, Incident incident, Place place, String channel, SlackMessage message, String hash,
      int reposts) {
    SlackJobMessages.Delivery d;
    try {
      d = post(job, channel, message);
    } catch (SlackCallFailed e) {
      failed(job, incident, place, "posting", e);
      return;
    }
    cards.save(new Card(incident.id(), place, d.channel(), d.ts(), hash, reposts, clock.instant()));
    if (place == Place.CHANNEL) {
      schedule.pinLater(incident.id());
    }
  }

  /**
   * Candor posts in {@code INCIDENTS_CHANNEL} without being a member ({@code chat:write.public}) but reads its history
   * only from inside: a retry that must look there joins it first.
   */
  private SlackJobMessages.Delivery post(Job job, String channel, SlackMessage message) {
    try {
      return messages.postOnce(job, channel, message);
    } catch (SlackCallFailed e) {
      if (!"not_in_channel".equals(e.error())) {
        throw e;
      }
      slack.call("conversations.join", c -> c.conversationsJoin(r -> r.channel(channel)));
      return messages.postOnce(job, channel, message);
    }
  }

  /** The channel's card always; the copy only while the incident may be published outside its channel. */
  private boolean mayShow(Job job, Incident incident, Place place) {
    try {
      return place == Place.CHANNEL || mayPublish.test(incident.id());
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
  }

  private static void failed(Job job, Incident incident, Place place, String doing, SlackCallFailed e) {
    RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
    if (temporary instanceof RetryLater) {
      throw temporary;
    }
    log.warn("{}: {} its {} card failed for good: {}", incident.id(), doing, place, e.getMessage());
  }
}
