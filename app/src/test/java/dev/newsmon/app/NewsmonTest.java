package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NewsmonTest {

  @Test
  void shouldPrintTheVersionFromEveryCommand() {
    for (String command : Newsmon.commandLine().getSubcommands().keySet()) {
      if (command.equals("help")) {
        continue;
      }
      StringWriter out = new StringWriter();
      CommandLine cl = Newsmon.commandLine();
      cl.setOut(new PrintWriter(out, true));

      assertThat(cl.execute(command, "--version")).as(command).isZero();
      assertThat(out.toString()).as(command + " --version").startsWith("newsmon ");
    }
  }

  @Test
  void shouldBlameABadValueFromTheEnvironmentOnItsVariable() {
    StringWriter err = new StringWriter();
    CommandLine cl = Newsmon.commandLine(Map.of("NEWSMON_FORMAT", "xml"));
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("scan", "story.txt")).isEqualTo(2);
    assertThat(err.toString()).contains("'--format'").contains("(from NEWSMON_FORMAT)");

    StringWriter onLine = new StringWriter();
    CommandLine given = Newsmon.commandLine(Map.of("NEWSMON_FORMAT", "xml"));
    given.setErr(new PrintWriter(onLine, true));
    assertThat(given.execute("scan", "--format", "yaml", "story.txt")).isEqualTo(2);
    assertThat(onLine.toString()).contains("'--format'").doesNotContain("NEWSMON_FORMAT");
  }

  @Test
  void shouldSayInEveryCommandsHelpThatTheEnvironmentCanSetOptions() {
    for (CommandLine sub : Newsmon.commandLine().getSubcommands().values()) {
      if (!sub.getCommandName().equals("help")) {
        assertThat(sub.getUsageMessage().replaceAll("\\s+", " "))
            .as(sub.getCommandName())
            .contains("--some-option as NEWSMON_SOME_OPTION");
      }
    }
  }

  @Test
  void shouldNameEveryOptionsValueInCapitalsAsTheReadmeDoes() {
    for (CommandLine sub : Newsmon.commandLine().getSubcommands().values()) {
      // picocli's own placeholder is the field's name in angle brackets: <embeddedDataDir>
      assertThat(sub.getUsageMessage()).as(sub.getCommandName()).doesNotContainPattern("<\\w+>");
    }
  }

  @Test
  void shouldNotWrapHelpTextInsideAPathOrAFileExtension() {
    for (CommandLine sub : Newsmon.commandLine().getSubcommands().values()) {
      // picocli may break a line after a dot: "(default: ." then "/data/kafka)"
      assertThat(sub.getUsageMessage().lines())
          .as(sub.getCommandName())
          .noneMatch(line -> line.matches(".*[\\s(]\\.$"));
    }
  }
}
