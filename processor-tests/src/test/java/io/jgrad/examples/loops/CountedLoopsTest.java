package io.jgrad.examples.loops;

import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.runtime.Dual;
import io.jgrad.runtime.ValueAndGrad;
import io.jgrad.runtime.Vjp;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reverse mode through loops run backwards over their counters ({@link CountedLoops}): {@code fGrad},
 * {@code fVjp} and {@code fValueAndGrad} against central differences and against forward mode
 * along each basis tangent, at random points.
 */
class CountedLoopsTest {
  record Case(String name, ToDoubleFunction<double[]> f, Function<double[], double[]> grad,
      Function<double[], Vjp<double[]>> vjp, Function<double[], ValueAndGrad<double[]>> valueAndGrad,
      BiFunction<double[], double[], Dual> jvp) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("rosenbrock", CountedLoops::rosenbrock, CountedLoopsDerivatives::rosenbrockGrad,
            CountedLoopsDerivatives::rosenbrockVjp, CountedLoopsDerivatives::rosenbrockValueAndGrad,
            CountedLoopsDerivatives::rosenbrockJvp),
        new Case("boundsWritten", CountedLoops::boundsWritten, CountedLoopsDerivatives::boundsWrittenGrad,
            CountedLoopsDerivatives::boundsWrittenVjp, CountedLoopsDerivatives::boundsWrittenValueAndGrad,
            CountedLoopsDerivatives::boundsWrittenJvp),
        new Case("triangular", CountedLoops::triangular, CountedLoopsDerivatives::triangularGrad,
            CountedLoopsDerivatives::triangularVjp, CountedLoopsDerivatives::triangularValueAndGrad,
            CountedLoopsDerivatives::triangularJvp),
        new Case("euler", CountedLoops::euler, CountedLoopsDerivatives::eulerGrad,
            CountedLoopsDerivatives::eulerVjp, CountedLoopsDerivatives::eulerValueAndGrad,
            CountedLoopsDerivatives::eulerJvp),
        new Case("tanhSquares", CountedLoops::tanhSquares, CountedLoopsDerivatives::tanhSquaresGrad,
            CountedLoopsDerivatives::tanhSquaresVjp, CountedLoopsDerivatives::tanhSquaresValueAndGrad,
            CountedLoopsDerivatives::tanhSquaresJvp),
        new Case("parity", CountedLoops::parity, CountedLoopsDerivatives::parityGrad,
            CountedLoopsDerivatives::parityVjp, CountedLoopsDerivatives::parityValueAndGrad,
            CountedLoopsDerivatives::parityJvp),
        new Case("writtenInABranch", CountedLoops::writtenInABranch, CountedLoopsDerivatives::writtenInABranchGrad,
            CountedLoopsDerivatives::writtenInABranchVjp, CountedLoopsDerivatives::writtenInABranchValueAndGrad,
            CountedLoopsDerivatives::writtenInABranchJvp),
        new Case("boundChangedLater", CountedLoops::boundChangedLater, CountedLoopsDerivatives::boundChangedLaterGrad,
            CountedLoopsDerivatives::boundChangedLaterVjp, CountedLoopsDerivatives::boundChangedLaterValueAndGrad,
            CountedLoopsDerivatives::boundChangedLaterJvp),
        new Case("halvings", CountedLoops::halvings, CountedLoopsDerivatives::halvingsGrad,
            CountedLoopsDerivatives::halvingsVjp, CountedLoopsDerivatives::halvingsValueAndGrad,
            CountedLoopsDerivatives::halvingsJvp),
        new Case("throughALocalArray", CountedLoops::throughALocalArray,
            CountedLoopsDerivatives::throughALocalArrayGrad, CountedLoopsDerivatives::throughALocalArrayVjp,
            CountedLoopsDerivatives::throughALocalArrayValueAndGrad, CountedLoopsDerivatives::throughALocalArrayJvp),
        new Case("otherSteps", CountedLoops::otherSteps, CountedLoopsDerivatives::otherStepsGrad,
            CountedLoopsDerivatives::otherStepsVjp, CountedLoopsDerivatives::otherStepsValueAndGrad,
            CountedLoopsDerivatives::otherStepsJvp),
        new Case("counterWeights", CountedLoops::counterWeights, CountedLoopsDerivatives::counterWeightsGrad,
            CountedLoopsDerivatives::counterWeightsVjp, CountedLoopsDerivatives::counterWeightsValueAndGrad,
            CountedLoopsDerivatives::counterWeightsJvp),
        new Case("readAgainAfterALocalChanged", CountedLoops::readAgainAfterALocalChanged,
            CountedLoopsDerivatives::readAgainAfterALocalChangedGrad,
            CountedLoopsDerivatives::readAgainAfterALocalChangedVjp,
            CountedLoopsDerivatives::readAgainAfterALocalChangedValueAndGrad,
            CountedLoopsDerivatives::readAgainAfterALocalChangedJvp),
        new Case("stencilSteps", CountedLoops::stencilSteps, CountedLoopsDerivatives::stencilStepsGrad,
            CountedLoopsDerivatives::stencilStepsVjp, CountedLoopsDerivatives::stencilStepsValueAndGrad,
            CountedLoopsDerivatives::stencilStepsJvp),
        new Case("recurrent", CountedLoops::recurrent, CountedLoopsDerivatives::recurrentGrad,
            CountedLoopsDerivatives::recurrentVjp, CountedLoopsDerivatives::recurrentValueAndGrad,
            CountedLoopsDerivatives::recurrentJvp),
        new Case("smoothedInPlace", CountedLoops::smoothedInPlace, CountedLoopsDerivatives::smoothedInPlaceGrad,
            CountedLoopsDerivatives::smoothedInPlaceVjp, CountedLoopsDerivatives::smoothedInPlaceValueAndGrad,
            CountedLoopsDerivatives::smoothedInPlaceJvp),
        new Case("cubeRoots", CountedLoops::cubeRoots, CountedLoopsDerivatives::cubeRootsGrad,
            CountedLoopsDerivatives::cubeRootsVjp, CountedLoopsDerivatives::cubeRootsValueAndGrad,
            CountedLoopsDerivatives::cubeRootsJvp),
        new Case("readsItsSum", CountedLoops::readsItsSum, CountedLoopsDerivatives::readsItsSumGrad,
            CountedLoopsDerivatives::readsItsSumVjp, CountedLoopsDerivatives::readsItsSumValueAndGrad,
            CountedLoopsDerivatives::readsItsSumJvp),
        new Case("checkpointedSteps", CountedLoops::checkpointedSteps, CountedLoopsDerivatives::checkpointedStepsGrad,
            CountedLoopsDerivatives::checkpointedStepsVjp, CountedLoopsDerivatives::checkpointedStepsValueAndGrad,
            CountedLoopsDerivatives::checkpointedStepsJvp),
        new Case("checkpointedFromTwo", CountedLoops::checkpointedFromTwo,
            CountedLoopsDerivatives::checkpointedFromTwoGrad, CountedLoopsDerivatives::checkpointedFromTwoVjp,
            CountedLoopsDerivatives::checkpointedFromTwoValueAndGrad, CountedLoopsDerivatives::checkpointedFromTwoJvp));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reverseModeAgreesWithForwardModeAndFiniteDifferences(Case c) {
    Random random = new Random(7);
    for (int point = 0; point < 10; point++) {
      double[] x = new double[7];
      for (int k = 0; k < x.length; k++) {
        x[k] = 0.3 + 0.9 * random.nextDouble();
      }
      double[] grad = c.grad().apply(x.clone());
      Vjp<double[]> vjp = c.vjp().apply(x.clone());
      double[] pulled = vjp.pullback(2.0);
      // A pullback reads its tape afresh each time it runs: the second run sees what the first saw.
      double[] again = vjp.pullback(2.0);
      ValueAndGrad<double[]> vg = c.valueAndGrad().apply(x.clone());
      double value = c.f().applyAsDouble(x.clone());
      assertWithMessage("%s value", c).that(vg.value()).isEqualTo(value);
      assertWithMessage("%s fVjp value", c).that(vjp.value()).isEqualTo(value);
      for (int k = 0; k < x.length; k++) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        double h = 1e-6 * Math.max(1, Math.abs(x[k]));
        plus[k] += h;
        minus[k] -= h;
        double central = (c.f().applyAsDouble(plus) - c.f().applyAsDouble(minus)) / (2 * h);
        double[] basis = new double[x.length];
        basis[k] = 1;
        double forward = c.jvp().apply(x.clone(), basis).tangent();
        String at = c + " d/dx[" + k + "] at point " + point;
        assertWithMessage("%s: fGrad vs central difference", at).that(grad[k])
            .isWithin(1e-5 * Math.max(1, Math.abs(central))).of(central);
        assertWithMessage("%s: fGrad vs fJvp", at).that(grad[k])
            .isWithin(1e-11 * Math.max(1, Math.abs(forward))).of(forward);
        assertWithMessage("%s: fVjp pullback of 2 vs twice fGrad", at).that(pulled[k])
            .isWithin(1e-11 * Math.max(1, Math.abs(grad[k]))).of(2 * grad[k]);
        assertWithMessage("%s: fVjp's pullback run again", at).that(again[k]).isEqualTo(pulled[k]);
        assertWithMessage("%s: fValueAndGrad vs fGrad", at).that(vg.grad()[k])
            .isWithin(1e-11 * Math.max(1, Math.abs(grad[k]))).of(grad[k]);
      }
    }
  }
}
