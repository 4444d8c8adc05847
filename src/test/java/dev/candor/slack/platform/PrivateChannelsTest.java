package dev.candor.slack.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.candor.followup.Facilitators;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.Severity;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.fakes.InMemoryIncidentRepository;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who is asked about levels and sent the digest of a private incident: only someone in its channel. */
class PrivateChannelsTest {
  final FakeSlack fake = new FakeSlack();
  final InMemoryIncidentRepository incidents = new InMemoryIncidentRepository();
  final PrivateChannels members = new PrivateChannels(gateway());

  @AfterEach
  void close() {
    fake.close();
  }

  SlackGateway gateway() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    return new SlackGateway(Slack.getInstance(config).methods("xoxb-test"), d -> { }, 1);
  }

  Incident incident(String channel, boolean isPrivate) {
    fake.addChannel(channel, "inc-" + channel.toLowerCase(), isPrivate, true, "UALICE");
    return incidents.insert(new IncidentRepository.NewIncident(channel, "inc-" + channel.toLowerCase(), "t", "",
        Severity.SEV3, isPrivate, "UALICE", "CGENERAL", null, Instant.parse("2026-12-01T12:00:00Z")));
  }

  @Test
  void aFacilitatorOutsideAPrivateIncident_isPassedOverForTheCommander() {
    Incident secret = incident("GSECRET", true);
    Incident open = incident("COPEN", false);
    Facilitators bob = id -> Optional.of("UBOB");
    Facilitators facilitators = members.insideOnly(bob, Facilitators.commanders(incidents), incidents);

    assertEquals(Optional.of("UALICE"), facilitators.of(secret.id()), "Bob isn't in the private channel");
    assertEquals(Optional.of("UBOB"), facilitators.of(open.id()), "anyone may facilitate a public incident");
    fake.channel("GSECRET").members.add("UBOB");
    assertEquals(Optional.of("UBOB"), facilitators.of(secret.id()), "once invited, Bob is asked");
  }

  @Test
  void aPrivateChannelCandorCannotRead_tellsNobodyOutsideAnything() {
    Incident secret = incident("GSECRET", true);
    fake.script("conversations.members", FakeSlack.error("channel_not_found"));
    assertEquals(false, members.mayHear(secret, "UALICE"));
  }
}
