package dev.newsmon.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.HtmlText;
import dev.newsmon.schemas.InvalidRecordException;
import dev.newsmon.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RSS 0.9x/1.0/2.0 and Atom bytes into {@link FeedItem}s, through Rome with DOCTYPEs refused (so
 * external entities and entity-expansion bombs never expand). The charset comes from the BOM, the
 * XML prolog or the HTTP Content-Type, in the order the XML and HTTP specs give.
 */
final class FeedParser {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final int TITLE_WORDS = 12;

  /** Items and per-item rejections of one parsed feed document. */
  record Parsed(List<FeedItem> items, List<Rejection> rejections) {}

  /** The feed document as a whole could not be read. */
  static final class FeedParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;

    FeedParseException(String kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    String kind() {
      return kind;
    }
  }

  private FeedParser() {}

  static Parsed parse(byte[] body, String contentType, FeedConfig feed, URI base, Instant fetched)
      throws FeedParseException {
    SyndFeed syndFeed;
    try {
      SyndFeedInput input = new SyndFeedInput(false, Locale.US);
      // Rome's default, set again so a change of default can never re-open XXE.
      input.setAllowDoctypes(false);
      XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true);
      syndFeed = input.build(reader);
    } catch (FeedException | IllegalArgumentException | IOException e) {
      String message = rootMessage(e);
      String kind =
          message.contains("DOCTYPE") || message.contains("doctype")
              ? Rejection.DOCTYPE
              : (e instanceof IOException ? Rejection.CHARSET : Rejection.MALFORMED_FEED);
      throw new FeedParseException(kind, message, e);
    }
    String feedLanguage = language(feed.language(), syndFeed.getLanguage());
    List<FeedItem> items = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    List<SyndEntry> entries = syndFeed.getEntries();
    for (int i = 0; i < entries.size(); i++) {
      SyndEntry entry = entries.get(i);
      String position = "item " + (i + 1);
      try {
        FeedItem item = item(position, entry, feed, base, fetched, feedLanguage);
        item.toArticle(item.summary(), Article.DEFAULT_MAX_BODY_BYTES); // validates
        items.add(item);
      } catch (IllegalArgumentException e) {
        String field = e instanceof InvalidRecordException invalid ? invalid.field() : null;
        rejections.add(
            new Rejection(
                position, Rejection.INVALID_ITEM, field, e.getMessage(), entryPayload(entry)));
      }
    }
    return new Parsed(items, rejections);
  }

  private static FeedItem item(
      String position,
      SyndEntry entry,
      FeedConfig feed,
      URI base,
      Instant fetched,
      String language) {
    String link = link(entry, base);
    String body = HtmlText.toPlainText(content(entry));
    String title = HtmlText.toPlainText(entry.getTitle());
    boolean derivedTitle = false;
    if (title.isBlank() && !body.isBlank()) {
      title = firstWords(body, TITLE_WORDS);
      derivedTitle = true;
    }
    Instant published = instant(entry.getPublishedDate());
    String fallback = null;
    if (published == null) {
      published = instant(entry.getUpdatedDate());
      fallback = published == null ? "fetched" : "updated";
      if (published == null) {
        published = fetched;
      }
    }
    String guid = entry.getUri() == null || entry.getUri().isBlank() ? null : entry.getUri();
    return new FeedItem(
        position,
        guid,
        link,
        title,
        body,
        published,
        fallback,
        fetched,
        entry.getAuthor(),
        language,
        feed.name(),
        feed.url().toString(),
        derivedTitle);
  }

  private static String link(SyndEntry entry, URI base) {
    String link = entry.getLink();
    if (link == null || link.isBlank()) {
      for (SyndLink l : entry.getLinks()) {
        if (l.getHref() != null && (l.getRel() == null || "alternate".equals(l.getRel()))) {
          link = l.getHref();
          break;
        }
      }
    }
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      return base.resolve(link.strip()).toString();
    } catch (IllegalArgumentException e) {
      return link.strip(); // the builder reports what is wrong with it
    }
  }

  private static String content(SyndEntry entry) {
    String contents =
        entry.getContents().stream()
            .map(SyndContent::getValue)
            .filter(v -> v != null && !v.isBlank())
            .collect(Collectors.joining("\n\n"));
    if (!contents.isBlank()) {
      return contents;
    }
    return entry.getDescription() == null ? "" : entry.getDescription().getValue();
  }

  static String firstWords(String text, int words) {
    String[] parts = text.strip().split("\\s+", words + 1);
    if (parts.length <= words) {
      return String.join(" ", parts);
    }
    return String.join(" ", java.util.Arrays.copyOf(parts, words)) + " …";
  }

  private static String language(String configured, String declared) {
    String lang = configured != null ? configured : declared;
    if (lang == null) {
      return null;
    }
    lang = lang.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return LANGUAGE.matcher(lang).matches() ? lang : null;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /** What Rome read of an entry, as JSON: the raw XML of one item is not kept by Rome. */
  private static byte[] entryPayload(SyndEntry entry) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("guid", entry.getUri());
    node.put("link", entry.getLink());
    node.put("title", entry.getTitle());
    node.put("content", content(entry));
    node.put("published", String.valueOf(entry.getPublishedDate()));
    return Json.write(node).getBytes(StandardCharsets.UTF_8);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t != e && e.getMessage() != null && !e.getMessage().contains(message)) {
      return e.getMessage() + ": " + message;
    }
    return e.getMessage() == null ? message : e.getMessage();
  }
}
