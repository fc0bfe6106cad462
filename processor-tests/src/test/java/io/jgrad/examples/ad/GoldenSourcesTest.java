package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Golden generated sources: one small input per feature (a plain function, a branch, a loop, a call),
 * compiled with the processor, whose generated {@code XDerivatives} source must equal the file
 * {@code src/test/resources/golden/XDerivatives.java} character for character, so that any change in
 * the generated code, formatting included, shows up in review.
 *
 * <p>To regenerate the goldens after an intended change of the generated code, run
 *
 * <pre>{@code
 * mvn test -pl processor-tests -am -Dtest=GoldenSourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Djgrad.updateGolden=true
 * }</pre>
 *
 * <p>which writes the files instead of comparing (the test then passes), and review the diff of
 * {@code processor-tests/src/test/resources/golden/} before committing it.
 *
 * <p>The test also checks that the output is deterministic (two compilations give identical
 * sources), carries {@code @Generated} without a date, and has no {@code 0.0 *} left in it.
 */
class GoldenSourcesTest {
  private static final String UPDATE_PROPERTY = "jgrad.updateGolden";

  /**
   * A golden case: the input class and its source. The inputs live in package {@code jgrad.golden},
   * not {@code golden}: the golden files are copied to {@code target/test-classes/golden/}, and javac
   * would find them there as sources of a package {@code golden} and compile them implicitly.
   */
  record Golden(String className, String... lines) {
    JavaFileObject source() {
      return JavaFileObjects.forSourceLines("jgrad.golden." + className, lines);
    }

    String generatedName() {
      return "jgrad.golden." + className + "Derivatives";
    }

    String goldenFile() {
      return className + "Derivatives.java";
    }
  }

