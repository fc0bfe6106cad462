package io.jgrad.examples.precision;

import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.runtime.Backend;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Functions mixing {@code float} and {@code double} ({@link MixedPrecision}) against central
 * differences of their double twins: the gradient, the JVP along {@link #V} and, at order 2,
 * {@code fDerivative(p, v, v)} = vᵀHv and the Hessian. Points are exact in float, so the float
 * code and its twin see the same inputs; the tolerance is float's.
 */
class MixedPrecisionTest {
  /** A direction, its first components taken for each function. */
  private static final double[] V = {0.5, -0.25, 0.75};

  /** What float arithmetic keeps of these small computations, relative to the size of the value. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  private static double[] gradient(ToDoubleFunction<double[]> f, double[] p) {
    double h = 1e-6;
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      g[i] = (f.applyAsDouble(shifted(p, i, h)) - f.applyAsDouble(shifted(p, i, -h))) / (2 * h);
    }
    return g;
  }

  private static double[][] hessian(ToDoubleFunction<double[]> f, double[] p) {
    double h = 1e-4;
    double[][] out = new double[p.length][p.length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        out[i][j] = (f.applyAsDouble(shifted(shifted(p, i, h), j, h)) - f.applyAsDouble(shifted(shifted(p, i, h), j, -h))
            - f.applyAsDouble(shifted(shifted(p, i, -h), j, h)) + f.applyAsDouble(shifted(shifted(p, i, -h), j, -h)))
            / (4 * h * h);
      }
    }
    return out;
  }

  private static double[] shifted(double[] p, int i, double h) {
    double[] q = p.clone();
    q[i] += h;
    return q;
  }

  private static double along(double[] g, double[] v) {
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += g[i] * v[i];
    }
    return s;
  }

  private static double[] v(int n) {
    return java.util.Arrays.copyOf(V, n);
  }

  private static float[] floats(double... values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static void near(String what, double actual, double expected) {
    assertWithMessage(what).that(actual).isWithin(FLOAT_TOLERANCE * (1 + Math.abs(expected))).of(expected);
  }

  /**
   * The gradient {@code grad}, the JVP's tangent along v {@code jvp} and, where given (order 2),
   * {@code second} = D²f(p)[v, v] and the Hessian {@code hessian}, against differences of
   * {@code twin} at {@code p}.
   */
  private static void check(String name, ToDoubleFunction<double[]> twin, double[] p, double[] grad, double jvp,
      Double second, double[][] hessian) {
    double[] g = gradient(twin, p);
    for (int i = 0; i < p.length; i++) {
      near(name + " gradient " + i, grad[i], g[i]);
    }
    near(name + " jvp", jvp, along(g, v(p.length)));
    double[][] h = hessian(twin, p);
    if (second != null) {
      double[] hv = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        hv[i] = along(h[i], v(p.length));
      }
      near(name + " vᵀHv", second, along(hv, v(p.length)));
    }
    if (hessian != null) {
      for (int i = 0; i < p.length; i++) {
        for (int j = 0; j < p.length; j++) {
          near(name + " hessian " + i + "," + j, hessian[i][j], h[i][j]);
        }
      }
    }
  }

  private static void check1(String name, ToDoubleFunction<double[]> twin, double a, double grad, double jvp,
      double second, double hessian) {
    check(name, twin, new double[] {a}, new double[] {grad}, jvp, second, new double[][] {{hessian}});
  }

  @Test
  void theReportedShapeAtOrderOne() {
    float[] x = floats(0.75, -1.25);
    var g = MixedPrecisionDerivatives.productOnceGrad(x, 1.5f);
    check("productOnce", p -> p[2] * p[0] * p[1], new double[] {0.75, -1.25, 1.5},
        new double[] {g.x()[0], g.x()[1], g.a()},
        MixedPrecisionDerivatives.productOnceJvp(x, 1.5f, floats(0.5, -0.25), 0.75f).tangent(), null, null);
    near("productOnce pullback", MixedPrecisionDerivatives.productOnceVjp(x, 1.5f).pullback(2.0).a(), 2 * 0.75 * -1.25);
  }

  @Test
  void floatArraysWithADoubleResult() {
    float[] x = floats(0.75, -1.25);
    var g = MixedPrecisionDerivatives.productGrad(x, 1.5f);
    check("product", p -> p[2] * p[0] * p[1], new double[] {0.75, -1.25, 1.5},
        new double[] {g.x()[0], g.x()[1], g.a()},
        MixedPrecisionDerivatives.productJvp(x, 1.5f, floats(0.5, -0.25), 0.75f).tangent(),
        MixedPrecisionDerivatives.productDerivative(x, 1.5f, floats(0.5, -0.25), 0.75f, floats(0.5, -0.25), 0.75f),
        null);
    float[] s = floats(0.75, -1.25, 0.5);
    check("floatSum", p -> p[0] * p[0] * p[0] + p[1] * p[1] * p[1] + p[2] * p[2] * p[2], new double[] {0.75, -1.25, 0.5},
        asDoubles(MixedPrecisionDerivatives.floatSumGrad(s)),
        MixedPrecisionDerivatives.floatSumJvp(s, floats(V)).tangent(),
        MixedPrecisionDerivatives.floatSumDerivative(s, floats(V), floats(V)), MixedPrecisionDerivatives.floatSumHessian(s));
    float[] q = floats(0.75, -1.25);
    check("quotient", p -> p[0] / p[1] - p[0], new double[] {0.75, -1.25}, asDoubles(MixedPrecisionDerivatives.quotientGrad(q)),
        MixedPrecisionDerivatives.quotientJvp(q, floats(0.5, -0.25)).tangent(),
        MixedPrecisionDerivatives.quotientDerivative(q, floats(0.5, -0.25), floats(0.5, -0.25)),
        MixedPrecisionDerivatives.quotientHessian(q));
    double[] d = {0.75, -1.25};
    var sg = MixedPrecisionDerivatives.scaledSumGrad(d, 1.5f);
    check("scaledSum", p -> p[2] * p[2] * (p[0] + p[1]), new double[] {0.75, -1.25, 1.5},
        new double[] {sg.x()[0], sg.x()[1], sg.a()},
        MixedPrecisionDerivatives.scaledSumJvp(d, 1.5f, new double[] {0.5, -0.25}, 0.75f).tangent(),
        MixedPrecisionDerivatives.scaledSumDerivative(d, 1.5f, new double[] {0.5, -0.25}, 0.75f,
            new double[] {0.5, -0.25}, 0.75f), null);
  }

  private static double[] asDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  void floatParametersWithADoubleResult() {
    var g = MixedPrecisionDerivatives.floatsToDoubleGrad(0.75f, -1.25f);
    check("floatsToDouble", p -> p[0] * p[1] + Math.sin(p[0]), new double[] {0.75, -1.25}, new double[] {g.a(), g.b()},
        MixedPrecisionDerivatives.floatsToDoubleJvp(0.75f, -1.25f, 0.5f, -0.25f).tangent(),
        MixedPrecisionDerivatives.floatsToDoubleDerivative(0.75f, -1.25f, 0.5f, -0.25f, 0.5f, -0.25f),
        MixedPrecisionDerivatives.floatsToDoubleHessian(0.75f, -1.25f));
    check1("widened", p -> p[0], 0.75, MixedPrecisionDerivatives.widenedGrad(0.75f),
        MixedPrecisionDerivatives.widenedJvp(0.75f, 0.5f).tangent(), MixedPrecisionDerivatives.widenedDerivative(0.75f,
            0.5f, 0.5f), MixedPrecisionDerivatives.widenedHessian(0.75f));
    check1("negated", p -> -p[0], 0.75, MixedPrecisionDerivatives.negatedGrad(0.75f),
        MixedPrecisionDerivatives.negatedJvp(0.75f, 0.5f).tangent(), MixedPrecisionDerivatives.negatedDerivative(0.75f,
            0.5f, 0.5f), MixedPrecisionDerivatives.negatedHessian(0.75f));
    check1("expOfFloat", p -> Math.exp(p[0]), 0.75, MixedPrecisionDerivatives.expOfFloatGrad(0.75f),
        MixedPrecisionDerivatives.expOfFloatJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.expOfFloatDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.expOfFloatHessian(0.75f));
  }

  @Test
  void doubleParametersWithAFloatResult() {
    check1("narrowed", p -> p[0] * p[0], 0.75, MixedPrecisionDerivatives.narrowedGrad(0.75),
        MixedPrecisionDerivatives.narrowedJvp(0.75, 0.5).tangent(), MixedPrecisionDerivatives.narrowedDerivative(0.75,
            0.5, 0.5), MixedPrecisionDerivatives.narrowedHessian(0.75));
    var g = MixedPrecisionDerivatives.castTimesGrad(0.75, -1.25f);
    check("castTimes", p -> p[0] * p[1], new double[] {0.75, -1.25}, new double[] {g.x(), g.y()},
        MixedPrecisionDerivatives.castTimesJvp(0.75, -1.25f, 0.5, -0.25f).tangent(),
        (double) MixedPrecisionDerivatives.castTimesDerivative(0.75, -1.25f, 0.5, -0.25f, 0.5, -0.25f),
        MixedPrecisionDerivatives.castTimesHessian(0.75, -1.25f));
    check1("doubleInside", p -> 4 * p[0] * p[0], 0.75, MixedPrecisionDerivatives.doubleInsideGrad(0.75f),
        MixedPrecisionDerivatives.doubleInsideJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.doubleInsideDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.doubleInsideHessian(0.75f));
  }

  @Test
  void floatLocalsInDoubleCode() {
    var g = MixedPrecisionDerivatives.floatLocalGrad(0.75f, -1.25);
    check("floatLocal", p -> p[0] * p[0] * p[1], new double[] {0.75, -1.25}, new double[] {g.a(), g.b()},
        MixedPrecisionDerivatives.floatLocalJvp(0.75f, -1.25, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.floatLocalDerivative(0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.floatLocalHessian(0.75f, -1.25));
    check1("throughFloat", p -> p[0] * p[0], 0.75, MixedPrecisionDerivatives.throughFloatGrad(0.75),
        MixedPrecisionDerivatives.throughFloatJvp(0.75, 0.5).tangent(),
        MixedPrecisionDerivatives.throughFloatDerivative(0.75, 0.5, 0.5), MixedPrecisionDerivatives.throughFloatHessian(0.75));
    check1("widenedLocal", p -> p[0] * p[0] * p[0], 0.75, MixedPrecisionDerivatives.widenedLocalGrad(0.75f),
        MixedPrecisionDerivatives.widenedLocalJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.widenedLocalDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.widenedLocalHessian(0.75f));
    check1("compound", p -> p[0] + p[0] * p[0], 0.75, MixedPrecisionDerivatives.compoundGrad(0.75f),
        MixedPrecisionDerivatives.compoundJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.compoundDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.compoundHessian(0.75f));
    var c = MixedPrecisionDerivatives.compoundNarrowingGrad(0.75f, -1.25);
    check("compoundNarrowing", p -> (p[0] + p[1]) * p[1], new double[] {0.75, -1.25}, new double[] {c.a(), c.b()},
        MixedPrecisionDerivatives.compoundNarrowingJvp(0.75f, -1.25, 0.5f, -0.25).tangent(),
        (double) MixedPrecisionDerivatives.compoundNarrowingDerivative(0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.compoundNarrowingHessian(0.75f, -1.25));
    check1("intoDoubleArray", p -> p[0] * p[0] * p[0], 0.75, MixedPrecisionDerivatives.intoDoubleArrayGrad(0.75f),
        MixedPrecisionDerivatives.intoDoubleArrayJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.intoDoubleArrayDerivative(0.75f, 0.5f, 0.5f),
        MixedPrecisionDerivatives.intoDoubleArrayHessian(0.75f));
  }

  @Test
  void mathOfFloatsAndBranches() {
    var pw = MixedPrecisionDerivatives.powMixedGrad(0.75f, -1.25);
    check("powMixed", p -> Math.pow(p[0], p[1]), new double[] {0.75, -1.25}, new double[] {pw.a(), pw.b()},
        MixedPrecisionDerivatives.powMixedJvp(0.75f, -1.25, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.powMixedDerivative(0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.powMixedHessian(0.75f, -1.25));
    var mx = MixedPrecisionDerivatives.maxMixedGrad(0.75f, -1.25);
    check("maxMixed", p -> Math.max(p[0], p[1]) * p[0], new double[] {0.75, -1.25}, new double[] {mx.a(), mx.b()},
        MixedPrecisionDerivatives.maxMixedJvp(0.75f, -1.25, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.maxMixedDerivative(0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.maxMixedHessian(0.75f, -1.25));
    var se = MixedPrecisionDerivatives.selectsGrad(0.75f, -1.25);
    check("selects", p -> p[0] > p[1] ? p[0] * p[1] : p[1] * 2, new double[] {0.75, -1.25}, new double[] {se.a(), se.b()},
        MixedPrecisionDerivatives.selectsJvp(0.75f, -1.25, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.selectsDerivative(0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.selectsHessian(0.75f, -1.25));
    var br = MixedPrecisionDerivatives.branchReturnGrad(-0.75f, -1.25);
    check("branchReturn", p -> p[0] > 0 ? p[0] * p[1] : p[0], new double[] {-0.75, -1.25}, new double[] {br.a(), br.b()},
        MixedPrecisionDerivatives.branchReturnJvp(-0.75f, -1.25, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.branchReturnDerivative(-0.75f, -1.25, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.branchReturnHessian(-0.75f, -1.25));
  }

  @Test
  void callsBetweenFloatAndDoubleFunctions() {
    ToDoubleFunction<double[]> expTimes = p -> p[0] * Math.exp(p[0]);
    check1("callsFloat", p -> p[0] * p[0] * p[0], 0.75, MixedPrecisionDerivatives.callsFloatGrad(0.75),
        MixedPrecisionDerivatives.callsFloatJvp(0.75, 0.5).tangent(),
        MixedPrecisionDerivatives.callsFloatDerivative(0.75, 0.5, 0.5), MixedPrecisionDerivatives.callsFloatHessian(0.75));
    check1("passesFloat", expTimes, 0.75, MixedPrecisionDerivatives.passesFloatGrad(0.75f),
        MixedPrecisionDerivatives.passesFloatJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.passesFloatDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.passesFloatHessian(0.75f));
    check1("narrowsCall", p -> p[0] * p[0] * Math.exp(p[0]), 0.75, MixedPrecisionDerivatives.narrowsCallGrad(0.75f),
        MixedPrecisionDerivatives.narrowsCallJvp(0.75f, 0.5f).tangent(),
        MixedPrecisionDerivatives.narrowsCallDerivative(0.75f, 0.5f, 0.5f), MixedPrecisionDerivatives.narrowsCallHessian(0.75f));
    var g = MixedPrecisionDerivatives.mixedCallsGrad(0.75f, -1.25f);
    check("mixedCalls", p -> p[0] * p[0] + p[1] * Math.exp(p[1]) * p[1] * p[1], new double[] {0.75, -1.25},
        new double[] {g.a(), g.b()}, MixedPrecisionDerivatives.mixedCallsJvp(0.75f, -1.25f, 0.5f, -0.25f).tangent(),
        MixedPrecisionDerivatives.mixedCallsDerivative(0.75f, -1.25f, 0.5f, -0.25f, 0.5f, -0.25f),
        MixedPrecisionDerivatives.mixedCallsHessian(0.75f, -1.25f));
  }

  @Test
  void ternariesAndLoopsMixingFloatAndDouble() {
    var t = MixedPrecisionDerivatives.ternaryFloatGrad(0.75f, 1.5);
    check("ternaryFloat", p -> p[1] > 0 ? (p[0] > 0 ? p[0] : p[0] * p[0]) * p[1] : p[1], new double[] {0.75, 1.5},
        new double[] {t.a(), t.b()}, MixedPrecisionDerivatives.ternaryFloatJvp(0.75f, 1.5, 0.5f, -0.25).tangent(),
        MixedPrecisionDerivatives.ternaryFloatDerivative(0.75f, 1.5, 0.5f, -0.25, 0.5f, -0.25),
        MixedPrecisionDerivatives.ternaryFloatHessian(0.75f, 1.5));
    float[] x = floats(0.75, -1.25);
    var g = MixedPrecisionDerivatives.loopMixedGrad(x, 1.5);
    check("loopMixed", p -> (p[0] + p[0] * p[1]) * p[2], new double[] {0.75, -1.25, 1.5},
        new double[] {g.x()[0], g.x()[1], g.c()},
        MixedPrecisionDerivatives.loopMixedJvp(x, 1.5, floats(0.5, -0.25), 0.75).tangent(),
        MixedPrecisionDerivatives.loopMixedDerivative(x, 1.5, floats(0.5, -0.25), 0.75, floats(0.5, -0.25), 0.75),
        null);
  }

  @Test
  void rulesOfFloatFunctionsCalledFromDoubleCode() {
    // x³ + x²: 3x² + 2x, 6x + 2.
    double x = 0.75;
    near("callsRules grad", MixedPrecisionDerivatives.callsRulesGrad(x), 3 * x * x + 2 * x);
    near("callsRules jvp", MixedPrecisionDerivatives.callsRulesJvp(x, 0.5).tangent(), 0.5 * (3 * x * x + 2 * x));
    near("callsRules hessian", MixedPrecisionDerivatives.callsRulesHessian(x), 6 * x + 2);
    near("floatRule hessian", MixedPrecisionDerivatives.floatRuleHessian(0.75f), 2);
    near("rule hessian", MixedPrecisionDerivatives.ruleHessian(0.75f), 2);
  }

  @Test
  void kernelsOfFloatParametersWithADoubleResult() {
    float[] a = floats(0.75, -1.25);
    double[] b = {1.5, 0.5};
    double[] value = new double[2];
    double[] tangent = new double[2];
    MixedPrecisionDerivatives.batchedJvpBatch(a, b, floats(0.5, 0.5), new double[] {-0.25, -0.25}, value, tangent,
        Backend.JAVA);
    float[] aGrad = new float[2];
    double[] bGrad = new double[2];
    MixedPrecisionDerivatives.batchedGradBatch(a, b, aGrad, bGrad, Backend.JAVA);
    for (int i = 0; i < 2; i++) {
      ToDoubleFunction<double[]> twin = p -> p[0] * p[0] * p[1] + Math.sin(p[0]);
      double[] p = {a[i], b[i]};
      near("batched value " + i, value[i], twin.applyAsDouble(p));
      check("batched lane " + i, twin, p, new double[] {aGrad[i], bGrad[i]}, tangent[i], null, null);
    }
  }
}
