package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.RecordVjpRulesAtOrderTwo.Point;
import io.jgrad.examples.records.RecordVjpRulesAtOrderTwo.Polar;
import io.jgrad.examples.records.RecordVjpRulesAtOrderTwo.Scaled;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code @CustomVjp} rules on records at order 2, reverse over reverse over the leaves, against
 * JAX's semantics: {@code jax.hessian(f)[i][j]} is ∂ⱼ of gradient component i, where the gradient is
 * the rule's {@code bwd} (with the residuals {@code fwd} saved) differentiated as written. Where the
 * rule is the true derivative, the Hessian's rows are also central differences of the generated
 * gradient; {@code skew}'s rule is not a derivative, so its Hessian is not symmetric and tells H
 * from Hᵀ.
 */
class RecordVjpRulesAtOrderTwoTest {
  private static final double H = 1e-6;

  @Test
  void energysHessianIsTheClosedFormAndTheDifferencesOfItsGradient() {
    Point p = new Point(0.7, -1.3);
    double x = p.x();
    double y = p.y();
    // f = x²y + sin y: H = [[2y, 2x], [2x, -sin y]].
    double[][] h = RecordVjpRulesAtOrderTwoDerivatives.energyHessian(p);
    assertThat(h[0][0]).isWithin(1e-12).of(2 * y);
    assertThat(h[0][1]).isWithin(1e-12).of(2 * x);
    assertThat(h[1][0]).isWithin(1e-12).of(2 * x);
    assertThat(h[1][1]).isWithin(1e-12).of(-Math.sin(y));
    double[][] fd = differences(q -> {
      Point g = RecordVjpRulesAtOrderTwoDerivatives.energyGrad(new Point(q[0], q[1]));
      return new double[] {g.x(), g.y()};
    }, new double[] {x, y});
    assertMatrix(h, fd, 1e-6);
  }

  @Test
  void skewsHessianIsItsRuleDifferentiatedAsWrittenNotSymmetric() {
    Point p = new Point(0.7, -1.3);
    // bwd (y²g, x·g): row x = ∇(y²) = (0, 2y), row y = ∇x = (1, 0).
    double[][] h = RecordVjpRulesAtOrderTwoDerivatives.skewHessian(p);
    assertThat(h[0][0]).isWithin(1e-12).of(0.0);
    assertThat(h[0][1]).isWithin(1e-12).of(2 * p.y());
    assertThat(h[1][0]).isWithin(1e-12).of(1.0);
    assertThat(h[1][1]).isWithin(1e-12).of(0.0);
    // jvp(grad(f)) along v: (H·v)ᵢ = Σⱼ H[i][j]·vⱼ = (2y·v_y, v_x), not Hᵀ·v = (v_y, 2y·v_x).
    Point v = new Point(0.4, 1.9);
    Point hv = RecordVjpRulesAtOrderTwoDerivatives.skewHvp(p, v);
    assertThat(hv.x()).isWithin(1e-12).of(2 * p.y() * v.y());
    assertThat(hv.y()).isWithin(1e-12).of(v.x());
    // D²f[u, w] = Σᵢⱼ uᵢ·H[i][j]·wⱼ: direction 1 the rule's own derivative, direction 2 the outer one.
    Point u = new Point(-0.6, 0.5);
    Point w = new Point(1.2, -0.3);
    assertThat(RecordVjpRulesAtOrderTwoDerivatives.skewDerivative(p, u, w))
        .isWithin(1e-12).of(u.x() * 2 * p.y() * w.y() + u.y() * w.x());
  }

