package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TermDictionaryTest {

  @Test
  void shouldFindEveryKeyPackedOrPooledAndNothingElse() {
    Random random = new Random(11);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String key = randomWord(random, "aez09'\u00e9\u043f", 1 + random.nextInt(14));
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    TermDictionary dictionary = new TermDictionary(keys.subList(0, keys.size() / 2));
    int pooled = 0;
    for (int id = 0; id < keys.size(); id++) {
      String key = keys.get(id);
      int want = id < keys.size() / 2 ? id : -1;
      assertThat(dictionary.get(key)).as(key).isEqualTo(want);
      pooled += want >= 0 && TermDictionary.pack(key.toCharArray(), 0, key.length()) < 0 ? 1 : 0;
    }
    assertThat(pooled).isGreaterThan(500);
  }

  @Test
  void shouldPackAStemFromItsTokensHeadAsFromItsCharacters() {
    Random random = new Random(12);
    int changed = 0;
    for (int i = 0; i < 50_000; i++) {
      String token =
          randomWord(random, "aeiosy'z9\u00e9", 1 + random.nextInt(13))
              + (random.nextBoolean() ? "ies" : random.nextBoolean() ? "'s" : "es");
      char[] buf = token.toCharArray();
      long head = TermDictionary.packHead(buf, 0, buf.length);
      int stemmed = PluralPossessiveFilter.stem(buf, buf.length);
      changed += stemmed < token.length() ? 1 : 0;
      assertThat(TermDictionary.packStem(head, buf, stemmed))
          .as(token)
          .isEqualTo(TermDictionary.pack(buf, 0, stemmed));
    }
    assertThat(changed).isGreaterThan(25_000);
  }

  @Test
  void shouldRejectDuplicateKeys() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TermDictionary(List.of("ceasefire", "truce", "ceasefire")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate term ceasefire");
  }

  private static String randomWord(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
