package dev.newsmon.processors.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the spike detector remembers per rule, in the {@code spike-state-WINDOW} store.
 *
 * @param baseline the counts of the closed windows
 * @param nextWindow start of the first window not folded into the baseline yet (epoch ms), or null
 *     before the rule's first mention
 * @param open the windows that still take records (end plus grace not yet passed), oldest first
 */
public record SpikeState(Baseline baseline, Long nextWindow, List<OpenWindow> open) {

  public SpikeState {
    open = open == null ? List.of() : List.copyOf(open);
  }

  static final SpikeState EMPTY = new SpikeState(Baseline.EMPTY, null, List.of());

  /**
   * One window still open.
   *
   * @param start epoch ms
   * @param count mentions so far
   * @param fired whether its spike alert went out
   * @param earliest up to {@code Alert.MAX_ARTICLE_IDS} articles, earliest published first
   */
  public record OpenWindow(long start, long count, boolean fired, List<Seen> earliest) {
    public OpenWindow {
      earliest = earliest == null ? List.of() : List.copyOf(earliest);
    }

    OpenWindow add(long timestamp, String articleId, int maxIds) {
      List<Seen> ids = new ArrayList<>(earliest);
      if (ids.stream().noneMatch(s -> s.articleId().equals(articleId))) {
        ids.add(new Seen(timestamp, articleId));
        ids.sort(Seen.ORDER);
        if (ids.size() > maxIds) {
          ids.remove(ids.size() - 1);
        }
      }
      return new OpenWindow(start, count + 1, fired, ids);
    }

    OpenWindow markFired() {
      return new OpenWindow(start, count, true, earliest);
    }
  }

  /** An article by publication time, ties broken by id so the order is total. */
  public record Seen(long timestamp, String articleId) {
    static final Comparator<Seen> ORDER =
        Comparator.comparingLong(Seen::timestamp).thenComparing(Seen::articleId);
  }
}
