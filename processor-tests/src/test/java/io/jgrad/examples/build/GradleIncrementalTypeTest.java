package io.jgrad.examples.build;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.processor.JgradProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jgrad declares itself an <em>aggregating</em> processor to Gradle. Isolating would require each
 * generated file to depend only on what its originating class's source reaches; but a caller's
 * derivatives depend on the bodies of the functions it calls (whether a callee, two calls away,
 * reaches a {@code @CustomVjp} rule decides whether the caller has forward mode) and on the callees'
 * generated classes. The second test shows such a dependency on a type the caller never names.
 */
class GradleIncrementalTypeTest {
  private static final String RESOURCE = "META-INF/gradle/incremental.annotation.processors";

  @Test
  void processorJarDeclaresJgradAsAggregating() throws Exception {
    String location = JgradProcessor.class.getProtectionDomain().getCodeSource().getLocation().toString();
    List<String> ours = new ArrayList<>();
    for (URL url : Collections.list(JgradProcessor.class.getClassLoader().getResources(RESOURCE))) {
      // Other processors on the test class path may ship their own file; read the one beside ours.
      if (url.toString().replace("jar:", "").startsWith(location)) {
        try (InputStream in = url.openStream()) {
          ours.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertWithMessage("no %s next to %s", RESOURCE, location).that(ours).hasSize(1);
    List<String> lines = ours.get(0).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    assertThat(lines).hasSize(1);
    String[] entry = lines.get(0).split(",");
    assertThat(entry).hasLength(2);
    // The named class must exist and be the processor javac runs.
    assertThat(Class.forName(entry[0])).isEqualTo(JgradProcessor.class);
    assertThat(entry[1]).isEqualTo("aggregating");
  }

  private static final String CALLER = """
      package agg;
      import io.jgrad.annotations.Differentiable;
      class Caller {
        @Differentiable
        static double f(double x) { return Mid.g(x) * 2; }
      }
      """;
  private static final String MID = """
      package agg;
      import io.jgrad.annotations.Differentiable;
      class Mid {
        @Differentiable
        static double g(double x) { return Leaf.h(x) + x; }
      }
      """;
  private static final String LEAF_PLAIN = """
      package agg;
      import io.jgrad.annotations.Differentiable;
      class Leaf {
        @Differentiable
        static double h(double x) { return Math.sin(x); }
      }
      """;
  private static final String LEAF_VJP = """
      package agg;
      import io.jgrad.annotations.CustomVjp;
      import io.jgrad.runtime.Fwd;
      class Leaf {
        @CustomVjp(fwd = "hFwd", bwd = "hBwd")
        static double h(double x) { return Math.sin(x); }
        static Fwd<Double> hFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }
        static double hBwd(Double cos, double g) { return cos * g; }
      }
      """;

  /** Not isolating: Caller's output changes when Leaf changes, though Caller's source never names Leaf. */
  @Test
  void callerOutputDependsOnATypeItsSourceDoesNotName(@TempDir Path dir) throws IOException {
    assertThat(CALLER).doesNotContain("Leaf");
    String withPlainLeaf = callerDerivatives(dir.resolve("plain"), LEAF_PLAIN);
    String withVjpLeaf = callerDerivatives(dir.resolve("vjp"), LEAF_VJP);
    assertThat(withPlainLeaf).contains("fJvp(");
    assertThat(withVjpLeaf).doesNotContain("fJvp(");
  }

  private static String callerDerivatives(Path dir, String leaf) {
    InProcessJavac.Result r = InProcessJavac.compile(dir,
        Map.of("agg.Caller", CALLER, "agg.Mid", MID, "agg.Leaf", leaf), List.of());
    assertWithMessage(r.describe()).that(r.ok()).isTrue();
    return new String(r.generatedSources().get("agg/CallerDerivatives.java"), StandardCharsets.UTF_8);
  }
}