  private static final List<Golden> GOLDENS = List.of(
      new Golden("Records",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Records {",
          "  record Point(double x, double y) {}",
          "",
          "  @Differentiable",
          "  static Point scale(Point p, double k) {",
          "    return new Point(k * p.x(), k * p.y());",
          "  }",
          "",
          "  @Differentiable",
          "  static double f(Point p) {",
          "    Point q = scale(p, 2);",
          "    return q.x() * q.y();",
          "  }",
          "}"),
      new Golden("RecordRules",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomJvp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Jvp;",
          "",
          "final class RecordRules {",
          "  record Point(double x, double y) {}",
          "",
          "  @CustomJvp(jvp = \"scaleJvp\")",
          "  static Point scale(Point p, double k) {",
          "    return new Point(k * p.x(), k * p.y());",
          "  }",
          "",
          "  static Jvp<Point> scaleJvp(Point p, double k, Point pDot, double kDot) {",
          "    Point q = scale(p, k);",
          "    return Jvp.of(q, new Point(k * pDot.x() + p.x() * kDot, k * pDot.y() + p.y() * kDot));",
          "  }",
          "",
          "  @Differentiable",
          "  static double f(Point p) {",
          "    Point q = scale(p, 2);",
          "    return q.x() * q.y();",
          "  }",
          "}"),
      new Golden("Arrays",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Arrays {",
          "  @Differentiable",
          "  static double[] cumsum(double[] x) {",
          "    double[] y = new double[x.length];",
          "    for (int i = 0; i < x.length; i++) {",
          "      y[i] = i == 0 ? x[i] : y[i - 1] + x[i];",
          "    }",
          "    return y;",
          "  }",
          "}"),
      // fJacobian of an array and a number to an array (forward or reverse mode chosen at run time, one
      // block per parameter in the record JacobianDerivatives.ScaleJacobian) and of a record result
      // (both counts known: forward mode chosen here). OrderTwo shows fHessianByName.
      new Golden("Jacobian",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Jacobian {",
          "  record Cartesian(double x, double y) {}",
          "",
          "  @Differentiable",
          "  static double[] scale(double[] x, double k) {",
          "    double[] y = new double[x.length];",
          "    for (int i = 0; i < x.length; i++) {",
          "      y[i] = k * x[i] * x[i];",
          "    }",
          "    return y;",
          "  }",
          "",
          "  @Differentiable",
          "  static Cartesian polar(double r, double t) {",
          "    return new Cartesian(r * Math.cos(t), r * Math.sin(t));",
          "  }",
          "}"),
      // A table in a static final array, read and never differentiated: its elements taped in the
      // forward sweep, so that a pullback uses what that sweep read; an int table as indices.
      new Golden("StaticTables",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class StaticTables {",
          "  static final double[] W = {0.5, -1.25, 2.0};",
          "  static final int[] IDX = {2, 0, 1};",
          "",
          "  @Differentiable",
          "  static double weighted(double[] x) {",
          "    double s = 0;",
          "    for (int i = 0; i < x.length; i++) {",
          "      s += W[i] * x[IDX[i]] * x[i];",
          "    }",
          "    return s;",
          "  }",
          "}"),
      // Reverse mode through counted loops: x re-read, the loop run backwards, no tape (Rosenbrock);
      // the carried state taped once per step, the products computed again (an Euler step); a local
      // array a stage reads at three neighbours, copied once per stage and the tape reserved once;
      // independent trips, each computed again by its backward trip (Newton's method inside); an Euler
      // step with checkpoints.
      new Golden("CountedLoops",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class CountedLoops {",
          "  @Differentiable",
          "  static double rosenbrock(double[] x) {",
          "    double s = 0;",
          "    for (int i = 0; i < x.length - 1; i++) {",
          "      double a = x[i + 1] - x[i] * x[i];",
          "      double b = 1 - x[i];",
          "      s += 100 * a * a + b * b;",
          "    }",
          "    return s;",
          "  }",
          "",
          "  @Differentiable(wrt = {\"a\", \"b\"})",
          "  static double euler(double a, double b, double u0, double dt, int steps) {",
          "    double u = u0;",
          "    for (int i = 0; i < steps; i++) {",
          "      u += dt * (a * u - b * u * u);",
          "    }",
          "    return u;",
          "  }",
          "",
          "  @Differentiable",
          "  static double stencil(double[] x, int steps) {",
          "    int n = x.length;",
          "    double[] y = new double[n];",
          "    double[] k = new double[n];",
          "    for (int i = 0; i < n; i++) {",
          "      y[i] = x[i];",
          "    }",
          "    for (int s = 0; s < steps; s++) {",
          "      for (int i = 0; i < n; i++) {",
          "        k[i] = y[Math.floorMod(i + 1, n)] * y[Math.floorMod(i - 1, n)];",
          "      }",
          "      for (int i = 0; i < n; i++) {",
          "        y[i] += 0.1 * k[i];",
          "      }",
          "    }",
          "    return y[0];",
          "  }",
          "",
          "  @Differentiable",
          "  static double cubeRoots(double[] x) {",
          "    double s = 0;",
          "    for (int i = 0; i < x.length; i++) {",
          "      double r = 1;",
          "      double step = 1;",
          "      while (Math.abs(step) > 1e-13) {",
          "        step = (r * r * r - x[i]) / (3 * r * r);",
          "        r -= step;",
          "      }",
          "      s += Math.log(r);",
          "    }",
          "    return s;",
          "  }",
          "",
          "  @Differentiable(wrt = {\"a\", \"b\"}, checkpointLoops = true)",
          "  static double checkpointedEuler(double a, double b, double u0, double dt, int steps) {",
          "    double u = u0;",
          "    for (int i = 0; i < steps; i++) {",
          "      u += dt * (a * u - b * u * u);",
          "    }",
          "    return u;",
          "  }",
          "}"),
      new Golden("Plain",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Plain {",
          "  @Differentiable",
          "  static double f(double x, double y) {",
          "    return Math.sin(x) * y + x / y;",
          "  }",
          "}"),
      new Golden("Copies",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Copies {",
          "  @Differentiable",
          "  static double f(double[] x) {",
          "    double[] y = java.util.Arrays.copyOf(x, x.length + 1);",
          "    System.arraycopy(y, 0, y, 1, x.length);",
          "    java.util.Arrays.fill(y, 0, 1, x[0] * x[0]);",
          "    return y[0] * y[1];",
          "  }",
          "}"),
      new Golden("JvpRules",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomJvp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Dual;",
          "",
          "final class JvpRules {",
          "  @CustomJvp(jvp = \"softplusJvp\")",
          "  static double softplus(double x) {",
          "    return Math.log1p(Math.exp(x));",
          "  }",
          "",
          "  static Dual softplusJvp(double x, double xDot) {",
          "    double ans = softplus(x);",
          "    return Dual.of(ans, xDot / (1 + Math.exp(-x)));",
          "  }",
          "",
          "  @CustomJvp(jvps = {\"fJvpX\", \"fJvpY\"})",
          "  static double f(double x, double y) {",
          "    return Math.sin(x) * y;",
          "  }",
          "",
          "  static double fJvpX(double xDot, double ans, double x, double y) {",
          "    return Math.cos(x) * y * xDot;",
          "  }",
          "",
          "  static double fJvpY(double yDot, double ans, double x, double y) {",
          "    return Math.sin(x) * yDot;",
          "  }",
          "",
          "  @Differentiable",
          "  static double caller(double x, double y) {",
          "    return softplus(x * y) + f(x, y);",
          "  }",
          "}"),
      new Golden("LinearCallee",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomJvp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Dual;",
          "",
          "final class LinearCallee {",
          "  @Differentiable",
          "  static double scale(double v) {",
          "    return 3.0 * v - v / 4.0;",
          "  }",
          "",
          "  @CustomJvp(jvp = \"gJvp\")",
          "  static double g(double x) {",
          "    return scale(Math.sin(x));",
          "  }",
          "",
          "  static Dual gJvp(double x, double xDot) {",
          "    return Dual.of(g(x), Math.cos(x) * scale(xDot));",
          "  }",
          "",
          "  @Differentiable",
          "  static double caller(double x) {",
          "    return g(x * x);",
          "  }",
          "}"),
      new Golden("VjpRule",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomVjp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Fwd;",
          "",
          "final class VjpRule {",
          "  @CustomVjp(fwd = \"clipFwd\", bwd = \"clipBwd\")",
          "  static double clip(double lo, double hi, double x) {",
          "    return x;",
          "  }",
          "",
          "  static Fwd<double[]> clipFwd(double lo, double hi, double x) {",
          "    return Fwd.of(x, new double[] {lo, hi});",
          "  }",
          "",
          "  static VjpRuleDerivatives.ClipGrad clipBwd(double[] res, double g) {",
          "    return new VjpRuleDerivatives.ClipGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));",
          "  }",
          "",
          "  @Differentiable",
          "  static double caller(double x) {",
          "    return Math.sin(clip(-1, 1, x * x));",
          "  }",
          "}"),
      new Golden("OrderTwo",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomJvp;",
          "import io.jgrad.annotations.CustomVjp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Dual;",
          "import io.jgrad.runtime.Fwd;",
          "",
          "final class OrderTwo {",
          "  @CustomVjp(fwd = \"sineFwd\", bwd = \"sineBwd\", order = 2)",
          "  static double sine(double x) {",
          "    return Math.sin(x);",
          "  }",
          "",
          "  static Fwd<Double> sineFwd(double x) {",
          "    return Fwd.of(Math.sin(x), Math.cos(x));",
          "  }",
          "",
          "  static double sineBwd(Double cos, double g) {",
          "    return cos * g;",
          "  }",
          "",
          "  @Differentiable(order = 2)",
          "  static double reverseOverReverse(double x, double y) {",
          "    double s = sine(x * y);",
          "    double r;",
          "    if (x > y) {",
          "      r = s * x;",
          "    } else {",
          "      r = s + y;",
          "    }",
          "    return r * sine(r);",
          "  }",
          "",
          "  @CustomJvp(jvp = \"softplusJvp\", order = 2)",
          "  static double softplus(double x) {",
          "    return Math.log1p(Math.exp(x));",
          "  }",
          "",
          "  static Dual softplusJvp(double x, double xDot) {",
          "    return Dual.of(softplus(x), xDot / (1 + Math.exp(-x)));",
          "  }",
          "",
          "  @Differentiable(order = 2)",
          "  static double forwardOverForward(double x, double y) {",
          "    return softplus(x * y) * y;",
          "  }",
          "}"),
      new Golden("OrderThree",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class OrderThree {",
          "  @Differentiable(order = 3)",
          "  static double cube(double x) {",
          "    return x * x * Math.sin(x);",
          "  }",
          "",
          "  @Differentiable(order = 3)",
          "  static double caller(double x, double y) {",
          "    return cube(x * y) + y;",
          "  }",
          "}"),
      new Golden("ArrayHessian",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class ArrayHessian {",
          "  @Differentiable(order = 2)",
          "  static double chain(double[] x) {",
          "    double s = 0;",
          "    for (int i = 0; i + 1 < x.length; i++) {",
          "      s += x[i] * x[i + 1];",
          "    }",
          "    return s;",
          "  }",
          "",
          "  @Differentiable(order = 2)",
          "  static double caller(double[] x, double a) {",
          "    return a * chain(x);",
          "  }",
          "}"),
      new Golden("Kernel",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Batched;",
          "import io.jgrad.annotations.CustomVjp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.Fwd;",
          "",
          "final class Kernel {",
          "  @Batched",
          "  @Differentiable",
          "  static double f(double x, double y) {",
          "    double z = x > y ? x * y : Math.exp(x);",
          "    return z / (1 + y * y);",
          "  }",
          "",
          "  @CustomVjp(fwd = \"stepFwd\", bwd = \"stepBwd\")",
          "  static double step(double x) {",
          "    return Math.sin(x);",
          "  }",
          "",
          "  static Fwd<Double> stepFwd(double x) {",
          "    return Fwd.of(Math.sin(x), Math.cos(x));",
          "  }",
          "",
          "  static double stepBwd(Double cos, double g) {",
          "    return cos * g;",
          "  }",
          "",
          "  /** A loop through a @CustomVjp rule: on OpenCL its gradient lane recomputes the trips. */",
          "  @Batched",
          "  @Differentiable",
          "  static double steps(double x, int n) {",
          "    double c = x;",
          "    for (int i = 0; i < n; i++) {",
          "      c = step(c) * x;",
          "    }",
          "    return c;",
          "  }",
          "}"),
      new Golden("KernelArguments",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Batched;",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class KernelArguments {",
          "  static final double[] COEF = {1.0, -0.5, 0.25};",
          "",
          "  /** A table: the kernel holds it in a field, and a session copies it to the device once. */",
          "  @Batched",
          "  @Differentiable",
          "  static double poly(double x) {",
          "    double p = 0;",
          "    for (int k = COEF.length - 1; k >= 0; k--) {",
          "      p = p * x + COEF[k];",
          "    }",
          "    return p;",
          "  }",
          "",
          "  /** Indices shared by all lanes: every lane reads the whole array. */",
          "  @Batched",
          "  @Differentiable",
          "  static double gathered(double x, int[] idx) {",
          "    return x * COEF[idx[0]] + Math.sin(x * idx[1]);",
          "  }",
          "",
          "  /** A row per lane: x holds lanes × xRowLength values, its gradient one pass per element. */",
          "  @Batched",
          "  @Differentiable",
          "  static double scaledNorm(double y, double[] x) {",
          "    double s = 0;",
          "    for (int i = 0; i < x.length; i++) {",
          "      s += x[i] * x[i];",
          "    }",
          "    return y * Math.sqrt(s);",
          "  }",
          "",
          "  /** A trip count per lane: the kernels take int[] n. */",
          "  @Batched(perLane = \"n\")",
          "  @Differentiable",
          "  static double power(double x, int n) {",
          "    double p = 1;",
          "    for (int k = 0; k < n; k++) {",
          "      p *= x;",
          "    }",
          "    return p;",
          "  }",
          "}"),
      new Golden("Branch",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Branch {",
          "  @Differentiable",
          "  static double f(double x, double y) {",
          "    double z;",
          "    if (x > y) {",
          "      z = x * y;",
          "    } else {",
          "      z = Math.exp(x);",
          "    }",
          "    return z + y;",
          "  }",
          "}"),
      new Golden("Loop",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Loop {",
          "  @Differentiable",
          "  static double f(double x, int n) {",
          "    double s = 0;",
          "    for (int i = 0; i < n; i++) {",
          "      s = s * x + i;",
          "    }",
          "    return s;",
          "  }",
          "}"),
      new Golden("Call",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class Call {",
          "  @Differentiable",
          "  static double square(double x) {",
          "    return x * x;",
          "  }",
          "",
          "  @Differentiable",
          "  static double f(double x, double y) {",
          "    return square(x) * y;",
          "  }",
          "}"),
      new Golden("DerivativeCall",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.Differentiable;",
          "",
          "final class DerivativeCall {",
          "  @Differentiable(order = 2)",
          "  static double f(double x, double y) {",
          "    return Math.sin(x) * y;",
          "  }",
          "",
          "  @Differentiable",
          "  static double step(double x, double y) {",
          "    return f(x - 0.1 * DerivativeCallDerivatives.fGrad(x, y).x(), y);",
          "  }",
          "}"),
      new Golden("NonDiff",
          "package jgrad.golden;",
          "",
          "import io.jgrad.annotations.CustomJvp;",
          "import io.jgrad.annotations.Differentiable;",
          "import io.jgrad.runtime.DiffFn1;",
          "import io.jgrad.runtime.Dual;",
          "import java.util.function.DoubleUnaryOperator;",
          "",
          "final class NonDiff {",
          "  @CustomJvp(jvp = \"appJvp\")",
          "  static double app(DoubleUnaryOperator f, double x) {",
          "    return f.applyAsDouble(x);",
          "  }",
          "",
          "  static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {",
          "    return Dual.of(f.applyAsDouble(x), 2. * xDot);",
          "  }",
          "",
          "  @Differentiable",
          "  static double twice(DiffFn1 g, double x, int n) {",
          "    return g.value(g.value(x)) + app(z -> z * n, x);",
          "  }",
          "}"));

  @Test
  void generatedSourcesEqualTheGoldens() throws IOException {
    boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
    Path dir = goldenDir();
    for (Golden golden : GOLDENS) {
      String generated = generate(golden);
      Path file = dir.resolve(golden.goldenFile());
      if (update) {
        Files.createDirectories(dir);
        Files.writeString(file, generated, StandardCharsets.UTF_8);
        continue;
      }
      assertWithMessage("%s is missing; run with -D%s=true to create it", file, UPDATE_PROPERTY)
          .that(Files.exists(file)).isTrue();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertWithMessage("%s differs from %s; if the change is intended, run with -D%s=true and review the diff",
          golden.generatedName(), file, UPDATE_PROPERTY).that(generated).isEqualTo(expected);
    }
  }

  @Test
  void generationIsDeterministic() throws IOException {
    for (Golden golden : GOLDENS) {
      byte[] first = generate(golden).getBytes(StandardCharsets.UTF_8);
      byte[] second = generate(golden).getBytes(StandardCharsets.UTF_8);
      assertWithMessage(golden.generatedName()).that(second).isEqualTo(first);
    }
  }

  @Test
  void generatedSourcesAreMarkedWithoutADateAndHaveNoZeroProducts() throws IOException {
    for (Golden golden : GOLDENS) {
      String source = generate(golden);
      assertWithMessage(golden.generatedName()).that(source)
          .contains("@Generated(\"io.jgrad.processor.JgradProcessor\")");
      assertWithMessage(golden.generatedName()).that(source).doesNotContainMatch("@Generated\\([^)]*date");
      assertWithMessage(golden.generatedName()).that(source).doesNotContainMatch("\\b\\d{4}-\\d{2}-\\d{2}");
      assertWithMessage(golden.generatedName()).that(source).doesNotContain("0.0 *");
      assertWithMessage(golden.generatedName()).that(source).doesNotContain("* 0.0");
    }
  }

  @Test
  void generatedLinesFitIn100Columns() throws IOException {
    for (Golden golden : GOLDENS) {
      assertFits(golden.generatedName(), generate(golden));
    }
    // And every class generated for the examples of this module, when the build compiled them here.
    Path examples = goldenDir().resolve("../../../../target/generated-test-sources/test-annotations").normalize();
    if (Files.isDirectory(examples)) {
      try (Stream<Path> files = Files.walk(examples)) {
        for (Path file : files.filter(f -> f.toString().endsWith("Derivatives.java")).sorted().toList()) {
          assertFits(examples.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static void assertFits(String name, String source) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      assertWithMessage("%s line %s is longer than 100 columns", name, i + 1)
          .that(lines[i].codePointCount(0, lines[i].length())).isAtMost(100);
    }
  }

  private static String generate(Golden golden) throws IOException {
    Compilation compilation = Compiler.javac().withProcessors(new JgradProcessor()).compile(golden.source());
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject file = compilation.generatedSourceFile(golden.generatedName())
        .orElseThrow(() -> new AssertionError("no " + golden.generatedName() + " generated"));
    return file.getCharContent(true).toString();
  }

  /** The goldens in the source tree (surefire runs in the module's directory). */
  private static Path goldenDir() {
    String basedir = System.getProperty("basedir");
    Path module = basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
    return module.resolve("src/test/resources/golden");
  }
}
