package dev.candor.config;

import static dev.candor.config.BotConfigTest.httpMode;
import static dev.candor.config.BotConfigTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CANDOR_WEBHOOK_URLS, CANDOR_WEBHOOK_SECRET and the PagerDuty settings, read once, refused in one line. */
class OutboundSettingsTest {
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
  static final String ROUTING_KEY = "R0123456789abcdefABCDEF012345678";

  static Map<String, String> with(String... pairs) {
    Map<String, String> env = httpMode();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void webhooks_areOffByDefault() {
    WebhookSettings hooks = BotConfig.fromEnvironment(httpMode()).webhooks();
    assertFalse(hooks.enabled());
    assertEquals(List.of(), hooks.urls());
  }

  @Test
  void webhookUrls_areReadCommaSeparated_httpsOrLocalHttp() {
    WebhookSettings hooks = BotConfig.fromEnvironment(with("CANDOR_WEBHOOK_URLS",
        " https://hooks.example.com/candor , http://127.0.0.1:8080/in,http://localhost/x ", "CANDOR_WEBHOOK_SECRET",
        SECRET)).webhooks();
    assertEquals(List.of(URI.create("https://hooks.example.com/candor"), URI.create("http://127.0.0.1:8080/in"),
        URI.create("http://localhost/x")), hooks.urls());
    assertEquals(Optional.of(SECRET), hooks.secret());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://hooks.example.com/candor", "ftp://hooks.example.com", "hooks.example.com/x",
      "https://user:pw@hooks.example.com/x", "https://exa mple.com"})
  void aWebhookUrl_thatIsNotHttpsNorLocal_isRefused(String url) {
    String message = refused(with("CANDOR_WEBHOOK_URLS", url, "CANDOR_WEBHOOK_SECRET", SECRET), "CANDOR_WEBHOOK_URLS");
    assertFalse(message.contains("pw"), message);
  }

  @Test
  void webhookUrls_withoutASecret_areRefused_namingTheSecret() {
    refused(with("CANDOR_WEBHOOK_URLS", "https://hooks.example.com/candor"), "CANDOR_WEBHOOK_SECRET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"supersecretvalue", "whsec_not base64!", "whsec_c2hvcnQ="})
  void aSecretNotInTheStandardFormat_isRefused_withoutPrintingIt(String secret) {
    String message = refused(with("CANDOR_WEBHOOK_URLS", "https://hooks.example.com/candor", "CANDOR_WEBHOOK_SECRET",
        secret), "CANDOR_WEBHOOK_SECRET");
    assertFalse(message.contains(secret), message);
  }

  @Test
  void printing_showsHowManyWebhooks_neverTheSecret() {
    String printed = BotConfig.fromEnvironment(with("CANDOR_WEBHOOK_URLS", "https://hooks.example.com/candor",
        "CANDOR_WEBHOOK_SECRET", SECRET, "PAGERDUTY_ROUTING_KEY", ROUTING_KEY)).toString();
    assertFalse(printed.contains(SECRET.substring(6, 20)), printed);
    assertFalse(printed.contains(ROUTING_KEY), printed);
    assertTrue(printed.contains("webhooks=1 URL(s)"), printed);
  }

  @Test
  void paging_isOffByDefault_andPagesAtSev2() {
    PagingSettings paging = BotConfig.fromEnvironment(httpMode()).paging();
    assertFalse(paging.enabled());
    assertEquals(2, paging.pageAt());
    assertEquals(URI.create("https://events.pagerduty.com/v2/enqueue"), paging.eventsUrl());
  }

  @Test
  void paging_readsTheKeyTheThresholdAndServices() {
    PagingSettings paging = BotConfig.fromEnvironment(with("PAGERDUTY_ROUTING_KEY", ROUTING_KEY, "CANDOR_PAGE_AT",
        "SEV1", "PAGERDUTY_SERVICES", "Payments=" + ROUTING_KEY.replace('R', 'P') + ", search=" + ROUTING_KEY))
        .paging();
    assertEquals(Optional.of(ROUTING_KEY), paging.routingKey());
    assertEquals(1, paging.pageAt());
    assertEquals(Map.of("payments", ROUTING_KEY.replace('R', 'P'), "search", ROUTING_KEY), paging.services());
  }

  @Test
  void badPagingSettings_areRefused_inOneLineNamingThem() {
    String message = refused(with("PAGERDUTY_ROUTING_KEY", "u+not-a-key"), "PAGERDUTY_ROUTING_KEY");
    assertFalse(message.contains("u+not-a-key"), message);
    refused(with("CANDOR_PAGE_AT", "sev5"), "CANDOR_PAGE_AT");
    refused(with("PAGERDUTY_SERVICES", "payments"), "PAGERDUTY_SERVICES");
    refused(with("PAGERDUTY_EVENTS_URL", "http://events.example.com/v2/enqueue"), "PAGERDUTY_EVENTS_URL");
  }
}
