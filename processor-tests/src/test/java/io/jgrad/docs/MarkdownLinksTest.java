package io.jgrad.docs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link in the README, CONTRIBUTING, CHANGELOG and docs/ points at a file and heading that exist. */
class MarkdownLinksTest {

  @Test
  void everyRelativeLinkResolves() {
    Path root = RepositoryFiles.root();
    List<Path> files = RepositoryFiles.markdown(root);
    assertThat(files).contains(root.resolve("README.md"));
    assertThat(files).contains(root.resolve("docs/diagnostics.md"));
    MarkdownLinks links = new MarkdownLinks();
    List<String> broken = new ArrayList<>();
    for (Path f : files) {
      broken.addAll(links.broken(root, f));
    }
    assertWithMessage("broken relative links:\n%s", String.join("\n", broken)).that(broken).isEmpty();
  }

  @Test
  void theReadmeLinksIntoDocs() throws IOException {
    String readme = Files.readString(RepositoryFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("(docs/diagnostics.md)");
    assertThat(readme).contains("(CONTRIBUTING.md)");
    assertThat(readme).contains("(CHANGELOG.md)");
  }

  @Test
  void theBenchmarkPageKeepsTheMarkersBenchmarksRunWritesBetween() throws IOException {
    String page = Files.readString(RepositoryFiles.root().resolve("docs/benchmarks.md"), StandardCharsets.UTF_8);
    int begin = page.indexOf("<!-- benchmarks:begin -->");
    assertThat(begin).isAtLeast(0);
    assertThat(page.indexOf("<!-- benchmarks:end -->")).isGreaterThan(begin);
  }

  @Test
  void theCheckerReportsAMissingFileAndAMissingAnchor(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.md"), String.join("\n",
        "# Title",
        "## Working with `records`: why",
        "[ok](b.md#second-part) [ok](#working-with-records-why) [web](https://example.com/x.md)",
        "[gone](missing.md) [no anchor](b.md#third)",
        "`[in code](nowhere.md)`",
        "```",
        "[in a block](nowhere.md)",
        "```",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b.md"), "# First\n\n## Second part\n", StandardCharsets.UTF_8);
    List<String> broken = new MarkdownLinks().broken(dir, dir.resolve("a.md"));
    assertThat(broken).containsExactly(
        "a.md:4: missing.md (no such file: missing.md)",
        "a.md:4: b.md#third (no heading with the anchor #third in b.md)");
  }

  @Test
  void slugsAreGithubs() {
    assertThat(MarkdownLinks.slug("Implicit differentiation: the notebook's `fixed_point`"))
        .isEqualTo("implicit-differentiation-the-notebooks-fixed_point");
    assertThat(MarkdownLinks.slug("jgrad.RuleSkipsPrimal (warning)")).isEqualTo("jgradruleskipsprimal-warning");
    assertThat(MarkdownLinks.slug("Backends: batched kernels (`vmap`) on CPU threads and OpenCL"))
        .isEqualTo("backends-batched-kernels-vmap-on-cpu-threads-and-opencl");
  }
}
