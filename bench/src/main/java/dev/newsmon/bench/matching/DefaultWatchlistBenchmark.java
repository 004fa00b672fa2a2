package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.match.baseline.LuceneMonitorMatcher;
import dev.newsmon.processors.match.baseline.LuceneQueryTranslator;
import dev.newsmon.processors.match.baseline.RegexRuleMatcher;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Articles per second against the bundled ceasefire watchlist, one article per operation, on one
 * thread: the engine, Lucene Monitor with the same rules translated, and one regex per rule. Half
 * the generated articles carry a few ceasefire sentences so that rules fire.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@State(Scope.Thread)
public class DefaultWatchlistBenchmark {
  private static final Instant DETECTED = Instant.parse("2025-03-18T13:00:00Z");

  private List<Article> articles;
  private ArticleMatcher engine;
  private LuceneMonitorMatcher monitor;
  private RegexRuleMatcher regex;
  private int next;

  @Setup
  public void setUp() {
    articles = BenchCorpus.articles();
    Watchlist watchlist = WatchlistLoader.defaultWatchlist();
    engine = ArticleMatcher.compile(watchlist);
    monitor = LuceneMonitorMatcher.build(watchlist.rules(), LuceneQueryTranslator.plain());
    regex = new RegexRuleMatcher(watchlist.rules());
    double e = 0;
    double m = 0;
    double r = 0;
    for (Article a : articles) {
      e += engine.match(a, DETECTED).mentions().size();
      m += monitor.matchAll(a).getMatchCount();
      r += regex.count(a);
    }
    System.out.printf(
        "%n[default watchlist: %d rules] matches/article engine=%.2f luceneMonitor=%.2f regex=%.2f%n",
        watchlist.rules().size(), e / articles.size(), m / articles.size(), r / articles.size());
  }

  @TearDown
  public void tearDown() {
    monitor.close();
  }

  private Article nextArticle() {
    Article a = articles.get(next);
    next = (next + 1) % articles.size();
    return a;
  }

  @Benchmark
  public int engine() {
    return engine.match(nextArticle(), DETECTED).mentions().size();
  }

  /**
   * Not a matcher: one pass over every character of title and body, counting where words start
   * with a table lookup per character. The least any matcher that tokenises must do, measured on
   * this machine in the same run, so that the engine's figure can be read against the machine.
   */
  @Benchmark
  public int charScanFloor() {
    Article a = nextArticle();
    return wordStarts(a.title()) + wordStarts(a.body());
  }

  private static final boolean[] WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  private static int wordStarts(String text) {
    int starts = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean word = c >= 0x80 ? Character.isLetterOrDigit(c) : WORD[c];
      if (word && !inWord) {
        starts++;
      }
      inWord = word;
    }
    return starts;
  }

  @Benchmark
  public int luceneMonitor() {
    return monitor.matchAll(nextArticle()).getMatchCount();
  }

  @Benchmark
  public int regexPerRule() {
    return regex.count(nextArticle());
  }
}
