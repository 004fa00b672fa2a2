package dev.newsmon.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One piece of coverage, as ingest publishes it to {@code newsmon.articles} keyed by {@link #id}.
 *
 * <p>The id is stable: derived from the canonical URL when there is one, else from a hash of the
 * text, so the same article seen again gets the same id. Build articles with {@link #builder()},
 * which computes the id, canonicalises the URL and caps the body.
 *
 * @param publishedAtFallback null when the source gave a publication date; else where {@code
 *     publishedAt} came from instead ({@code updated} or {@code fetched})
 * @param truncated true when the body was cut to the configured cap
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Article(
    int schemaVersion,
    String id,
    String url,
    String source,
    String title,
    String body,
    String language,
    Instant publishedAt,
    Instant fetchedAt,
    String author,
    String feed,
    boolean truncated,
    String publishedAtFallback) {

  public static final int SCHEMA_VERSION = 1;

  /** Default cap on the body, in UTF-8 bytes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  public Article {
    if (schemaVersion == 0) {
      schemaVersion = SCHEMA_VERSION;
    }
    InvalidRecordException.requireText("id", id);
    InvalidRecordException.requireText("source", source);
    InvalidRecordException.require("title", title);
    InvalidRecordException.require("body", body);
    InvalidRecordException.require("publishedAt", publishedAt);
    InvalidRecordException.require("fetchedAt", fetchedAt);
    if (title.isBlank() && body.isBlank()) {
      throw new InvalidRecordException("body", "no text: both title and body are empty, see");
    }
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw new InvalidRecordException(
          "language", "not an ISO 639-1 code ('" + language + "') in field");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id of an article with this canonical URL. */
  public static String idForUrl(String canonicalUrl) {
    return "u" + Hashes.sha256Hex128(canonicalUrl);
  }

  /** The id of an article without a URL: a hash of its whitespace-normalised text. */
  public static String idForContent(String title, String body) {
    String text = (title + "\n" + body).strip().replaceAll("\\s+", " ");
    return "c" + Hashes.sha256Hex128(text);
  }

  /** Assembles an {@link Article}, deriving what can be derived. */
  public static final class Builder {
    private String url;
    private String source;
    private String title = "";
    private String body = "";
    private String language;
    private Instant publishedAt;
    private Instant fetchedAt;
    private String author;
    private String feed;
    private String publishedAtFallback;
    private boolean alreadyTruncated;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    public Builder url(String url) {
      this.url = url == null || url.isBlank() ? null : url;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder title(String title) {
      this.title = title == null ? "" : title.strip();
      return this;
    }

    public Builder body(String body) {
      this.body = body == null ? "" : body.strip();
      return this;
    }

    public Builder language(String language) {
      this.language =
          language == null || language.isBlank()
              ? null
              : language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
      return this;
    }

    public Builder publishedAt(Instant publishedAt) {
      this.publishedAt = publishedAt;
      return this;
    }

    public Builder fetchedAt(Instant fetchedAt) {
      this.fetchedAt = fetchedAt;
      return this;
    }

    public Builder author(String author) {
      this.author = author == null || author.isBlank() ? null : author.strip();
      return this;
    }

    public Builder feed(String feed) {
      this.feed = feed;
      return this;
    }

    /** Records that {@code publishedAt} is not the source's own publication date. */
    public Builder publishedAtFallback(String fallback) {
      this.publishedAtFallback = fallback;
      return this;
    }

    /**
     * Records that the body was cut before this build, as in an article read back from JSON: it
     * stays marked {@code truncated} though it now fits the cap.
     */
    public Builder alreadyTruncated(boolean alreadyTruncated) {
      this.alreadyTruncated = alreadyTruncated;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * @throws InvalidRecordException naming the first field that is missing or wrong
     */
    public Article build() {
      String canonical = url == null ? null : CanonicalUrl.of(url);
      Instant fetched = fetchedAt == null ? Instant.now() : fetchedAt;
      Instant published = publishedAt;
      String fallback = publishedAtFallback;
      if (published == null) {
        published = fetched;
        fallback = "fetched";
      }
      String cappedBody = capUtf8(body, maxBodyBytes);
      boolean truncated = alreadyTruncated || cappedBody.length() < body.length();
      String id = canonical != null ? idForUrl(canonical) : idForContent(title, body);
      return new Article(
          SCHEMA_VERSION,
          id,
          canonical,
          source,
          title,
          cappedBody,
          language,
          published,
          fetched,
          author,
          feed,
          truncated,
          fallback);
    }
  }

  /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}. */
  static String capUtf8(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes
        || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }
}
