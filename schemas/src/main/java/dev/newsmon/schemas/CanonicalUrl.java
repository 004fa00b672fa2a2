package dev.newsmon.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Canonical form of an article URL, so the same article reached through different links gets the
 * same id: scheme and host lowercased, default port, fragment and tracking parameters ({@code
 * utm_*}, {@code fbclid}, {@code gclid}) dropped, an empty path written as {@code /}.
 */
public final class CanonicalUrl {
  private CanonicalUrl() {}

  /**
   * @throws InvalidRecordException when the text is not an absolute http or https URL
   */
  public static String of(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new InvalidRecordException("url", "not a valid URL (" + e.getReason() + ") in field");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new InvalidRecordException("url", "not an http or https URL in field");
    }
    if (uri.getHost() == null) {
      throw new InvalidRecordException("url", "no host in field");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    StringBuilder out = new StringBuilder(url.length()).append(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    String path = uri.getRawPath();
    out.append(path == null || path.isEmpty() ? "/" : path);
    String query = keptQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  private static String keptQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String param : rawQuery.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid")) {
        continue;
      }
      kept.add(param);
    }
    return String.join("&", kept);
  }
}
