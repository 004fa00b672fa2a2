package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default watchlist against the real articles and gold file that live beside the repository in
 * {@code ../shared} (not part of it); what {@code eval-seeds} checks, inside the build.
 */
class SeedArticlesTest {

  private static Path shared() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared");
      if (Files.isRegularFile(candidate.resolve("seeds-gold.yaml"))) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void shouldFindEveryRequiredRuleAndNoOtherInTheSeedArticles() throws Exception {
    Path shared = shared();
    assumeTrue(shared != null, "../shared/seeds-gold.yaml is absent: seed articles not checked");
    JsonNode gold = new YAMLMapper().readTree(shared.resolve("seeds-gold.yaml").toFile());
    ArticleMatcher matcher = ArticleMatcher.compile(WatchlistLoader.defaultWatchlist());
    List<String> failures = new ArrayList<>();
    for (var it = gold.fields(); it.hasNext(); ) {
      var entry = it.next();
      List<Article> read = new ArrayList<>();
      ArticleFiles.read(
          shared.resolve("seeds").resolve(entry.getKey()),
          new ArticleFiles.Sink() {
            @Override
            public void article(Article article) {
              read.add(article);
            }

            @Override
            public void problem(ArticleFiles.Problem problem) {
              failures.add(problem.toString());
            }
          });
      Map<String, Set<String>> found = new HashMap<>();
      for (Mention m : matcher.match(read.get(0), Instant.EPOCH).mentions()) {
        found.put(m.ruleId(), new HashSet<>(m.actors()));
      }
      Set<String> required = strings(entry.getValue().get("required"));
      Set<String> allowed = strings(entry.getValue().get("allowed"));
      for (String r : required) {
        if (!found.containsKey(r)) {
          failures.add(entry.getKey() + ": missing " + r);
        }
      }
      for (String r : found.keySet()) {
        if (!required.contains(r) && !allowed.contains(r)) {
          failures.add(entry.getKey() + ": false positive " + r);
        }
      }
      JsonNode actors = entry.getValue().get("actors");
      if (actors != null) {
        for (var a = actors.fields(); a.hasNext(); ) {
          var check = a.next();
          Set<String> got = found.getOrDefault(check.getKey(), Set.of());
          if (!got.containsAll(strings(check.getValue()))) {
            failures.add(entry.getKey() + ": " + check.getKey() + " actors " + got);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static Set<String> strings(JsonNode list) {
    Set<String> out = new HashSet<>();
    if (list != null) {
      list.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
