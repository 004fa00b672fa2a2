package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixSetTest {

  private static List<Integer> found(PrefixSet prefixSet, String token) {
    LookupBatch batch = new LookupBatch();
    char[] buf = token.toCharArray();
    prefixSet.probe(buf, buf.length, TermDictionary.packHead(buf, 0, buf.length), 7, batch);
    prefixSet.resolve(batch);
    List<Integer> ids = new ArrayList<>();
    for (int k = 0; k < batch.count; k++) {
      assertThat(batch.token[k]).isEqualTo(7);
      if (batch.id[k] >= 0) {
        ids.add(batch.id[k]);
      }
    }
    return ids;
  }

  /** Every prefix of the token, shortest first, by plain string comparison. */
  private static List<Integer> expected(List<String> prefixes, String token) {
    List<Integer> ids = new ArrayList<>();
    for (int len = 1; len <= token.length(); len++) {
      int id = prefixes.indexOf(token.substring(0, len));
      if (id >= 0) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void shouldFindEveryPrefixOfRandomTokensAsAPlainScanDoes() {
    Random random = new Random(42);
    String alphabet = "abcdez019'\u00e9\u043f";
    List<String> prefixes = randomPrefixes(random, alphabet, 300, 4);
    PrefixSet prefixSet = new PrefixSet(prefixes);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      String token = randomWord(random, alphabet, 1 + random.nextInt(9));
      List<Integer> want = expected(prefixes, token);
      assertThat(found(prefixSet, token)).as(token).isEqualTo(want);
      matched += want.isEmpty() ? 0 : 1;
    }
    assertThat(matched).isGreaterThan(100);
  }

  @Test
  void shouldFindPrefixesLongerThanAPackedKeyAsAPlainScanDoes() {
    Random random = new Random(43);
    String alphabet = "abz09'\u00e9";
    List<String> prefixes = randomPrefixes(random, alphabet, 400, 11);
    PrefixSet prefixSet = new PrefixSet(prefixes);
    int longMatches = 0;
    for (int i = 0; i < 20_000; i++) {
      String token =
          prefixes.get(random.nextInt(prefixes.size()))
              + randomWord(random, alphabet, random.nextInt(5));
      List<Integer> want = expected(prefixes, token);
      assertThat(found(prefixSet, token)).as(token).isEqualTo(want);
      longMatches +=
          want.stream().anyMatch(id -> prefixes.get(id).length() > TermDictionary.MAX_PACKED)
              ? 1
              : 0;
    }
    assertThat(longMatches).isGreaterThan(1_000);
  }

  @Test
  void shouldFindShortPrefixesWhenSomeAreShorterThanThreeChars() {
    List<String> prefixes = List.of("ab", "abc", "abcd", "x", "xyz1");
    PrefixSet prefixSet = new PrefixSet(prefixes);

    assertThat(found(prefixSet, "abcde")).containsExactly(0, 1, 2);
    assertThat(found(prefixSet, "ab")).containsExactly(0);
    assertThat(found(prefixSet, "xyz12")).containsExactly(3, 4);
    assertThat(found(prefixSet, "yab")).isEmpty();
  }

  @Test
  void shouldFindNothingWithoutPrefixes() {
    assertThat(found(new PrefixSet(List.of()), "anything")).isEmpty();
  }

  /** Up to {@code draws} distinct words of 3 to {@code 2 + lengths} characters. */
  private static List<String> randomPrefixes(
      Random random, String alphabet, int draws, int lengths) {
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < draws; i++) {
      String p = randomWord(random, alphabet, 3 + random.nextInt(lengths));
      if (!prefixes.contains(p)) {
        prefixes.add(p);
      }
    }
    return prefixes;
  }

  private static String randomWord(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
