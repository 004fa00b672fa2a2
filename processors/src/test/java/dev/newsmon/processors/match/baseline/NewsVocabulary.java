package dev.newsmon.processors.match.baseline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic, long-tail news vocabulary for benchmarks and agreement tests: English function
 * and news words at the head, then hundreds of thousands of pronounceable pseudo-words, ranked for
 * Zipf sampling; personal names; multi-word phrases; and stories ("topics") that tie words, names
 * and phrases together, so that articles and rules about the same story overlap as real ones do.
 *
 * <p>Everything is derived from {@link Spec#seed()}: the same spec always gives the same
 * vocabulary. Nothing is downloaded.
 */
public final class NewsVocabulary {

  /** Sizes and seed of a vocabulary. */
  public record Spec(int words, int names, int phrases, int topics, long seed) {
    /** Hundreds of thousands of word types, as the benchmarks use. */
    public static Spec benchmark() {
      return new Spec(300_000, 20_000, 30_000, 5_000, 20260321L);
    }

    /** A smaller vocabulary with few stories, so that a few thousand rules match often. */
    public static Spec agreement() {
      return new Spec(40_000, 2_000, 3_000, 40, 77L);
    }
  }

  /** A story: the words, names and phrases its coverage keeps using. */
  public record Topic(List<String> words, List<String> names, List<String> phrases) {}

  /** Common English words at the head of the rank list; articles need them to read as English. */
  static final List<String> HEAD =
      List.of(
          "the",
          "of",
          "and",
          "to",
          "a",
          "in",
          "that",
          "is",
          "for",
          "on",
          "it",
          "with",
          "was",
          "as",
          "said",
          "he",
          "at",
          "by",
          "be",
          "this",
          "have",
          "from",
          "or",
          "an",
          "they",
          "not",
          "but",
          "his",
          "are",
          "had",
          "has",
          "we",
          "would",
          "will",
          "their",
          "which",
          "been",
          "were",
          "who",
          "after",
          "more",
          "also",
          "its",
          "new",
          "one",
          "there",
          "about",
          "up",
          "than",
          "two",
          "some",
          "she",
          "her",
          "could",
          "when",
          "into",
          "over",
          "last",
          "year",
          "what",
          "people",
          "out",
          "other",
          "no",
          "all",
          "can",
          "them",
          "may",
          "if",
          "first",
          "so",
          "government",
          "years",
          "officials",
          "week",
          "told",
          "since",
          "while",
          "state",
          "minister",
          "president",
          "talks",
          "country",
          "before",
          "against",
          "under",
          "between",
          "percent",
          "any",
          "three",
          "very",
          "only",
          "because",
          "now",
          "time",
          "made",
          "during",
          "our",
          "most",
          "where",
          "those",
          "just",
          "such",
          "including",
          "how",
          "part",
          "being",
          "news",
          "statement",
          "report",
          "day",
          "through",
          "military",
          "security",
          "plan",
          "deal",
          "city",
          "police",
          "public",
          "support",
          "officials",
          "agreement",
          "group",
          "local",
          "national",
          "former",
          "should",
          "meeting",
          "leaders",
          "forces",
          "world",
          "both",
          "four",
          "according",
          "million",
          "several",
          "called",
          "despite",
          "without",
          "still",
          "many",
          "later",
          "told",
          "took",
          "come",
          "going",
          "expected",
          "among",
          "until",
          "each",
          "economic",
          "foreign",
          "power",
          "office",
          "told",
          "spokesman",
          "region",
          "officials",
          "market",
          "company",
          "policy",
          "decision",
          "court",
          "house",
          "party",
          "election",
          "members",
          "council",
          "issue",
          "months",
          "days",
          "morning",
          "evening",
          "earlier",
          "told",
          "further",
          "however",
          "already",
          "next",
          "much",
          "even",
          "well",
          "then",
          "back",
          "long",
          "around",
          "another",
          "second",
          "same",
          "major",
          "since",
          "within",
          "across",
          "high",
          "end",
          "early",
          "recent",
          "large",
          "top",
          "key",
          "five",
          "third");

  private static final String[] ONSETS = {
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
    "cr", "dr", "fr", "gr", "pr", "tr", "bl", "cl", "fl", "gl", "pl", "sl", "st", "sp", "sk", "ch",
    "sh", "th", "kr", "vr", "zh", "qu", "ph", "sn", "sm"
  };
  private static final String[] VOWELS = {
    "a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou", "io", "ia", "ei", "oa", "y"
  };
  // No 's' coda: keeps a word's plural and its base cleanly apart after stemming.
  private static final String[] CODAS = {
    "", "", "", "", "n", "r", "l", "m", "t", "k", "d", "nd", "rt", "nt", "ld", "rk", "x", "v", "ng",
    "st", "ft"
  };

  private final Spec spec;
  private final List<String> words;
  private final double[] wordCdf;
  private final List<String> names;
  private final List<String> phrases;
  private final List<Topic> topics;
  private final double[] topicCdf;

  private NewsVocabulary(Spec spec) {
    this.spec = spec;
    Random random = new Random(spec.seed());
    Set<String> taken = new HashSet<>();
    List<String> w = new ArrayList<>(spec.words());
    for (String head : HEAD) {
      if (taken.add(head)) {
        w.add(head);
      }
    }
    while (w.size() < spec.words()) {
      String word = pseudoWord(random, 1 + random.nextInt(2) + (random.nextInt(5) == 0 ? 1 : 0));
      if (word.length() >= 3 && isSafeWord(word) && taken.add(word)) {
        w.add(word);
      }
    }
    this.words = List.copyOf(w);
    this.wordCdf = zipfCdf(words.size(), 1.0);

    List<String> given = new ArrayList<>();
    List<String> family = new ArrayList<>();
    while (given.size() < Math.max(50, spec.names() / 10)) {
      String g = pseudoWord(random, 2);
      if (g.length() >= 3 && isSafeWord(g) && taken.add(g)) {
        given.add(capitalise(g));
      }
    }
    while (family.size() < spec.names()) {
      String f = pseudoWord(random, 2 + random.nextInt(2));
      if (f.length() >= 4 && isSafeWord(f) && taken.add(f)) {
        family.add(capitalise(f));
      }
    }
    List<String> n = new ArrayList<>(spec.names());
    for (int i = 0; i < spec.names(); i++) {
      n.add(given.get(random.nextInt(given.size())) + " " + family.get(i));
    }
    this.names = List.copyOf(n);

    List<String> p = new ArrayList<>(spec.phrases());
    Set<String> phraseSet = new HashSet<>();
    while (p.size() < spec.phrases()) {
      int len = random.nextInt(4) == 0 ? 3 : 2;
      List<String> parts = new ArrayList<>();
      while (parts.size() < len) {
        String part = words.get(logUniformRank(random, HEAD.size(), words.size()));
        if (!parts.contains(part)) {
          parts.add(part);
        }
      }
      String phrase = String.join(" ", parts);
      if (phraseSet.add(phrase)) {
        p.add(phrase);
      }
    }
    this.phrases = List.copyOf(p);

    List<Topic> t = new ArrayList<>(spec.topics());
    int firstTopicRank = Math.min(3_000, words.size() / 10);
    for (int i = 0; i < spec.topics(); i++) {
      List<String> tw = new ArrayList<>();
      while (tw.size() < 30) {
        String word = words.get(logUniformRank(random, firstTopicRank, words.size()));
        if (!tw.contains(word)) {
          tw.add(word);
        }
      }
      List<String> tn = new ArrayList<>();
      while (tn.size() < 6) {
        String name = names.get(random.nextInt(names.size()));
        if (!tn.contains(name)) {
          tn.add(name);
        }
      }
      List<String> tp = new ArrayList<>();
      while (tp.size() < 6) {
        String phrase = phrases.get(random.nextInt(phrases.size()));
        if (!tp.contains(phrase)) {
          tp.add(phrase);
        }
      }
      t.add(new Topic(List.copyOf(tw), List.copyOf(tn), List.copyOf(tp)));
    }
    this.topics = List.copyOf(t);
    this.topicCdf = zipfCdf(topics.size(), 0.5);
  }

  public static NewsVocabulary generate(Spec spec) {
    return new NewsVocabulary(spec);
  }

  public Spec spec() {
    return spec;
  }

  /** Word types by rank, most frequent first. */
  public List<String> words() {
    return words;
  }

  public List<String> names() {
    return names;
  }

  public List<String> phrases() {
    return phrases;
  }

  public List<Topic> topics() {
    return topics;
  }

  /** The rank of a word drawn from the vocabulary's Zipf distribution (exponent 1). */
  public int zipfWordRank(SplittableRandom random) {
    return sample(wordCdf, random.nextDouble());
  }

  /** A word drawn from the Zipf distribution, restricted to ranks in [from, to). */
  public String zipfWord(SplittableRandom random, int from, int to) {
    double lo = from == 0 ? 0 : wordCdf[from - 1];
    double hi = wordCdf[Math.min(to, words.size()) - 1];
    return words.get(sample(wordCdf, lo + random.nextDouble() * (hi - lo)));
  }

  /** A story drawn from a mildly skewed distribution: some stories get far more coverage. */
  public Topic zipfTopic(SplittableRandom random) {
    return topics.get(sample(topicCdf, random.nextDouble()));
  }

  /**
   * Every folded token generated text can contain: each word, name part and their plural and
   * possessive forms, lower-cased. What a prefix is expanded against for the "expanded prefix"
   * Lucene Monitor variant.
   */
  public Set<String> surfaceTokens() {
    Set<String> tokens = new HashSet<>();
    for (String word : words) {
      addForms(tokens, word);
    }
    for (String name : names) {
      for (String part : name.toLowerCase(Locale.ROOT).split(" ")) {
        addForms(tokens, part);
      }
    }
    for (String sentence : CeasefireSentences.ALL) {
      for (String token : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'’]+")) {
        if (!token.isEmpty()) {
          tokens.add(token.replace('’', '\''));
        }
      }
    }
    return tokens;
  }

  private static void addForms(Set<String> tokens, String word) {
    tokens.add(word);
    tokens.add(plural(word));
    tokens.add(word + "'s");
  }

  /** The regular English plural of a pseudo-word or head word. */
  public static String plural(String word) {
    int n = word.length();
    if (n > 1 && word.charAt(n - 1) == 'y' && "aeiou".indexOf(word.charAt(n - 2)) < 0) {
      return word.substring(0, n - 1) + "ies";
    }
    if (word.endsWith("x") || word.endsWith("ch") || word.endsWith("sh")) {
      return word + "es";
    }
    return word + "s";
  }

  static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String pseudoWord(Random random, int syllables) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < syllables; s++) {
      if (s == 0 ? random.nextInt(5) != 0 : true) {
        sb.append(ONSETS[random.nextInt(ONSETS.length)]);
      }
      sb.append(VOWELS[random.nextInt(VOWELS.length)]);
      if (s == syllables - 1 || random.nextInt(3) == 0) {
        sb.append(CODAS[random.nextInt(CODAS.length)]);
      }
    }
    return sb.toString();
  }

  /** Words whose stem is themselves and that never read as a query operator. */
  private static boolean isSafeWord(String word) {
    return !word.endsWith("s") && !word.endsWith("'") && !HEAD.contains(word);
  }

  private static int logUniformRank(Random random, int from, int to) {
    double x =
        Math.exp(Math.log(from + 1) + random.nextDouble() * (Math.log(to) - Math.log(from + 1)));
    return Math.min(to - 1, Math.max(from, (int) x - 1));
  }

  private static double[] zipfCdf(int n, double exponent) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  private static int sample(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
