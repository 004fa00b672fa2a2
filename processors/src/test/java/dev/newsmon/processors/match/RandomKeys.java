package dev.newsmon.processors.match;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random terms (as stems) and prefixes over a small alphabet, and tokens drawn near them. */
record RandomKeys(List<String> terms, List<String> prefixes) {

  /** {@code count} of each: terms of 1 to {@code longestTerm} characters, prefixes of 3 to 5. */
  static RandomKeys draw(Random random, String alphabet, int count, int longestTerm) {
    Set<String> terms = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      terms.add(
          PluralPossessiveFilter.stem(word(random, alphabet, 1 + random.nextInt(longestTerm))));
      prefixes.add(word(random, alphabet, 3 + random.nextInt(3)));
    }
    return new RandomKeys(List.copyOf(terms), prefixes);
  }

  /** Half the time a word of up to 8 characters from {@code alphabet}, else a term and a suffix. */
  String token(Random random, String alphabet, String[] suffixes) {
    return random.nextBoolean()
        ? word(random, alphabet, 1 + random.nextInt(8))
        : terms.get(random.nextInt(terms.size())) + suffixes[random.nextInt(suffixes.length)];
  }

  static String word(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
