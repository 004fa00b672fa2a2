package dev.newsmon.processors.match.baseline;

import dev.newsmon.processors.match.NewsAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;

/**
 * The engine's own analysis, laid out as Lucene fields for the Monitor baseline: {@link #STEMMED}
 * holds {@link NewsAnalyzer#stemming()} tokens (what terms and phrases match), {@link #FOLDED} the
 * {@link NewsAnalyzer#folding()} tokens (what prefixes match), at the same positions. An article's
 * title and body are two values of each field, {@link #FIELD_GAP} positions apart, so that no
 * phrase or NEAR (distance at most 9999) spans the title/body boundary.
 */
public final class MonitorAnalyzer extends AnalyzerWrapper {
  public static final String STEMMED = "text";
  public static final String FOLDED = "folded";
  public static final int FIELD_GAP = 20_000;

  public MonitorAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return FOLDED.equals(fieldName) ? NewsAnalyzer.folding() : NewsAnalyzer.stemming();
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    return FIELD_GAP;
  }
}
