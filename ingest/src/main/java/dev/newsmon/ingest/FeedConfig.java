package dev.newsmon.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One feed to poll: where it is, what to call it, how often to ask, and whether to fetch the full
 * text of each new item's page.
 *
 * @param interval time between polls; {@code null} means the ingest-wide default
 * @param language ISO 639-1 code given to the feed's articles, or null to leave it unset
 * @param fullText fetch each new item's linked page and extract its main text (opt-in: it costs one
 *     request per item to the publisher)
 */
public record FeedConfig(
    URI url, String name, Duration interval, String language, boolean fullText) {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  public FeedConfig {
    if (url == null) {
      throw new IllegalArgumentException("feed url is required");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("feed url must be http or https: " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("feed url has no host: " + url);
    }
    if (name == null || name.isBlank()) {
      name = url.getHost();
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("feed interval must be positive: " + interval);
    }
    if (language != null) {
      language = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
      if (!LANGUAGE.matcher(language).matches()) {
        throw new IllegalArgumentException("feed language is not an ISO 639-1 code: " + language);
      }
    }
  }

  /** A feed with the default interval, no language and no full-text fetch. */
  public static FeedConfig of(String url, String name) {
    return new FeedConfig(URI.create(url), name, null, null, false);
  }
}
