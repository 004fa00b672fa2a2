package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.baseline.LuceneMonitorMatcher;
import dev.newsmon.processors.match.baseline.LuceneQueryTranslator;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Retained heap of a compiled {@link ArticleMatcher} (and, for scale, of the Lucene Monitor
 * baseline) for generated rule sets: used heap after full GCs, with the rule list already live,
 * before and after compiling. Also checks, on a sample of articles, that the engine and Lucene
 * Monitor agree at full scale.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.newsmon.bench.matching.HeapHarness [rules]
 * [SPARSE|DENSE] [agreementArticles]}
 */
public final class HeapHarness {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapHarness() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    RuleGenerator.Density density =
        args.length > 1 ? RuleGenerator.Density.valueOf(args[1]) : RuleGenerator.Density.SPARSE;
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    List<Rule> rules = BenchCorpus.rules(count, density);
    List<Article> articles = BenchCorpus.articles();
    Watchlist watchlist = new Watchlist(List.of(), rules, null);

    long before = usedAfterGc();
    long start = System.nanoTime();
    ArticleMatcher engine = ArticleMatcher.compile(watchlist);
    long compileMillis = (System.nanoTime() - start) / 1_000_000;
    long engineBytes = usedAfterGc() - before;
    System.out.printf(
        "engine: %d %s rules compiled in %d ms, retained heap %.1f MB%n",
        count, density, compileMillis, engineBytes / 1e6);

    before = usedAfterGc();
    start = System.nanoTime();
    LuceneMonitorMatcher monitor = LuceneMonitorMatcher.build(rules, LuceneQueryTranslator.plain());
    long monitorMillis = (System.nanoTime() - start) / 1_000_000;
    long monitorBytes = usedAfterGc() - before;
    System.out.printf(
        "lucene monitor: registered in %d ms, retained heap %.1f MB%n",
        monitorMillis, monitorBytes / 1e6);

    int disagreements = 0;
    long matches = 0;
    Instant detected = Instant.parse("2025-03-18T13:00:00Z");
    for (Article article : articles.subList(0, Math.min(sample, articles.size()))) {
      Set<String> byEngine =
          engine.match(article, detected).mentions().stream()
              .map(m -> m.ruleId())
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> byMonitor = monitor.match(article);
      matches += byMonitor.size();
      if (!byEngine.equals(byMonitor)) {
        disagreements++;
        Set<String> diff = new TreeSet<>(byEngine);
        diff.addAll(byMonitor);
        Set<String> both = new TreeSet<>(byEngine);
        both.retainAll(byMonitor);
        diff.removeAll(both);
        System.out.printf("  disagree on %s: %s%n", article.url(), diff);
      }
    }
    System.out.printf(
        "agreement: %d of %d articles differ (%.1f matches/article)%n",
        disagreements, sample, (double) matches / sample);
    monitor.close();
    Reference.reachabilityFence(engine);
    Reference.reachabilityFence(rules);
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
