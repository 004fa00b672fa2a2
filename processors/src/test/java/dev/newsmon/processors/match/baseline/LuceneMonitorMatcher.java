package dev.newsmon.processors.match.baseline;

import dev.newsmon.processors.match.QueryParser;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;

/**
 * The Lucene Monitor baseline: every rule parsed by the engine's {@link QueryParser}, translated by
 * {@link LuceneQueryTranslator}, registered in a {@link Monitor} (default term-filtered
 * presearcher); articles go in, the ids of the matching rules come out.
 */
public final class LuceneMonitorMatcher implements Closeable {
  private final Monitor monitor;

  private LuceneMonitorMatcher(Monitor monitor) {
    this.monitor = monitor;
  }

  public static LuceneMonitorMatcher build(List<Rule> rules, LuceneQueryTranslator translator) {
    try {
      Monitor monitor = new Monitor(new MonitorAnalyzer());
      List<MonitorQuery> queries = new ArrayList<>(rules.size());
      for (Rule rule : rules) {
        queries.add(
            new MonitorQuery(rule.id(), translator.translate(QueryParser.parse(rule.query()))));
        if (queries.size() == 10_000) {
          monitor.register(queries);
          queries.clear();
        }
      }
      monitor.register(queries);
      return new LuceneMonitorMatcher(monitor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Title and body as two values of each field, so positions never run across them. */
  public static Document document(Article article) {
    Document doc = new Document();
    for (String field : List.of(MonitorAnalyzer.STEMMED, MonitorAnalyzer.FOLDED)) {
      doc.add(new TextField(field, article.title(), Field.Store.NO));
      doc.add(new TextField(field, article.body(), Field.Store.NO));
    }
    return doc;
  }

  public MatchingQueries<QueryMatch> matchAll(Article article) {
    try {
      MatchingQueries<QueryMatch> result =
          monitor.match(document(article), QueryMatch.SIMPLE_MATCHER);
      if (!result.getErrors().isEmpty()) {
        throw new IllegalStateException("Monitor errors: " + result.getErrors());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the rules that match, sorted. */
  public Set<String> match(Article article) {
    Set<String> ids = new TreeSet<>();
    for (QueryMatch m : matchAll(article).getMatches()) {
      ids.add(m.getQueryId());
    }
    return ids;
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
