package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {

  @ParameterizedTest
  @CsvSource({
    "HTTPS://WWW.Example.COM/Path/A, https://www.example.com/Path/A",
    "http://example.com, http://example.com/",
    "http://example.com:80/a, http://example.com/a",
    "https://example.com:8443/a, https://example.com:8443/a",
    "https://example.com/a#section-2, https://example.com/a",
    "https://example.com/a?utm_source=x&utm_campaign=y, https://example.com/a",
    "https://example.com/a?b=1&fbclid=z&c=2&gclid=q, https://example.com/a?b=1&c=2",
  })
  void shouldCanonicalise(String given, String expected) {
    assertThat(CanonicalUrl.of(given)).isEqualTo(expected);
  }

  @Test
  void shouldRejectWhatIsNotAnHttpUrl() {
    assertThatThrownBy(() -> CanonicalUrl.of("ftp://example.com/a"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("'url'");
    assertThatThrownBy(() -> CanonicalUrl.of("not a url")).hasMessageContaining("'url'");
  }
}
