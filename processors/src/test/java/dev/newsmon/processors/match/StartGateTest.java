package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartGateTest {

  private static boolean mayMatch(StartGate gate, String token) {
    char[] buf = token.toCharArray();
    return gate.mayMatch(TermDictionary.packHead(buf, 0, buf.length));
  }

  @Test
  void shouldTurnAwayTokensThatStartAsNoTermOrPrefixDoes() {
    StartGate gate = new StartGate(List.of("ceasefire", "us"), List.of("truc"));
    assertThat(mayMatch(gate, "ceasefires")).isTrue();
    assertThat(mayMatch(gate, "cease")).isTrue(); // same start: the look-up decides
    assertThat(mayMatch(gate, "truces")).isTrue();
    assertThat(mayMatch(gate, "us's")).isTrue();
    assertThat(mayMatch(gate, "ceramic")).isFalse();
    assertThat(mayMatch(gate, "the")).isFalse();
    assertThat(mayMatch(gate, "u")).isFalse();
    assertThat(mayMatch(gate, "tr")).isFalse();
  }

  @Test
  void shouldLetThroughTheIesPluralOfAThreeLetterTerm() {
    StartGate gate = new StartGate(List.of("spy"), List.of());
    assertThat(PluralPossessiveFilter.stem("spies")).isEqualTo("spy");
    assertThat(mayMatch(gate, "spies")).isTrue();
    assertThat(mayMatch(gate, "spa")).isFalse();
  }

  @Test
  void shouldLetThroughTokensThatStartWithAnUnpackableCharacterWhenAKeyDoes() {
    StartGate gate = new StartGate(List.of("перемир'я", "aп"), List.of());
    assertThat(mayMatch(gate, "перемир'я")).isTrue();
    assertThat(mayMatch(gate, "aпb")).isTrue();
    assertThat(mayMatch(gate, "ab")).isFalse();
  }

  @Test
  void shouldLetThroughEveryTokenWhoseStemIsATermOrThatStartsWithAPrefix() {
    Random random = new Random(7);
    String alphabet = "abeisy09'\u043f";
    Set<String> terms = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      terms.add(PluralPossessiveFilter.stem(word(random, alphabet, 1 + random.nextInt(6))));
      prefixes.add(word(random, alphabet, 3 + random.nextInt(3)));
    }
    StartGate gate = new StartGate(List.copyOf(terms), prefixes);
    String[] suffixes = {"", "s", "es", "'s", "s'"};
    int matched = 0;
    int turnedAway = 0;
    for (int i = 0; i < 50_000; i++) {
      String token =
          random.nextBoolean()
              ? word(random, alphabet, 1 + random.nextInt(8))
              : List.copyOf(terms).get(random.nextInt(terms.size()))
                  + suffixes[random.nextInt(suffixes.length)];
      token = token.endsWith("ys") && random.nextBoolean() ? token.replaceAll("ys$", "ies") : token;
      String stemmed = PluralPossessiveFilter.stem(token);
      String t = token;
      boolean matches = terms.contains(stemmed) || prefixes.stream().anyMatch(t::startsWith);
      boolean passes = mayMatch(gate, token);
      if (matches) {
        assertThat(passes).as(token).isTrue();
        matched++;
      }
      turnedAway += passes ? 0 : 1;
    }
    assertThat(matched).isGreaterThan(10_000);
    assertThat(turnedAway).isGreaterThan(1_000);
  }

  private static String word(Random random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void shouldLetThroughByItsBytesEveryPlainTokenItLetsThroughByItsCodes() {
    Random random = new Random(8);
    String alphabet = "abcdeisy0123456789";
    List<String> terms = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      terms.add(word(random, alphabet, 1 + random.nextInt(6)));
      prefixes.add(word(random, alphabet, 3 + random.nextInt(3)));
    }
    StartGate gate = new StartGate(terms, prefixes);
    int allowed = 0;
    int refused = 0;
    for (int i = 0; i < 50_000; i++) {
      String token = word(random, alphabet + "ABEZ", 1 + random.nextInt(5));
      String lower = token.toLowerCase(java.util.Locale.ROOT);
      long key = 0;
      for (int k = 0; k < Math.min(3, lower.length()); k++) {
        key |= (long) lower.charAt(k) << (8 * k);
      }
      if (mayMatch(gate, lower)) {
        assertThat(gate.mayStart(key)).as(token).isTrue();
        allowed++;
      } else {
        refused += gate.mayStart(key) ? 0 : 1;
      }
    }
    assertThat(allowed).isGreaterThan(1_000);
    // the bytes' table refuses most of what the codes' table does: a filter, not a pass. Short
    // random terms allow so many starts that a quarter of its bits are set; the default
    // watchlist's set 0.5%
    assertThat(refused).isGreaterThan((50_000 - allowed) * 2 / 3);
  }
}
