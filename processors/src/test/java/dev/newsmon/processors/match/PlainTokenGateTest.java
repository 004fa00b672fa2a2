package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlainTokenGateTest {

  @Test
  void shouldLetThroughByItsFirstFourBytesEveryPlainTokenAKeyMatches() {
    Random random = new Random(8);
    String alphabet = "abcdeisxy0123456789";
    RandomKeys keys = RandomKeys.draw(random, alphabet, 60, 7);
    Set<String> terms = Set.copyOf(keys.terms());
    List<String> prefixes = keys.prefixes();
    PlainTokenGate gate = new PlainTokenGate(keys.terms(), prefixes);
    String[] suffixes = {"", "s", "es", "ies"};
    // the starts a matching token can have, worked out another way
    Set<String> starts = new HashSet<>();
    for (String term : keys.terms()) {
      for (String form : List.of(term, term + "s", term + "es", term.replaceAll("y$", "ies"))) {
        starts.add(form.substring(0, Math.min(4, form.length())));
      }
    }
    int matched = 0;
    int unlikeAnyKey = 0;
    int refused = 0;
    for (int i = 0; i < 100_000; i++) {
      String token = keys.token(random, alphabet + "ABEZ", suffixes);
      token = token.endsWith("yies") ? token.replaceAll("yies$", "ies") : token;
      String lower = token.toLowerCase(java.util.Locale.ROOT);
      long key = key(token);
      boolean matches =
          terms.contains(PluralPossessiveFilter.stem(lower))
              || prefixes.stream().anyMatch(lower::startsWith);
      if (matches) {
        assertThat(gate.mayStart(key)).as(token).isTrue();
        matched++;
      } else if (!starts.contains(lower.substring(0, Math.min(4, lower.length())))
          && prefixes.stream()
              .noneMatch(p -> lower.startsWith(p.substring(0, Math.min(4, p.length()))))) {
        unlikeAnyKey++;
        refused += gate.mayStart(key) ? 0 : 1;
      }
    }
    assertThat(matched).isGreaterThan(20_000);
    assertThat(unlikeAnyKey).isGreaterThan(20_000);
    // a filter, not a pass: a token that starts as no key can match is refused but for the few
    // whose hash it shares with a start that can
    assertThat(refused).isGreaterThan(unlikeAnyKey * 9 / 10);
  }

  @Test
  void shouldLetThroughByItsFirstFourBytesEveryPlural() {
    PlainTokenGate gate =
        new PlainTokenGate(List.of("ax", "tax", "army", "spy", "speech"), List.of("cea"));
    for (String token :
        List.of("ax", "axes", "tax", "taxes", "armies", "spies", "speeches", "cea", "ceasefire")) {
      assertThat(gate.mayStart(key(token))).as(token).isTrue();
    }
    for (String token : List.of("axis", "taxi", "armour", "spain", "spend", "ce", "cement")) {
      assertThat(gate.mayStart(key(token))).as(token).isFalse();
    }
  }

  /** The key {@link TokenBounds#key} gives a plain token. */
  static long key(String token) {
    long key = 0;
    for (int k = 0; k < Math.min(4, token.length()); k++) {
      key |= (long) Character.toLowerCase(token.charAt(k)) << (8 * k);
    }
    return key;
  }
}
