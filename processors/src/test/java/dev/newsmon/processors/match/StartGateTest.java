package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

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
    RandomKeys keys = RandomKeys.draw(random, alphabet, 150, 6);
    Set<String> terms = Set.copyOf(keys.terms());
    List<String> prefixes = keys.prefixes();
    StartGate gate = new StartGate(keys.terms(), prefixes);
    String[] suffixes = {"", "s", "es", "'s", "s'"};
    int matched = 0;
    int turnedAway = 0;
    for (int i = 0; i < 50_000; i++) {
      String token = keys.token(random, alphabet, suffixes);
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
}
