package io.jgrad.examples.custom;

import io.jgrad.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** GradCheck on every custom rule that is the true derivative of its function. */
class GradCheckOfRulesTest {
  private static final double[][] POINTS = {{0.3, -1.2}, {2.0, 3.0}, {-1.7, 0.4}};

  @Test
  void defjvpRule() {
    GradCheck check = GradCheck.of(x -> SeedCustomJvp.f(x[0], x[1]),
        (x, t) -> SeedCustomJvpDerivatives.fJvp(x[0], x[1], t[0], t[1]).tangent(),
        (x, c) -> {
          var g = SeedCustomJvpDerivatives.fVjp(x[0], x[1]).pullback(c);
          return new double[] {g.x(), g.y()};
        });
    for (double[] p : POINTS) {
      check.at(p).assertValid();
    }
  }

  @Test
  void defjvpsRules() {
    GradCheck check = GradCheck.of(x -> SeedCustomJvp.g(x[0], x[1]),
        (x, t) -> SeedCustomJvpDerivatives.gJvp(x[0], x[1], t[0], t[1]).tangent(),
        (x, c) -> {
          var g = SeedCustomJvpDerivatives.gVjp(x[0], x[1]).pullback(c);
          return new double[] {g.x(), g.y()};
        });
    for (double[] p : POINTS) {
      check.at(p).assertValid();
    }
  }

  @Test
  void stableLog1pexpRules() {
    GradCheck one = GradCheck.of(x -> SeedCustomJvp.log1pexp(x[0]),
        (x, t) -> SeedCustomJvpDerivatives.log1pexpJvp(x[0], t[0]).tangent(),
        (x, c) -> new double[] {SeedCustomJvpDerivatives.log1pexpVjp(x[0]).pullback(c)});
    GradCheck two = GradCheck.of(x -> SeedCustomJvp.log1pexp2(x[0]),
        (x, t) -> SeedCustomJvpDerivatives.log1pexp2Jvp(x[0], t[0]).tangent(),
        (x, c) -> new double[] {SeedCustomJvpDerivatives.log1pexp2Vjp(x[0]).pullback(c)});
    for (double x : new double[] {-4, -0.5, 0, 3, 20}) {
      one.at(x).assertValid();
      two.at(x).assertValid();
    }
  }

  @Test
  void conventionRuleAwayFromZero() {
    GradCheck check = GradCheck.of(x -> SeedCustomJvp.rootRatio(x[0]),
        (x, t) -> SeedCustomJvpDerivatives.rootRatioJvp(x[0], t[0]).tangent(),
        (x, c) -> new double[] {SeedCustomJvpDerivatives.rootRatioVjp(x[0]).pullback(c)});
    for (double x : new double[] {0.1, 1, 4.5}) {
      check.at(x).assertValid();
    }
  }

  @Test
  void callerOfRules() {
    GradCheck check = GradCheck.of(x -> SeedCustomJvp.caller(x[0], x[1]),
        (x, t) -> SeedCustomJvpDerivatives.callerJvp(x[0], x[1], t[0], t[1]).tangent(),
        (x, c) -> {
          var g = SeedCustomJvpDerivatives.callerVjp(x[0], x[1]).pullback(c);
          return new double[] {g.x(), g.y()};
        });
    for (double[] p : POINTS) {
      check.tolerance(1e-5).at(p).assertValid();
    }
  }

  @Test
  void customVjpRuleThatIsTheTrueDerivative() {
    // Reverse mode only: forward mode along t is taken as <grad, t>, so the finite differences
    // check the backward pass.
    GradCheck check = GradCheck.of(x -> SeedCustomVjp.f(x[0], x[1]),
        (x, t) -> {
          var g = SeedCustomVjpDerivatives.fGrad(x[0], x[1]);
          return g.x() * t[0] + g.y() * t[1];
        },
        (x, c) -> {
          var g = SeedCustomVjpDerivatives.fVjp(x[0], x[1]).pullback(c);
          return new double[] {g.x(), g.y()};
        });
    for (double[] p : POINTS) {
      check.at(p).assertValid();
    }
  }
}