  @Test
  void weightedHasItsHessianOverTheNestedLeavesAndTheNumber() {
    Scaled s = new Scaled(new Point(0.7, -1.3), 0.9);
    double k = 1.4;
    double x = s.p().x();
    double w = s.w();
    // f = w(x² + y) + w²kx + n over (x, y, w, k); n is held constant.
    double[][] expected = {
        {2 * w, 0, 2 * x + 2 * w * k, w * w},
        {0, 0, 1, 0},
        {2 * x + 2 * w * k, 1, 2 * k * x, 2 * w * x},
        {w * w, 0, 2 * w * x, 0}};
    double[][] h = RecordVjpRulesAtOrderTwoDerivatives.weightedHessian(s, k, 3);
    assertMatrix(h, expected, 1e-12);
    double[][] fd = differences(q -> {
      RecordVjpRulesAtOrderTwoDerivatives.WeightedGrad g = RecordVjpRulesAtOrderTwoDerivatives.weightedGrad(
          new Scaled(new Point(q[0], q[1]), q[2]), q[3], 3);
      return new double[] {g.s().p().x(), g.s().p().y(), g.s().w(), g.k()};
    }, new double[] {x, s.p().y(), w, k});
    assertMatrix(h, fd, 1e-6);
    // H·v in the gradient's shape.
    Scaled vs = new Scaled(new Point(0.3, -0.8), 1.1);
    double vk = -0.5;
    double[] v = {0.3, -0.8, 1.1, -0.5};
    RecordVjpRulesAtOrderTwoDerivatives.WeightedGrad hv = RecordVjpRulesAtOrderTwoDerivatives.weightedHvp(s, k, 3,
        vs, vk);
    double[] got = {hv.s().p().x(), hv.s().p().y(), hv.s().w(), hv.k()};
    for (int i = 0; i < 4; i++) {
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        sum += expected[i][j] * v[j];
      }
      assertThat(got[i]).isWithin(1e-12).of(sum);
    }
  }

  @Test
  void aRecordFunctionReachingARuleDifferentiatesItsBackwardPassAsWritten() {
    Point p = new Point(0.7, -1.3);
    double x = p.x();
    double y = p.y();
    double u = x * y;
    // sine's bwd is 2·cos·g: the gradient (2y cos(xy) + y², 2x cos(xy) + 2xy), differentiated as written.
    double[][] h = RecordVjpRulesAtOrderTwoDerivatives.reachesHessian(p);
    assertThat(h[0][0]).isWithin(1e-12).of(-2 * y * y * Math.sin(u));
    assertThat(h[0][1]).isWithin(1e-12).of(-2 * u * Math.sin(u) + 2 * Math.cos(u) + 2 * y);
    assertThat(h[1][0]).isWithin(1e-12).of(-2 * u * Math.sin(u) + 2 * Math.cos(u) + 2 * y);
    assertThat(h[1][1]).isWithin(1e-12).of(-2 * x * x * Math.sin(u) + 2 * x);
    double[][] fd = differences(q -> {
      Point g = RecordVjpRulesAtOrderTwoDerivatives.reachesGrad(new Point(q[0], q[1]));
      return new double[] {g.x(), g.y()};
    }, new double[] {x, y});
    assertMatrix(h, fd, 1e-6);
  }

  @Test
  void aCallerOfTheRecordRulesGetsTheirHessiansWithoutAssumingSymmetry() {
    double a = 0.7;
    double b = -1.3;
    // energy(ab, a) + skew(a, b²): the gradient through the rules is
    // (3a²b² + cos a + b⁴, 2a³b + 2ab), its Jacobian [i][j] = ∂ⱼ gᵢ.
    double[][] h = RecordVjpRulesAtOrderTwoDerivatives.callerHessian(a, b);
    assertThat(h[0][0]).isWithin(1e-12).of(6 * a * b * b - Math.sin(a));
    assertThat(h[0][1]).isWithin(1e-12).of(6 * a * a * b + 4 * b * b * b);
    assertThat(h[1][0]).isWithin(1e-12).of(6 * a * a * b + 2 * b);
    assertThat(h[1][1]).isWithin(1e-12).of(2 * a * a * a + 2 * a);
    double[][] fd = differences(q -> {
      RecordVjpRulesAtOrderTwoDerivatives.CallerGrad g = RecordVjpRulesAtOrderTwoDerivatives.callerGrad(q[0], q[1]);
      return new double[] {g.a(), g.b()};
    }, new double[] {a, b});
    assertMatrix(h, fd, 1e-6);
  }

  @Test
  void aRuleWithARecordResultHasTheSecondDerivativesOfItsLeaves() {
    Polar p = new Polar(1.3, 0.6);
    Polar u = new Polar(0.4, -0.7);
    Polar w = new Polar(-1.1, 0.3);
    double r = p.r();
    double c = Math.cos(p.t());
    double s = Math.sin(p.t());
    // bwd: pullback_r = g_x cos t + 2 g_y sin t, pullback_t = -g_x r sin t + 2 g_y r cos t, differentiated
    // as written; D²f_k[u, w] = Σᵢ uᵢ·∂_w pullbackᵢ at g = e_k (u the inner direction).
    Point d2 = RecordVjpRulesAtOrderTwoDerivatives.toPointDerivative(p, u, w);
    assertThat(d2.x()).isWithin(1e-12).of(u.r() * (-s * w.t()) + u.t() * (-s * w.r() - r * c * w.t()));
    assertThat(d2.y()).isWithin(1e-12).of(u.r() * (2 * c * w.t()) + u.t() * (2 * c * w.r() - 2 * r * s * w.t()));
    // The same from central differences of the generated pullback along w.
    for (Point g : new Point[] {new Point(1, 0), new Point(0, 1)}) {
      Polar plus = RecordVjpRulesAtOrderTwoDerivatives.toPointVjp(new Polar(r + H * w.r(), p.t() + H * w.t()))
          .pullback(g);
      Polar minus = RecordVjpRulesAtOrderTwoDerivatives.toPointVjp(new Polar(r - H * w.r(), p.t() - H * w.t()))
          .pullback(g);
      double fd = (u.r() * (plus.r() - minus.r()) + u.t() * (plus.t() - minus.t())) / (2 * H);
      assertThat(g.x() == 1 ? d2.x() : d2.y()).isWithin(1e-6).of(fd);
    }
  }

  /** [i][j] = ∂ⱼ gradᵢ by central differences. */
  private static double[][] differences(Function<double[], double[]> grad, double[] at) {
    int n = at.length;
    double[][] out = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[j] += H;
      minus[j] -= H;
      double[] gp = grad.apply(plus);
      double[] gm = grad.apply(minus);
      for (int i = 0; i < n; i++) {
        out[i][j] = (gp[i] - gm[i]) / (2 * H);
      }
    }
    return out;
  }

  private static void assertMatrix(double[][] actual, double[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertThat(actual[i][j]).isWithin(tolerance).of(expected[i][j]);
      }
    }
  }
}
