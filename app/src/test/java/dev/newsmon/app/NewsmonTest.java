package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
