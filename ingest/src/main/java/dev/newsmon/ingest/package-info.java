/**
 * Ingest: feeds (RSS, Atom, OPML lists), files, HTTP push and stdin into {@code newsmon.articles},
 * deduplicated across restarts through the compacted seen topic, with a dead letter on {@code
 * newsmon.articles.rejected} for every input that cannot become an Article. Entry point: {@link
 * dev.newsmon.ingest.Ingest}.
 */
package dev.newsmon.ingest;
