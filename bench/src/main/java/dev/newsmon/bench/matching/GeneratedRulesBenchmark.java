package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.MatchResult;
import dev.newsmon.processors.match.baseline.LuceneMonitorMatcher;
import dev.newsmon.processors.match.baseline.LuceneQueryTranslator;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Articles per second against 10,000 and 100,000 generated rules, sparse (tens of matches per
 * article at 100,000 rules) and dense (the stress case), one article per operation, on one thread:
 * the engine, Lucene Monitor with prefixes as {@code PrefixQuery}, and Lucene Monitor with prefixes
 * expanded against the vocabulary. Each benchmark builds only its own matcher.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class GeneratedRulesBenchmark {
  private static final Instant DETECTED = Instant.parse("2025-03-18T13:00:00Z");

  /** The rule set and article pool one benchmark runs over. */
  @State(Scope.Thread)
  public abstract static class Rules {
    @Param({"10000", "100000"})
    public int rules;

    @Param({"SPARSE", "DENSE"})
    public RuleGenerator.Density density;

    List<Article> articles;
    int next;

    List<Rule> generate() {
      articles = BenchCorpus.articles();
      return BenchCorpus.rules(rules, density);
    }

    Article nextArticle() {
      Article a = articles.get(next);
      next = (next + 1) % articles.size();
      return a;
    }

    void report(String matcher, double matches, double verified) {
      System.out.printf(
          "%n[%s %d %s] matches/article=%.1f candidates verified/article=%.1f%n",
          matcher, rules, density, matches / articles.size(), verified / articles.size());
    }
  }

  @State(Scope.Thread)
  public static class EngineState extends Rules {
    ArticleMatcher engine;

    @Setup
    public void setUp() {
      engine = ArticleMatcher.compile(new Watchlist(List.of(), generate(), null));
      double matches = 0;
      double verified = 0;
      for (Article a : articles) {
        MatchResult r = engine.match(a, DETECTED);
        matches += r.mentions().size();
        verified += r.rulesVerified();
      }
      report("engine", matches, verified);
    }
  }

  @State(Scope.Thread)
  public static class MonitorState extends Rules {
    LuceneMonitorMatcher monitor;

    LuceneQueryTranslator translator() {
      return LuceneQueryTranslator.plain();
    }

    @Setup
    public void setUp() {
      monitor = LuceneMonitorMatcher.build(generate(), translator());
      double matches = 0;
      double run = 0;
      // Monitor at 100,000 dense rules takes seconds per article: sample the pool.
      int sample = Math.min(articles.size(), rules >= 100_000 ? 32 : 128);
      for (Article a : articles.subList(0, sample)) {
        MatchingQueries<QueryMatch> r = monitor.matchAll(a);
        matches += r.getMatchCount();
        run += r.getQueriesRun();
      }
      report(
          getClass().getSimpleName() + " (first " + sample + " articles)",
          matches * articles.size() / sample,
          run * articles.size() / sample);
    }

    @TearDown
    public void tearDown() {
      monitor.close();
    }
  }

  @State(Scope.Thread)
  public static class ExpandedMonitorState extends MonitorState {
    @Override
    LuceneQueryTranslator translator() {
      return LuceneQueryTranslator.expandingPrefixes(BenchCorpus.vocabulary().surfaceTokens());
    }
  }

  @Benchmark
  public int engine(EngineState s) {
    return s.engine.match(s.nextArticle(), DETECTED).mentions().size();
  }

  @Benchmark
  public int luceneMonitor(MonitorState s) {
    return s.monitor.matchAll(s.nextArticle()).getMatchCount();
  }

  @Benchmark
  public int luceneMonitorExpandedPrefixes(ExpandedMonitorState s) {
    return s.monitor.matchAll(s.nextArticle()).getMatchCount();
  }
}
