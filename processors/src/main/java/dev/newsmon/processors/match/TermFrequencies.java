package dev.newsmon.processors.match;

import dev.newsmon.schemas.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How often a word or prefix is expected to occur in an article (a fraction, 0 to 1), which the
 * matcher uses to index each rule under its rarest required words, as Lucene Monitor's {@code
 * TermWeightor} does. Without statistics, {@link #englishPrior()} guesses from a list of very
 * common English and news words and from length; {@link #fromSample} measures document frequencies
 * on real articles and is better for vocabularies the prior does not know.
 */
@FunctionalInterface
public interface TermFrequencies {

  /**
   * @param token a stemmed term, or for a prefix the folded prefix
   * @param prefix whether {@code token} is a prefix
   */
  double frequency(String token, boolean prefix);

  /** Common words are frequent; otherwise shorter words are likelier; prefixes more so. */
  static TermFrequencies englishPrior() {
    return (token, prefix) -> {
      if (!prefix && CommonWords.STEMS.contains(token)) {
        return 0.5;
      }
      double len = Math.max(1, token.length());
      return (prefix ? 4.0 : 1.0) / (len * len * len);
    };
  }

  /** Document frequencies measured on sample articles (title and body), smoothed. */
  static TermFrequencies fromSample(Iterable<Article> articles) {
    Map<String, Integer> stemDf = new HashMap<>();
    TreeMap<String, Integer> foldedDf = new TreeMap<>();
    int n = 0;
    Set<String> stems = new HashSet<>();
    Set<String> folded = new HashSet<>();
    for (Article a : articles) {
      n++;
      stems.clear();
      folded.clear();
      collect(a.title(), stems, folded);
      collect(a.body(), stems, folded);
      stems.forEach(s -> stemDf.merge(s, 1, Integer::sum));
      folded.forEach(s -> foldedDf.merge(s, 1, Integer::sum));
    }
    double docs = n + 1.0;
    TermFrequencies prior = englishPrior();
    return (token, prefix) -> {
      double df;
      if (prefix) {
        NavigableMap<String, Integer> range = foldedDf.subMap(token, true, token + '\uffff', false);
        df = 0;
        for (int v : range.values()) {
          df += v;
        }
      } else {
        df = stemDf.getOrDefault(token, 0);
      }
      // unseen words rank by the prior, below every word seen in the sample
      return df > 0 ? Math.min(1.0, df / docs) : prior.frequency(token, prefix) / docs;
    };
  }

  private static void collect(String text, Set<String> stems, Set<String> folded) {
    try (TokenStream ts = NewsAnalyzer.folding().tokenStream("sample", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String f = term.toString();
        folded.add(f);
        stems.add(PluralPossessiveFilter.stem(f));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /** Words too common to index a rule under when a rarer required word exists. */
  final class CommonWords {
    static final Set<String> STEMS = new HashSet<>();

    static {
      String words =
          "the of and to a in is it you that he was for on are with as i his they be at one have"
              + " this from or had by not but what some we can out other were all there when up"
              + " use your how said an each she which do their time if will way about many then"
              + " them would write like so these her long make thing see him two has look more"
              + " day could go come did no most my over know than call first who may down side"
              + " been now find any new part take get made where after back only little round man"
              + " year came show every good me give our under very through just form much great"
              + " think say help low line before turn cause same mean differ move right too does"
              + " tell set three want well also play small end put home read hand large add even"
              + " here must big high such why ask men change went off need house try us again"
              + " point world near build self own should found answer grow study still learn"
              + " last never us left late don't while along might close something seem next hard"
              + " open begin life always those both paper together group often run important"
              + " until children side feet car mile night walk white sea began took state once"
              + " week month today president government minister country people war news report"
              + " official officials told says saying according because since against between"
              + " during without including however another million billion per cent percent"
              + " monday tuesday wednesday thursday friday saturday sunday january february"
              + " march april june july august september october november december";
      for (String w : words.split(" ")) {
        STEMS.add(PluralPossessiveFilter.stem(w));
      }
    }

    private CommonWords() {}
  }
}
