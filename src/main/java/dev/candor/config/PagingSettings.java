package dev.candor.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Paging the on-call through PagerDuty's Events API v2: the routing key of the service incidents page
 * ({@code PAGERDUTY_ROUTING_KEY}), the severity from which a declaration pages ({@code CANDOR_PAGE_AT}, 1 for SEV1
 * to 4 for SEV4), other services {@code /incident page} may name ({@code PAGERDUTY_SERVICES}), and the Events API's
 * address ({@code PAGERDUTY_EVENTS_URL}).
 */
public record PagingSettings(Optional<String> routingKey, int pageAt, Map<String, String> services, URI eventsUrl) {
  public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
  /** An Events API v2 integration key: 32 letters and digits. */
  public static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
  private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  public PagingSettings {
    services = Map.copyOf(services);
  }

  public static PagingSettings none() {
    return new PagingSettings(Optional.empty(), 2, Map.of(), URI.create(DEFAULT_EVENTS_URL));
  }

  /** Whether {@code /incident page} and automatic pages can reach any service. */
  public boolean enabled() {
    return routingKey.isPresent() || !services.isEmpty();
  }

  static PagingSettings read(Optional<String> key, Optional<String> pageAt, Optional<String> services,
      Optional<String> eventsUrl) {
    if (key.isPresent() && !ROUTING_KEY.matcher(key.get()).matches()) {
      throw new ConfigException("PAGERDUTY_ROUTING_KEY must be an Events API v2 integration key, 32 letters and "
          + "digits (PagerDuty: Service > Integrations > Events API v2); the value given is not");
    }
    return new PagingSettings(key, level(pageAt.orElse("sev2")), services(services),
        ServiceUrl.of("PAGERDUTY_EVENTS_URL", eventsUrl.orElse(DEFAULT_EVENTS_URL), DEFAULT_EVENTS_URL, ""));
  }

  private static int level(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT).replaceFirst("^sev-?", "");
    if (!v.matches("[1-4]")) {
      throw new ConfigException("CANDOR_PAGE_AT must be a severity from sev1 to sev4 (declaring at it or worse "
          + "pages), not \"" + value + "\"");
    }
    return Integer.parseInt(v);
  }

  private static Map<String, String> services(Optional<String> value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : value.map(v -> v.split(",")).orElse(new String[0])) {
      if (part.isBlank()) {
        continue;
      }
      String[] nameKey = part.strip().split("=", 2);
      String name = nameKey[0].strip().toLowerCase(Locale.ROOT);
      if (nameKey.length != 2 || !SERVICE.matcher(name).matches()
          || !ROUTING_KEY.matcher(nameKey[1].strip()).matches()) {
        throw new ConfigException("PAGERDUTY_SERVICES must be name=routing-key pairs, comma-separated (payments="
            + "<32 letters and digits>); \"" + nameKey[0].strip() + "=…\" is not one");
      }
      out.put(name, nameKey[1].strip());
    }
    return out;
  }

  @Override
  public String toString() {
    return routingKey.isEmpty() && services.isEmpty() ? "off"
        : "pages at SEV" + pageAt + (services.isEmpty() ? "" : ", services " + services.keySet());
  }
}
