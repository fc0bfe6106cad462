package io.jgrad.examples.regressions;

import io.jgrad.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** Regression: a parameter assigned in one branch only kept its incoming cotangent (y̅ counted twice). */
class ReassignedParametersTest {
  @Test
  void branchesAndLoopsOverwritingParameters() {
    GradCheck check = GradCheck.of(p -> ReassignedParameters.f(p[0], p[1]),
        (p, t) -> ReassignedParametersDerivatives.fJvp(p[0], p[1], t[0], t[1]).tangent(),
        (p, c) -> {
          var g = ReassignedParametersDerivatives.fVjp(p[0], p[1]).pullback(c);
          return new double[] {g.x(), g.y()};
        });
    for (double[] p : new double[][] {{0.5, 3}, {0.2, 0.4}, {-0.7, 0.9}, {2.0, -0.3}}) {
      check.tolerance(1e-5).at(p).assertValid();
    }
  }

  @Test
  void whileLoopOverwritingItsParameter() {
    GradCheck check = GradCheck.of(p -> ReassignedParameters.g(p[0]),
        (p, t) -> ReassignedParametersDerivatives.gJvp(p[0], t[0]).tangent(),
        (p, c) -> new double[] {ReassignedParametersDerivatives.gVjp(p[0]).pullback(c)});
    for (double x : new double[] {0.3, 2.2, 7.1, 12}) {
      check.tolerance(1e-5).at(x).assertValid();
    }
  }
}
