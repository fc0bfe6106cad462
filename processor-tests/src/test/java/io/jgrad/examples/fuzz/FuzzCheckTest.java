package io.jgrad.examples.fuzz;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's checks accept a NaN reverse-mode derivative only when a value overflowed (the
 * documented 0 · ∞ poisoning), which the plain overflow twin of each function detects.
 */
class FuzzCheckTest {
  private static FuzzProgram withDeadValue(String deadValue) {
    return new FuzzProgram(List.of(new FuzzProgram.Function("f0", 1,
        List.of(new FuzzStmt.Line("double v0 = " + deadValue + ";")), "x * 0.5 + x")));
  }

  @Test
  void deadOverflowIsRecognisedAndExcused() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.exp(800 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isTrue();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  @Test
  void withoutOverflowTheTwinStaysQuiet() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.exp(0.1 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isFalse();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  /** Seed 803: atan2(a, ∞) = 0 hides the overflow from the local; the twin's Math wrapper sees it. */
  @Test
  void overflowHiddenBySaturationIsRecognised() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.atan2(1.0, Math.exp(800 * x))"),
        new StringBuilder()).orElseThrow();
    // Reverse mode never multiplies the dead value's zero cotangent by its infinite partial.
    assertThat(FuzzCheck.reverseX(c, "f0", 1.0, 0.5)).isEqualTo(1.5);
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isTrue();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  /**
   * A dead value that overflows no longer poisons reverse mode: its cotangent is a symbolic zero, as
   * in JAX, so d/dx (x · 0.5 + x) stays 1.5 instead of 0 · ∞ = NaN.
   */
  @Test
  void aDeadOverflowLeavesReverseModeFinite() throws Exception {
    var c = FuzzCheck.compile(withDeadValue("Math.exp(800 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.reverseX(c, "f0", 1.0, 0.5)).isEqualTo(1.5);
  }

  private static FuzzProgram.Function function(String name, int order, String result, String... lines) {
    return new FuzzProgram.Function(name, order, java.util.Arrays.stream(lines).map(l -> (FuzzStmt) new FuzzStmt.Line(l))
        .toList(), result);
  }

  /**
   * A function that reaches @CustomVjp rules has no forward mode: it gets a plain twin, which the
   * checks use for forward mode and, at order 2, for the Hessian; its gradient kernel is reverse mode
   * written as code, and the first such function with no custom JVP rule runs on OpenCL.
   */
  @Test
  void functionsReachingCustomVjpRulesAreCheckedAgainstTheirPlainTwins() throws Exception {
    FuzzProgram program = new FuzzProgram(List.of(
        function("f0", 2, "Math.tanh(vjp4(v0, y)) * 0.5 + x + 0.5 * y",
            "double v0 = vjp1(x, y) + Math.tanh(vjp3(y, x)) * vjp2(x * y);"),
        new FuzzProgram.Function("f1", 1, List.of(new FuzzStmt.Line("double v1 = x;"),
            new FuzzStmt.For("k", 2, List.of(new FuzzStmt.Line("v1 += Math.sin(v1 * y);")))),
            "Math.tanh(f0(v1, y)) + vjp5(x, y) * vjp0(y)"),
        function("f2", 1, "x * y * 0.5 + x")));
    assertThat(program.reachingVjp()).containsExactly("f0", "f1");
    String source = program.source(FuzzCheck.PKG, FuzzCheck.CLASS);
    assertThat(source).contains("static double f0_plain(double x, double y) {\n"
        + "    double v0 = vjp1_plain(x, y) + Math.tanh(vjp3_plain(y, x)) * vjp2_plain(x * y);\n"
        + "    return Math.tanh(vjp4_plain(v0, y)) * 0.5 + x + 0.5 * y;");
    assertThat(source).contains("return Math.tanh(f0_plain(v1, y)) + vjp5_plain(x, y) * vjp0_plain(y);");
    assertThat(source).doesNotContain("f2_plain");
    assertThat(program.openClVjpFunction()).hasValue("f0");

    StringBuilder errors = new StringBuilder();
    FuzzCheck.Compiled c = FuzzCheck.compile(program, errors).orElseThrow(() -> new AssertionError(errors));
    for (double[] p : new double[][] {{0.3, -0.6}, {-0.8, 0.45}, {0.9, 0.7}}) {
      for (FuzzProgram.Function f : program.functions()) {
        assertThat(FuzzCheck.check(c, f.name(), f.order(), p[0], p[1])).isEqualTo(Optional.empty());
      }
    }
  }

  /**
   * A call to a custom JVP rule keeps a kernel through a @CustomVjp rule off OpenCL; a loop no longer
   * does (the lane recomputes its trips).
   */
  @Test
  void openClGoesToTheFirstFunctionWhoseKernelThroughARuleIsCode() {
    FuzzProgram program = new FuzzProgram(List.of(
        function("f0", 2, "vjp0(x) * y", "double v0 = x;"),
        function("f1", 1, "Math.tanh(f0(x, y)) + x"),
        function("f2", 1, "vjp0(x) + Math.tanh(c0(x, y))"),
        function("f3", 1, "vjp0(x) + y")));
    FuzzProgram withLoop = program.withBody("f0", List.of(new FuzzStmt.For("k", 2, List.of())));
    FuzzProgram withJvpCall = program.withBody("f0", List.of(new FuzzStmt.Line("double v0 = c0(x, y);")));
    assertThat(program.openClVjpFunction()).hasValue("f0");
    assertThat(withLoop.openClVjpFunction()).hasValue("f0");
    assertThat(withJvpCall.openClVjpFunction()).hasValue("f3"); // f1 calls f0, which calls c0; so does f2
  }
}
