package io.jgrad.examples.review;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Findings of the review of 8c82c7d..eb55aff, each a test that fails today (the lead fixes them):
 * gradients against central differences of the function itself.
 */
class ReviewFindingsTest {
  private static final double H = 1e-6;
  private static final double[] X = {0.3, -0.8};
  private static final double T = 0.6;

  /** Finding 1: an argument array changed after fVjp(x).pullback(u): the first pullback's derivative reads the new u. */
  @Test
  void finding1PullbackOfAnArrayChangedAfterTheCallHasTheGradientOfTheFunction() {
    var grad = ReviewFindingsDerivatives.pulledTwiceThroughOneArrayGrad(X, T);
    for (int i = 0; i < X.length; i++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ReviewFindings.pulledTwiceThroughOneArray(up, T)
          - ReviewFindings.pulledTwiceThroughOneArray(down, T)) / (2 * H);
      assertThat(grad.x()[i]).isWithin(1e-6).of(fd);
    }
    double fdT = (ReviewFindings.pulledTwiceThroughOneArray(X, T + H)
        - ReviewFindings.pulledTwiceThroughOneArray(X, T - H)) / (2 * H);
    assertThat(grad.t()).isWithin(1e-6).of(fdT);
  }

  /** The control for finding 1 (passes today): the second call through another array. */
  @Test
  void finding1ControlPullbackThroughTwoArraysHasTheGradientOfTheFunction() {
    var grad = ReviewFindingsDerivatives.pulledThroughTwoArraysGrad(X, T);
    for (int i = 0; i < X.length; i++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ReviewFindings.pulledThroughTwoArrays(up, T)
          - ReviewFindings.pulledThroughTwoArrays(down, T)) / (2 * H);
      assertThat(grad.x()[i]).isWithin(1e-6).of(fd);
    }
  }

  /** Finding 1b: the primal point of fVjp(z).pullback(u), a local array, changed after the call. */
  @Test
  void finding1bPullbackAtAPointChangedAfterTheCallHasTheGradientOfTheFunction() {
    var grad = ReviewFindingsDerivatives.pulledAtAPointChangedAfterTheCallGrad(X, T);
    for (int i = 0; i < X.length; i++) {
      double[] up = X.clone();
      double[] down = X.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ReviewFindings.pulledAtAPointChangedAfterTheCall(up, T)
          - ReviewFindings.pulledAtAPointChangedAfterTheCall(down, T)) / (2 * H);
      assertThat(grad.x()[i]).isWithin(1e-6).of(fd);
    }
    double fdT = (ReviewFindings.pulledAtAPointChangedAfterTheCall(X, T + H)
        - ReviewFindings.pulledAtAPointChangedAfterTheCall(X, T - H)) / (2 * H);
    assertThat(grad.t()).isWithin(1e-6).of(fdT);
  }

  /** Finding 3: fGrad(v, b).w() twice through one local array changed between the calls, at order 2. */
  @Test
  void finding3GradientComponentsOfAnArrayChangedBetweenCallsHaveTheGradientOfTheFunction() {
    double[] w = {0.7, -0.4};
    double b = 1.3;
    var grad = ReviewFindingsDerivatives.gradientsOfOneArrayChangedBetweenGrad(w, b);
    for (int i = 0; i < w.length; i++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (ReviewFindings.gradientsOfOneArrayChangedBetween(up, b)
          - ReviewFindings.gradientsOfOneArrayChangedBetween(down, b)) / (2 * H);
      assertThat(grad.w()[i]).isWithin(1e-6).of(fd);
    }
    double fdB = (ReviewFindings.gradientsOfOneArrayChangedBetween(w, b + H)
        - ReviewFindings.gradientsOfOneArrayChangedBetween(w, b - H)) / (2 * H);
    assertThat(grad.b()).isWithin(1e-6).of(fdB);
  }

  /** The control for finding 3 (passes today): forward mode, fJvp along b, is right. */
  @Test
  void finding3ControlForwardModeAlongBIsTheCentralDifference() {
    double[] w = {0.7, -0.4};
    double b = 1.3;
    double fdB = (ReviewFindings.gradientsOfOneArrayChangedBetween(w, b + H)
        - ReviewFindings.gradientsOfOneArrayChangedBetween(w, b - H)) / (2 * H);
    assertThat(ReviewFindingsDerivatives.gradientsOfOneArrayChangedBetweenJvp(w, b, new double[2], 1).tangent())
        .isWithin(1e-6).of(fdB);
  }
}
