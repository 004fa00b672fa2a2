package dev.newsmon.ingest;

import dev.newsmon.schemas.ArticleJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSONL articles from a stream, one per line, until it ends: {@code newsmon ingest --jsonl -}. */
final class StdinSource {
  static final String TAG = "stdin";

  private StdinSource() {}

  /**
   * Reads every line and hands it on; a bad line is rejected and reading goes on.
   *
   * @return the number of lines read
   */
  static long readLines(
      BufferedReader lines,
      String tag,
      String source,
      Intake intake,
      ArticleJson.Defaults defaults) {
    long number = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          intake.accept(
              tag, source, java.util.List.of(ArticleInputs.jsonLine(line, number, defaults)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " after line " + number, e);
    }
    return number;
  }
}
