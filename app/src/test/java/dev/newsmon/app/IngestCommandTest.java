package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = Newsmon.commandLine();
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldExitWith2WithoutAnySource() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "ingest")).isEqualTo(2);
    assertThat(err.toString()).contains("no source");
  }

  @Test
  void shouldExitWith2NamingTheEntryOfABadFeedsFile(@TempDir Path dir) throws Exception {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "- url: https://ok.example/rss\n- url: mailto:someone@example.org\n");
    StringWriter err = new StringWriter();

    assertThat(run(err, "ingest", "--feeds", feeds.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("feeds.yaml: feed 2");
  }
}
