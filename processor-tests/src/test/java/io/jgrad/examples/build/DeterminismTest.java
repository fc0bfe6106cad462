package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clean builds of the same sources give byte-identical generated sources, whatever order javac
 * is handed the files in. The inputs are the example classes of this module (plain bodies, control
 * flow, arrays, calls, custom JVP and VJP rules, order 2), read from {@code src/test/java} and
 * moved to package {@code det.*}: under their own names javac would also find this module's compiled
 * {@code ...Derivatives} classes on the class path, and javac 17 crashes (a NullPointerException on
 * a record accessor, fixed in later JDKs) when a source refers to a generated record that exists
 * both as a stale class and as a file generated in the same compilation.
 */
class DeterminismTest {
  private static final Path EXAMPLES = Path.of("src/test/java/io/jgrad/examples");
  private static final List<String> INPUTS = List.of(
      "ad/ControlFlowFunctions.java", "ad/OtherFunctions.java", "ad/PrimitiveRulesFunctions.java",
      "custom/SeedCustomJvp.java", "custom/SeedCustomVjp.java", "custom/SecondOrderExamples.java",
      "regressions/ReassignedParameters.java");

  /** The example sources by qualified class name, in the order of {@link #INPUTS}. */
  static Map<String, String> exampleSources() throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String input : INPUTS) {
      String name = "det." + input.replace('/', '.').replace(".java", "");
      String text = Files.readString(EXAMPLES.resolve(input), StandardCharsets.UTF_8);
      sources.put(name, text.replace("package io.jgrad.examples.", "package det."));
    }
    return sources;
  }

  @Test
  void twoCleanBuildsGiveByteIdenticalSources(@TempDir Path dir) throws IOException {
    Map<String, String> sources = exampleSources();
    InProcessJavac.Result first = InProcessJavac.compile(dir.resolve("first"), sources, List.of());
    assertWithMessage(first.describe()).that(first.ok()).isTrue();

    List<String> reversedNames = new ArrayList<>(sources.keySet());
    Collections.reverse(reversedNames);
    Map<String, String> reversed = new LinkedHashMap<>();
    reversedNames.forEach(n -> reversed.put(n, sources.get(n)));
    InProcessJavac.Result second = InProcessJavac.compile(dir.resolve("second"), reversed, List.of());
    assertWithMessage(second.describe()).that(second.ok()).isTrue();

    Map<String, byte[]> a = first.generatedSources();
    Map<String, byte[]> b = second.generatedSources();
    // One Derivatives class per example class that has differentiable functions.
    assertThat(a.keySet()).hasSize(INPUTS.size());
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String file : a.keySet()) {
      assertWithMessage("%s differs between two builds", file).that(b.get(file)).isEqualTo(a.get(file));
    }
  }
}
