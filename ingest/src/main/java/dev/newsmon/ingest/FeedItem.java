package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import java.time.Instant;

/**
 * One feed entry as read, before it becomes an {@link Article}: kept apart so the body can be
 * replaced by the page's full text for feeds that opt in.
 *
 * @param position where in the feed, {@code item 3}
 * @param guid the entry's guid or Atom id, or null
 * @param publishedAtFallback null, {@code updated} or {@code fetched}
 * @param derivedTitle the entry had no title; {@code title} is the body's first words
 */
record FeedItem(
    String position,
    String guid,
    String link,
    String title,
    String summary,
    Instant publishedAt,
    String publishedAtFallback,
    Instant fetchedAt,
    String author,
    String language,
    String source,
    String feed,
    boolean derivedTitle) {

  Article toArticle(String body, int maxBodyBytes) {
    return Article.builder()
        .url(link)
        .source(source)
        .title(title)
        .body(body)
        .language(language)
        .publishedAt(publishedAt)
        .publishedAtFallback(publishedAtFallback)
        .fetchedAt(fetchedAt)
        .author(author)
        .feed(feed)
        .maxBodyBytes(maxBodyBytes)
        .build();
  }

  /** Dedup key of the guid, scoped to the feed: many feeds number their items from 1. */
  String guidKey() {
    return guid == null ? null : "guid " + feed + " " + guid;
  }
}
