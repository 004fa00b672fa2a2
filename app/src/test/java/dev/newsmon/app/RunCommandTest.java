package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad usage of {@code newsmon run} is refused before anything starts. */
class RunCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Newsmon.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void shouldRefuseASpeedThatIsNotAPositiveNumberOrMax() {
    assertThat(run("--speed", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("--speed must be a positive number or 'max', not 'fast'");
    assertThat(run("--speed", "-3")).isEqualTo(2);
  }

  @Test
  void shouldRefuseMissingFilesNamingThem() {
    assertThat(run("--sample", "no/such/file.jsonl")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --sample no/such/file.jsonl");
    assertThat(run("--feeds", "no/such/feeds.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --feeds no/such/feeds.yaml");
    assertThat(run("--dir", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("--dir no/such/dir is not a directory");
  }

  @Test
  void shouldOfferEveryDocumentedOption() {
    var spec = Newsmon.commandLine().getSubcommands().get("run").getCommandSpec();

    for (String option :
        new String[] {
          "--bootstrap-servers",
          "--feeds",
          "--opml",
          "--dir",
          "--watchlist",
          "--speed",
          "--host",
          "--port",
          "--sample",
          "--no-sample",
          "--state-dir"
        }) {
      assertThat(spec.findOption(option)).as(option).isNotNull();
    }
    assertThat(spec.findOption("--host").defaultValue()).isEqualTo("127.0.0.1");
    assertThat(spec.findOption("--port").defaultValue()).isEqualTo("8080");
    assertThat(spec.findOption("--speed").defaultValue()).isEqualTo("1440");
  }
}
