package io.jgrad.examples.custom;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Second derivatives of @CustomVjp functions by reverse over reverse through fwd and bwd, against
 * closed forms and finite differences of the first-order gradient (which calls the user's rule).
 */
class ReverseOverReverseTest {
  private static final double H = 1e-5;

  @Test
  void hessianDifferentiatesBothPasses() {
    for (double x : new double[] {-2.0, 0.3, 3.0}) {
      assertThat(ReverseOverReverseExamplesDerivatives.sinRuleHessian(x)).isWithin(1e-12).of(-Math.sin(x));
      assertThat(ReverseOverReverseExamplesDerivatives.expRuleHessian(x)).isWithin(1e-12 * Math.exp(x)).of(Math.exp(x));
    }
    assertThat(ReverseOverReverseExamplesDerivatives.sinRuleHessian(3.0)).isWithin(1e-5).of(-0.14112);
  }

  @Test
  void orderTwoThroughALoopReachingACustomVjp() {
    for (double x : new double[] {-1.1, 0.3, 2.0}) {
      for (int n : new int[] {0, 1, 3}) {
        // s = sin∘…∘sin (n times): s' = Π cos(c_k), s'' = Σ_k (-sin c_k) (Π_{j<k} cos c_j)² Π_{j>k} cos c_j.
        double[] c = new double[n + 1];
        c[0] = x;
        for (int k = 0; k < n; k++) {
          c[k + 1] = Math.sin(c[k]);
        }
        double second = 0;
        for (int k = 0; k < n; k++) {
          double before = 1;
          for (int j = 0; j < k; j++) {
            before *= Math.cos(c[j]);
          }
          double after = 1;
          for (int j = k + 1; j < n; j++) {
            after *= Math.cos(c[j]);
          }
          second += -Math.sin(c[k]) * before * before * after;
        }
        assertThat(ReverseOverReverseExamplesDerivatives.sinTimesHessian(x, n)).isWithin(1e-12).of(second);
        double fd = (ReverseOverReverseExamplesDerivatives.sinTimesGrad(x + H, n)
            - ReverseOverReverseExamplesDerivatives.sinTimesGrad(x - H, n)) / (2 * H);
        assertThat(ReverseOverReverseExamplesDerivatives.sinTimesHessian(x, n)).isWithin(1e-6).of(fd);
      }
    }
  }

  @Test
  void orderTwoThroughALocalArrayReachingCustomVjps() {
    for (double[] p : new double[][] {{0.4, 1.7}, {-0.9, 1.2}}) {
      double x = p[0];
      double y = p[1];
      double[][] h = ReverseOverReverseExamplesDerivatives.arrayThroughRulesHessian(x, y);
      // s = (a0 + a2·y)·y + a1·y + a2·y with a0 = sin x, a1 = x²y, a2 = a0·a1: the closed form's second
      // derivatives by finite differences of its closed-form gradient, and of fGrad.
      var gxp = ReverseOverReverseExamplesDerivatives.arrayThroughRulesGrad(x + H, y);
      var gxm = ReverseOverReverseExamplesDerivatives.arrayThroughRulesGrad(x - H, y);
      var gyp = ReverseOverReverseExamplesDerivatives.arrayThroughRulesGrad(x, y + H);
      var gym = ReverseOverReverseExamplesDerivatives.arrayThroughRulesGrad(x, y - H);
      assertThat(h[0][0]).isWithin(1e-5).of((gxp.x() - gxm.x()) / (2 * H));
      assertThat(h[0][1]).isWithin(1e-5).of((gyp.x() - gym.x()) / (2 * H));
      assertThat(h[1][0]).isWithin(1e-5).of((gxp.y() - gxm.y()) / (2 * H));
      assertThat(h[1][1]).isWithin(1e-5).of((gyp.y() - gym.y()) / (2 * H));
      double sxx = (closedFormGradX(x + H, y) - closedFormGradX(x - H, y)) / (2 * H);
      assertThat(h[0][0]).isWithin(1e-5).of(sxx);
    }
  }

  /** ∂s/∂x of arrayThroughRules, written out by hand. */
  private static double closedFormGradX(double x, double y) {
    double a0 = Math.sin(x);
    double a1 = x * x * y;
    double da0 = Math.cos(x);
    double da1 = 2 * x * y;
    double da2 = da0 * a1 + a0 * da1;
    // s = (a0 + a2·y)·y + a1·y + a2·y
    return (da0 + da2 * y) * y + da1 * y + da2 * y;
  }

  @Test
  void orderTwoThroughAWhileLoopWithABranchAgainstFiniteDifferences() {
    for (double[] p : new double[][] {{0.4, 1.7}, {-0.9, 1.2}, {1.3, -0.8}}) {
      double x = p[0];
      double y = p[1];
      double[][] h = ReverseOverReverseExamplesDerivatives.loopWithBranchHessian(x, y);
      var gxp = ReverseOverReverseExamplesDerivatives.loopWithBranchGrad(x + H, y);
      var gxm = ReverseOverReverseExamplesDerivatives.loopWithBranchGrad(x - H, y);
      var gyp = ReverseOverReverseExamplesDerivatives.loopWithBranchGrad(x, y + H);
      var gym = ReverseOverReverseExamplesDerivatives.loopWithBranchGrad(x, y - H);
      double scale = 1 + Math.abs(h[0][0]) + Math.abs(h[1][1]);
      assertThat(h[0][0]).isWithin(1e-5 * scale).of((gxp.x() - gxm.x()) / (2 * H));
      assertThat(h[0][1]).isWithin(1e-5 * scale).of((gyp.x() - gym.x()) / (2 * H));
      assertThat(h[1][0]).isWithin(1e-5 * scale).of((gxp.y() - gxm.y()) / (2 * H));
      assertThat(h[1][1]).isWithin(1e-5 * scale).of((gyp.y() - gym.y()) / (2 * H));
      // The pullback functions are fVjp's pullback, as functions of their own.
      var pulled = ReverseOverReverseExamplesDerivatives.loopWithBranchVjp(x, y).pullback(0.7);
      assertThat(ReverseOverReverseExamplesDerivatives.Internal.loopWithBranchPullbackX(x, y, 0.7)).isWithin(1e-12)
          .of(pulled.x());
      assertThat(ReverseOverReverseExamplesDerivatives.Internal.loopWithBranchPullbackY(x, y, 0.7)).isWithin(1e-12)
          .of(pulled.y());
    }
  }

  @Test
  void pullbackFunctionsAreTheFirstOrderPullbackAndItsDerivatives() {
    double x = 0.7;
    double g = -1.3;
    assertThat(ReverseOverReverseExamplesDerivatives.Internal.sinRulePullback(x, g)).isWithin(1e-15).of(Math.cos(x) * g);
    var grad = ReverseOverReverseExamplesDerivatives.Internal.sinRulePullbackGrad(x, g);
    assertThat(grad.x()).isWithin(1e-12).of(-Math.sin(x) * g);
    assertThat(grad.g()).isWithin(1e-12).of(Math.cos(x));
  }

  @Test
  void twoParameterHessianFromTheGradientRecord() {
    for (double[] p : new double[][] {{0.4, 0.7}, {-1.5, 2.0}}) {
      double x = p[0];
      double y = p[1];
      double[][] h = ReverseOverReverseExamplesDerivatives.productHessian(x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(2 * y);
      assertThat(h[0][1]).isWithin(1e-12).of(2 * x);
      assertThat(h[1][0]).isWithin(1e-12).of(2 * x);
      assertThat(h[1][1]).isWithin(1e-12).of(0.0);
      var gxp = ReverseOverReverseExamplesDerivatives.productGrad(x + H, y);
      var gxm = ReverseOverReverseExamplesDerivatives.productGrad(x - H, y);
      assertThat(h[0][0]).isWithin(1e-6).of((gxp.x() - gxm.x()) / (2 * H));
      assertThat(h[1][0]).isWithin(1e-6).of((gxp.y() - gxm.y()) / (2 * H));
    }
  }

  @Test
  void clipGradientIsNonLinearInTheCotangent() {
    // At g = 1 the pullback clips to hi = 0.75: the x row is (∂/∂lo, ∂/∂hi, ∂/∂x) = (0, 1, 0); bwd gives
    // lo and hi zero gradients, so their rows are zero. In its cotangent the pullback's slope is 1
    // inside [lo, hi] and 0 outside.
    double[][] h = ReverseOverReverseExamplesDerivatives.clipHessian(-0.75, 0.75, 2.0);
    assertThat(h[0]).usingExactEquality().containsExactly(0.0, 0.0, 0.0).inOrder();
    assertThat(h[1]).usingExactEquality().containsExactly(0.0, 0.0, 0.0).inOrder();
    assertThat(h[2]).usingExactEquality().containsExactly(0.0, 1.0, 0.0).inOrder();
    assertThat(ReverseOverReverseExamplesDerivatives.Internal.clipPullbackXGrad(-0.75, 0.75, 2.0, 0.5).g()).isEqualTo(1.0);
    assertThat(ReverseOverReverseExamplesDerivatives.Internal.clipPullbackXGrad(-0.75, 0.75, 2.0, 1.5).g()).isEqualTo(0.0);
    assertThat(ReverseOverReverseExamplesDerivatives.Internal.clipPullbackX(-0.75, 0.75, 2.0, 1.5)).isEqualTo(0.75);
  }

  @Test
  void recordResidualsAndBranchesInTheBackwardPass() {
    for (double x : new double[] {-1.7, -0.2, 0.4, 2.5}) {
      double fd = (ReverseOverReverseExamplesDerivatives.cubeAbsGrad(x + H)
          - ReverseOverReverseExamplesDerivatives.cubeAbsGrad(x - H)) / (2 * H);
      assertThat(ReverseOverReverseExamplesDerivatives.cubeAbsHessian(x)).isWithin(1e-12).of(6 * Math.abs(x));
      assertThat(ReverseOverReverseExamplesDerivatives.cubeAbsHessian(x)).isWithin(1e-5).of(fd);
    }
  }

  @Test
  void callersTransposeTheirBodiesIntoPullbackFunctions() {
    for (double[] p : new double[][] {{0.6, 0.9}, {-0.8, 1.4}}) {
      double x = p[0];
      double y = p[1];
      double[][] h = ReverseOverReverseExamplesDerivatives.callerHessian(x, y);
      var gxp = ReverseOverReverseExamplesDerivatives.callerGrad(x + H, y);
      var gxm = ReverseOverReverseExamplesDerivatives.callerGrad(x - H, y);
      var gyp = ReverseOverReverseExamplesDerivatives.callerGrad(x, y + H);
      var gym = ReverseOverReverseExamplesDerivatives.callerGrad(x, y - H);
      assertThat(h[0][0]).isWithin(1e-5).of((gxp.x() - gxm.x()) / (2 * H));
      assertThat(h[0][1]).isWithin(1e-5).of((gyp.x() - gym.x()) / (2 * H));
      assertThat(h[1][0]).isWithin(1e-5).of((gxp.y() - gxm.y()) / (2 * H));
      assertThat(h[1][1]).isWithin(1e-5).of((gyp.y() - gym.y()) / (2 * H));
    }
    // x > 0: caller = x² sin(xy) + 3x, so ∂²/∂x² = 2 sin(xy) + 4xy cos(xy) - x²y² sin(xy).
    double x = 0.6;
    double y = 0.9;
    double s = Math.sin(x * y);
    double c = Math.cos(x * y);
    assertThat(ReverseOverReverseExamplesDerivatives.callerHessian(x, y)[0][0])
        .isWithin(1e-12).of(2 * s + 4 * x * y * c - x * x * y * y * s);
  }

  @Test
  void callersOfCallersAndOfForwardModeFunctions() {
    for (double x : new double[] {-0.7, 0.5, 1.2}) {
      double fd = (ReverseOverReverseExamplesDerivatives.outerGrad(x + H)
          - ReverseOverReverseExamplesDerivatives.outerGrad(x - H)) / (2 * H);
      assertThat(ReverseOverReverseExamplesDerivatives.outerHessian(x)).isWithin(1e-5 * Math.max(1, Math.abs(fd))).of(fd);
    }
  }

  /**
   * A forward-mode function's pullback functions, g·∂f/∂x, are transposed through the reverse mode of
   * its tangent function: their gradients are g times a Hessian row, and ∂f/∂x, in closed form for
   * cubicMix(x, y) = x³ + sin(xy).
   */
  @Test
  void forwardModePullbackFunctionsAreDifferentiatedThroughTheirTangentFunction() {
    double x = 0.7;
    double y = -1.3;
    double g = 1.9;
    double s = Math.sin(x * y);
    double c = Math.cos(x * y);
    double fx = 3 * x * x + y * c;
    double fy = x * c;
    double fxx = 6 * x - y * y * s;
    double fxy = c - x * y * s;
    double fyy = -x * x * s;
    assertThat(ReverseOverReverseExamplesDerivatives.Internal.cubicMixPullbackX(x, y, g)).isWithin(1e-12).of(g * fx);
    var rowX = ReverseOverReverseExamplesDerivatives.Internal.cubicMixPullbackXGrad(x, y, g);
    assertThat(rowX.x()).isWithin(1e-12).of(g * fxx);
    assertThat(rowX.y()).isWithin(1e-12).of(g * fxy);
    assertThat(rowX.g()).isWithin(1e-12).of(fx);
    var rowY = ReverseOverReverseExamplesDerivatives.Internal.cubicMixPullbackYVjp(x, y, g).pullback(2.0);
    assertThat(rowY.x()).isWithin(1e-12).of(2 * g * fxy);
    assertThat(rowY.y()).isWithin(1e-12).of(2 * g * fyy);
    assertThat(rowY.g()).isWithin(1e-12).of(2 * fy);
  }

  @Test
  void branchesWithLocalsOfTheSameNameAndAReassignedParameter() {
    for (double x : new double[] {-0.8, -0.1, 0.3, 1.1}) {
      double fd = (ReverseOverReverseExamplesDerivatives.branchyGrad(x + H)
          - ReverseOverReverseExamplesDerivatives.branchyGrad(x - H)) / (2 * H);
      assertThat(ReverseOverReverseExamplesDerivatives.branchyHessian(x)).isWithin(1e-5 * Math.max(1, Math.abs(fd))).of(fd);
    }
    // x > 0: (x + 1)·sin(x²), so the second derivative is closed form too.
    double x = 0.3;
    double s = Math.sin(x * x);
    double c = Math.cos(x * x);
    double exact = 2 * 2 * x * c + (x + 1) * (2 * c - 4 * x * x * s);
    assertThat(ReverseOverReverseExamplesDerivatives.branchyHessian(x)).isWithin(1e-12).of(exact);
  }

  private static Compilation compile(String body) {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.R", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class R {\n"
        + body
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
  }

  @Test
  void residualArrayReadAtAVariableIndexIsAnErrorAtTheRead() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\", order = 2)\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Fwd<double[]> fFwd(double x) { return Fwd.of(x * x, new double[] {x}); }\n"
        + "  static double fBwd(double[] res, double g) {\n"
        + "    int i = 0;\n"
        + "    return 2 * res[i] * g;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("reads its residual array at constant indices").inFile(c.sourceFiles().get(0))
        .onLine(10);
  }

  @Test
  void residualsMadeElsewhereAreAnErrorAtTheReturn() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\", order = 2)\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Fwd<double[]> fFwd(double x) {\n"
        + "    double[] res = new double[1];\n"
        + "    res[0] = x;\n"
        + "    return Fwd.of(x * x, res);\n"
        + "  }\n"
        + "  static double fBwd(double[] res, double g) { return 2 * res[0] * g; }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleReturn]").inFile(c.sourceFiles().get(0)).onLine(10);
  }

  @Test
  void aBackwardPassOutsideTheSubsetIsAnErrorAtTheExpression() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\", order = 2)\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x * x, x); }\n"
        + "  static double fBwd(Double x, double g) { return 2 * x * g + new java.util.Random().nextDouble(); }\n");
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.").inFile(c.sourceFiles().get(0)).onLine(8);
  }

  @Test
  void parametersWhoseNamesDifferOnlyInCaseGetPullbackFunctionsOfTheirOwn() {
    Compilation c = compile(""
        + "  @Differentiable(order = 2)\n"
        + "  static double f(double x, double X) { return x * X * X; }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  private static final String ORDER_TWO_VJP = ""
      + "  @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\", order = 2)\n"
      + "  static double f(double x) { return x * x; }\n"
      + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x * x, x); }\n"
      + "  static double fBwd(Double x, double g) { return 2 * x * g; }\n";

  @Test
  void anOrderOneCalleeOnTheReverseOverReversePathNamesTheFix() {
    Compilation c = compile(ORDER_TWO_VJP
        + "  @Differentiable static double g(double x) { return Math.sin(x); }\n"
        + "  @Differentiable(order = 2)\n"
        + "  static double h(double x) { return f(g(x)); }\n");
    assertThat(c).hadErrorContaining("which has order 1; hint: give g order = 2").inFile(c.sourceFiles().get(0))
        .onLine(11);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aCalleeWithAnotherTypeThanDoubleOnTheReverseOverReversePathIsReported() {
    Compilation c = compile(ORDER_TWO_VJP
        + "  @Differentiable(order = 2) static float g(float x) { return x * x; }\n"
        + "  @Differentiable(order = 2)\n"
        + "  static double h(double x) { return f(g((float) x)); }\n");
    assertThat(c).hadErrorContaining("order 2 by reverse over reverse through g, which takes or returns something"
        + " other than double").inFile(c.sourceFiles().get(0)).onLine(11);
  }

  @Test
  void aConstantCallOfAnOrderOneFunctionIsNoObstacle() {
    Compilation c = compile(ORDER_TWO_VJP
        + "  @Differentiable static double g(double x) { return Math.sin(x); }\n"
        + "  @Differentiable(order = 2)\n"
        + "  static double h(double x) { return f(x) * g(2.0); }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void orderOneRulesAreNeverRead() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x * x, x); }\n"
        + "  static double fBwd(Double x, double g) { return 2 * x * g + new java.util.Random().nextDouble() * 0; }\n");
    assertThat(c).succeeded();
  }
  @Test
  void aBackwardPassReturningNullIsAZeroGradientAtOrderTwo() {
    for (double[] p : new double[][] {{-0.8, 1.3}, {0.6, -2.0}}) {
      double x = p[0];
      double y = p[1];
      var g = ReverseOverReverseExamplesDerivatives.rampGrad(x, y);
      var want = ReverseOverReverseExamplesDerivatives.rampZerosGrad(x, y);
      assertThat(g.x()).isEqualTo(want.x());
      assertThat(g.y()).isEqualTo(want.y());
      double[][] h = ReverseOverReverseExamplesDerivatives.rampHessian(x, y);
      double[][] wantH = ReverseOverReverseExamplesDerivatives.rampZerosHessian(x, y);
      for (int i = 0; i < 2; i++) {
        assertThat(h[i]).usingExactEquality().containsExactly(wantH[i]).inOrder();
      }
    }
  }
}
