package io.jgrad.examples.signatures;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.examples.build.InProcessJavac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions whose derivatives would exceed the JVM's 64 KB per method are [jgrad.TooLarge] at the
 * method, before anything is generated, and the largest ones allowed compile. The heaviest statement
 * measured: 13 IR nodes, chains of pow, atan2 and exp.
 */
class CodeSizeLimitTest {
  private static final String STATEMENT = "    s = Math.pow(s, 1.01) + Math.atan2(x, s) * Math.exp(y / s);\n";

  /** f(x, y) with {@code statements} heavy statements: 3 + 13 n IR nodes. */
  private static String chain(int order, int statements) {
    return "package p;\nimport io.jgrad.annotations.Differentiable;\nclass Chain {\n"
        + "  @Differentiable(order = " + order + ")\n"
        + "  static double f(double x, double y) {\n    double s = 1;\n"
        + STATEMENT.repeat(statements) + "    return s;\n  }\n}\n";
  }

  /** Order 2 on n parameters: fHessian makes n * n calls. */
  private static String manyParameters(int n) {
    String params = IntStream.range(0, n).mapToObj(i -> "double x" + i).collect(Collectors.joining(", "));
    String body = IntStream.range(0, n).mapToObj(i -> "x" + i + " * x" + i).collect(Collectors.joining(" + "));
    return "package p;\nimport io.jgrad.annotations.Differentiable;\nclass Chain {\n"
        + "  @Differentiable(order = 2)\n  static double f(" + params + ") {\n    return " + body + ";\n  }\n}\n";
  }

  private static InProcessJavac.Result compile(Path dir, String source) {
    return InProcessJavac.compile(dir, Map.of("p.Chain", source), List.of());
  }

  /** The one error is [jgrad.TooLarge] on the method's line (5), and nothing was generated. */
  private static void assertTooLarge(InProcessJavac.Result r, String... words) throws Exception {
    String all = r.describe();
    List<Diagnostic<?>> errors = r.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    assertWithMessage(all).that(errors).hasSize(1);
    String message = errors.get(0).getMessage(Locale.ROOT);
    assertThat(message).startsWith("[jgrad.TooLarge]");
    for (String w : words) {
      assertThat(message).contains(w);
    }
    assertThat(errors.get(0).getLineNumber()).isEqualTo(5L);
    assertThat(Files.exists(r.generated().resolve("p/ChainDerivatives.java"))).isFalse();
  }

  @Test
  void fiveThousandStatementsAreRefusedBeforeGenerating(@TempDir Path dir) throws Exception {
    assertTooLarge(compile(dir, chain(1, 5000)), "1200", "split it into several @Differentiable functions");
  }

  @Test
  void order1Boundary(@TempDir Path dir) throws Exception {
    // 3 + 13 * 92 = 1199 nodes compile (fGrad about 41 KB); 93 statements are 1212.
    InProcessJavac.Result ok = compile(dir.resolve("ok"), chain(1, 92));
    assertWithMessage(ok.describe()).that(ok.ok()).isTrue();
    assertTooLarge(compile(dir.resolve("over"), chain(1, 93)), "1212", "1200");
  }

  @Test
  void order2Boundary(@TempDir Path dir) throws Exception {
    // 3 + 13 * 45 = 588 nodes compile; 46 statements are 601.
    InProcessJavac.Result ok = compile(dir.resolve("ok"), chain(2, 45));
    assertWithMessage(ok.describe()).that(ok.ok()).isTrue();
    assertTooLarge(compile(dir.resolve("over"), chain(2, 46)), "601", "600");
  }

  @Test
  void hessianOfManyParameters(@TempDir Path dir) throws Exception {
    // fHessian of 24 parameters is about 62 KB.
    InProcessJavac.Result ok = compile(dir.resolve("ok"), manyParameters(24));
    assertWithMessage(ok.describe()).that(ok.ok()).isTrue();
    assertTooLarge(compile(dir.resolve("over"), manyParameters(25)), "fHessian", "at most 24");
  }
}
