package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.match.baseline.LuceneMonitorMatcher;
import dev.newsmon.processors.match.baseline.LuceneQueryTranslator;
import dev.newsmon.processors.match.baseline.RegexRuleMatcher;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Articles per second of <em>thread CPU time</em>, next to JMH's wall-clock figures: on shared
 * cores the benchmark thread is often descheduled, which wall-clock throughput counts as matching
 * time and CPU time does not. Same matchers, articles and rules as the JMH benchmarks; the
 * benchmark thread alone does the work.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.newsmon.bench.matching.CpuTimeHarness default}
 * or {@code ... CpuTimeHarness generated 100000 SPARSE}
 */
public final class CpuTimeHarness {
  private static final Instant DETECTED = Instant.parse("2025-03-18T13:00:00Z");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long WARMUP_CPU_NANOS = 8_000_000_000L;
  private static final long ROUND_CPU_NANOS = 4_000_000_000L;
  private static final int ROUNDS = 3;

  private CpuTimeHarness() {}

  public static void main(String[] args) {
    List<Article> articles = BenchCorpus.articles();
    if (args.length == 0 || args[0].equals("default")) {
      Watchlist watchlist = WatchlistLoader.defaultWatchlist();
      ArticleMatcher engine = ArticleMatcher.compile(watchlist);
      run("default engine", articles, a -> engine.match(a, DETECTED).mentions().size());
      try (LuceneMonitorMatcher monitor =
          LuceneMonitorMatcher.build(watchlist.rules(), LuceneQueryTranslator.plain())) {
        run("default luceneMonitor", articles, a -> monitor.matchAll(a).getMatchCount());
      }
      RegexRuleMatcher regex = new RegexRuleMatcher(watchlist.rules());
      run("default regexPerRule", articles, regex::count);
      return;
    }
    int count = Integer.parseInt(args[1]);
    RuleGenerator.Density density = RuleGenerator.Density.valueOf(args[2]);
    List<Rule> rules = BenchCorpus.rules(count, density);
    String label = count + " " + density;
    ArticleMatcher engine = ArticleMatcher.compile(new Watchlist(List.of(), rules, null));
    run(label + " engine", articles, a -> engine.match(a, DETECTED).mentions().size());
    if (args.length > 3 && args[3].equals("engine-only")) {
      return;
    }
    try (LuceneMonitorMatcher monitor =
        LuceneMonitorMatcher.build(rules, LuceneQueryTranslator.plain())) {
      run(label + " luceneMonitor", articles, a -> monitor.matchAll(a).getMatchCount());
    }
    try (LuceneMonitorMatcher monitor =
        LuceneMonitorMatcher.build(
            rules,
            LuceneQueryTranslator.expandingPrefixes(BenchCorpus.vocabulary().surfaceTokens()))) {
      run(
          label + " luceneMonitorExpandedPrefixes",
          articles,
          a -> monitor.matchAll(a).getMatchCount());
    }
  }

  private static void run(String label, List<Article> articles, ToIntFunction<Article> matcher) {
    int next = 0;
    long sink = 0;
    long warmupEnd = THREADS.getCurrentThreadCpuTime() + WARMUP_CPU_NANOS;
    while (THREADS.getCurrentThreadCpuTime() < warmupEnd) {
      sink += matcher.applyAsInt(articles.get(next));
      next = (next + 1) % articles.size();
    }
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long ops = 0;
      long cpu;
      do {
        sink += matcher.applyAsInt(articles.get(next));
        next = (next + 1) % articles.size();
        ops++;
        cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
      } while (cpu < ROUND_CPU_NANOS);
      double wall = (System.nanoTime() - wallStart) / 1e9;
      rates.add(ops / (cpu / 1e9));
      System.out.printf(
          "%s round %d: %.1f articles per CPU-second (%.1f per wall second)%n",
          label, round + 1, ops / (cpu / 1e9), ops / wall);
    }
    System.out.printf(
        "RESULT %s: %.1f-%.1f articles per CPU-second (sink %d)%n",
        label,
        rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        sink);
  }
}
