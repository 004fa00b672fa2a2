package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Compares two builds of the engine in one JVM: each benchmarks jar is loaded in a class loader of
 * its own, and the two take turns matching for 200 ms, 40 times by default, after a warm-up. This
 * VM's speed drifts by a third from minute to minute, so two JMH runs minutes apart cannot tell a
 * 5% change from the drift; turns 200 ms apart can. Prints each build's median articles/s and the
 * median, quartiles of B's rate over A's in the same round.
 *
 * <p>{@code java -Xmx6g -cp bench/target/benchmarks.jar dev.newsmon.bench.matching.AbHarness
 * before.jar after.jar "generated 100000 SPARSE" [rounds]} (or {@code "default"})
 */
public final class AbHarness {
  private static final long SLICE_NANOS = 200_000_000L;
  private static final int WARMUP_SLICES = 60;

  private AbHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: AbHarness A.jar B.jar \"default\"|\"generated N SPARSE|DENSE\" [rounds]");
      System.exit(2);
    }
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    // a build's own classes come first; Turns, if the build predates it, from this harness's jar
    URL harness = AbHarness.class.getProtectionDomain().getCodeSource().getLocation();
    LongUnaryOperator[] builds = new LongUnaryOperator[2];
    for (int i = 0; i < 2; i++) {
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {Path.of(args[i]).toUri().toURL(), harness},
              ClassLoader.getPlatformClassLoader());
      builds[i] =
          (LongUnaryOperator)
              loader
                  .loadClass(Turns.class.getName())
                  .getConstructor(String.class)
                  .newInstance(args[2]);
    }
    for (int w = 0; w < WARMUP_SLICES; w++) {
      builds[w & 1].applyAsLong(SLICE_NANOS);
    }
    double[] rateA = new double[rounds];
    double[] rateB = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      // alternate which goes first, so that neither always follows the other's cache footprint
      int first = r & 1;
      long opsFirst = builds[first].applyAsLong(SLICE_NANOS);
      long opsSecond = builds[1 - first].applyAsLong(SLICE_NANOS);
      long opsA = first == 0 ? opsFirst : opsSecond;
      long opsB = first == 0 ? opsSecond : opsFirst;
      rateA[r] = opsA * 1e9 / SLICE_NANOS;
      rateB[r] = opsB * 1e9 / SLICE_NANOS;
      ratio[r] = (double) opsB / opsA;
    }
    Arrays.sort(rateA);
    Arrays.sort(rateB);
    Arrays.sort(ratio);
    System.out.printf(
        "A %.0f articles/s, B %.0f (medians of %d turns); B/A median %.3f, quartiles %.3f-%.3f%n",
        rateA[rounds / 2],
        rateB[rounds / 2],
        rounds,
        ratio[rounds / 2],
        ratio[rounds / 4],
        ratio[rounds * 3 / 4]);
  }

  /**
   * One build's side, loaded by that build's class loader: matches articles round the corpus for
   * the time it is given and returns how many it matched.
   */
  public static final class Turns implements LongUnaryOperator {
    private static final Instant DETECTED = Instant.parse("2025-03-18T13:00:00Z");
    private final List<Article> articles = BenchCorpus.articles();
    private final ArticleMatcher matcher;
    private int next;
    private long mentions;

    public Turns(String ruleSet) {
      String[] words = ruleSet.split(" ");
      Watchlist watchlist =
          words[0].equals("default")
              ? WatchlistLoader.defaultWatchlist()
              : new Watchlist(
                  List.of(),
                  BenchCorpus.rules(
                      Integer.parseInt(words[1]), RuleGenerator.Density.valueOf(words[2])),
                  null);
      matcher = ArticleMatcher.compile(watchlist);
    }

    @Override
    public long applyAsLong(long nanos) {
      long start = System.nanoTime();
      long ops = 0;
      while (System.nanoTime() - start < nanos) {
        mentions += matcher.match(articles.get(next), DETECTED).mentions().size();
        next = (next + 1) % articles.size();
        ops++;
      }
      return ops;
    }

    @Override
    public String toString() {
      return mentions + " mentions";
    }
  }
}
