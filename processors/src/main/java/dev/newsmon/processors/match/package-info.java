/**
 * The matching engine: watchlists in, mentions out; one engine for {@code newsmon scan} and the
 * Streams topology.
 *
 * <ul>
 *   <li>{@link dev.newsmon.processors.match.WatchlistLoader} reads and validates watchlist YAML
 *       (every error at once, as a {@link dev.newsmon.processors.match.WatchlistException}).
 *   <li>{@link dev.newsmon.processors.match.QueryParser} parses the query language into a {@link
 *       dev.newsmon.processors.match.Query}: words, {@code word*} prefixes, {@code "phrases"},
 *       {@code X NEAR/n Y}, {@code NOT}, {@code AND} (or juxtaposition), {@code OR}, parentheses.
 *   <li>{@link dev.newsmon.processors.match.NewsAnalyzer} is the one analysis chain for queries and
 *       text (tokens of letters and digits, NFKC and case and diacritic folding, plural and
 *       possessive folding).
 *   <li>{@link dev.newsmon.processors.match.ArticleMatcher} compiles a watchlist and matches
 *       articles, giving a {@link dev.newsmon.processors.match.MatchResult} of mentions with stats
 *       and errors.
 *   <li>{@link dev.newsmon.processors.match.ArticleFiles} reads article files for scanning.
 * </ul>
 */
package dev.newsmon.processors.match;
