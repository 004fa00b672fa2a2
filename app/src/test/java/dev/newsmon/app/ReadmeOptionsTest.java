package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option a command offers is documented: a user should not have to find one in --help. */
class ReadmeOptionsTest {

  @Test
  void shouldDocumentEveryOptionOfEveryCommand() throws IOException {
    Path root = Path.of("..");
    String docs =
        Files.readString(root.resolve("README.md"))
            + Files.readString(root.resolve("ingest/README.md"));
    List<String> undocumented = new ArrayList<>();
    for (CommandLine sub : Newsmon.commandLine().getSubcommands().values()) {
      for (OptionSpec option : sub.getCommandSpec().options()) {
        String name = option.longestName();
        boolean documented =
            Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")
                .matcher(docs)
                .find();
        if (!option.usageHelp() && !option.versionHelp() && !documented) {
          undocumented.add(sub.getCommandName() + " " + name);
        }
      }
    }
    assertThat(undocumented).isEmpty();
  }
}
