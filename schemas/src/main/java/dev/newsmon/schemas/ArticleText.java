package dev.newsmon.schemas;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a document says about its article, for articles given as files rather than JSON: a text file
 * (the first non-blank line is the title, the rest the body) or a web page (its title, main text,
 * canonical address and publication time). Ingest and {@code newsmon scan} both read files through
 * it, so the same file gives the same title, body and id in each.
 */
public final class ArticleText {

  /**
   * @param url the page's canonical address ({@code rel=canonical} or {@code og:url}, http or https
   *     only), or null
   * @param publishedAt when the page says it was published, or null
   */
  public record Page(String url, String title, String body, Instant publishedAt) {}

  private ArticleText() {}

  /** A text file's content: the first non-blank line is the title, the rest the body. */
  public static Page text(String content) {
    String text = content.replace("\r\n", "\n").strip();
    int newline = text.indexOf('\n');
    String title = newline < 0 ? text : text.substring(0, newline);
    String body = newline < 0 ? "" : text.substring(newline + 1);
    return new Page(null, title.strip(), body.strip(), null);
  }

  /**
   * A web page: its title, its main text ({@link HtmlText#mainText(Document)}), its canonical link,
   * so that the page gets the same id as when a feed links to it, and its publication time ({@code
   * article:published_time}, else the first {@code <time datetime>}). The document is modified.
   */
  public static Page html(Document doc) {
    String url = canonicalUrl(doc);
    Instant published = publishedTime(doc);
    String title = HtmlText.title(doc);
    String body = HtmlText.mainText(doc);
    return new Page(url, title, body, published);
  }

  private static String canonicalUrl(Document doc) {
    String url = null;
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    Element og = doc.selectFirst("meta[property=og:url][content]");
    if (canonical != null) {
      url = canonical.absUrl("href");
      if (url.isEmpty()) {
        url = canonical.attr("href");
      }
    } else if (og != null) {
      url = og.attr("content");
    }
    if (url != null && !url.toLowerCase(Locale.ROOT).startsWith("http")) {
      url = null; // a relative link resolved against the file: not the article's address
    }
    return url;
  }

  private static Instant publishedTime(Document doc) {
    Element meta = doc.selectFirst("meta[property=article:published_time][content]");
    String value = meta != null ? meta.attr("content") : null;
    if (value == null) {
      Element time = doc.selectFirst("time[datetime]");
      value = time == null ? null : time.attr("datetime");
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
