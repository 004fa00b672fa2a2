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
  void shouldLetThroughByItsFirstFourBytesEveryPlainTokenAKeyMatches() {
    Random random = new Random(8);
    String alphabet = "abcdeisxy0123456789";
    Set<String> terms = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      terms.add(PluralPossessiveFilter.stem(word(random, alphabet, 1 + random.nextInt(7))));
      prefixes.add(word(random, alphabet, 3 + random.nextInt(3)));
    }
    StartGate gate = new StartGate(List.copyOf(terms), prefixes);
    String[] suffixes = {"", "s", "es", "ies"};
    // the starts a matching token can have, worked out another way
    Set<String> starts = new HashSet<>();
    for (String term : terms) {
      for (String form : List.of(term, term + "s", term + "es", term.replaceAll("y$", "ies"))) {
        starts.add(form.substring(0, Math.min(4, form.length())));
      }
    }
    int matched = 0;
    int unlikeAnyKey = 0;
    int refused = 0;
    for (int i = 0; i < 100_000; i++) {
      String token =
          random.nextBoolean()
              ? word(random, alphabet + "ABEZ", 1 + random.nextInt(8))
              : List.copyOf(terms).get(random.nextInt(terms.size()))
                  + suffixes[random.nextInt(suffixes.length)];
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
    StartGate gate = new StartGate(List.of("ax", "tax", "army", "spy", "speech"), List.of("cea"));
    for (String token :
        List.of("ax", "axes", "tax", "taxes", "armies", "spies", "speeches", "cea", "ceasefire")) {
      assertThat(gate.mayStart(key(token))).as(token).isTrue();
    }
    for (String token : List.of("axis", "taxi", "armour", "spain", "spend", "ce", "cement")) {
      assertThat(gate.mayStart(key(token))).as(token).isFalse();
    }
  }

  /** The key {@link TokenBounds#key} gives a plain token. */
  private static long key(String token) {
    long key = 0;
    for (int k = 0; k < Math.min(4, token.length()); k++) {
      key |= (long) Character.toLowerCase(token.charAt(k)) << (8 * k);
    }
    return key;
  }
}
