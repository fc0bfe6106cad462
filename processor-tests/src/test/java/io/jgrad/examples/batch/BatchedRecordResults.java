package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;

/** Batched functions with a record result: one output array per leaf (JAX's vmap over a pytree result). */
final class BatchedRecordResults {
  private BatchedRecordResults() {}

  record P(double x, double y) {}

  /** A nested record result with an int leaf, which has no tangent. */
  record Step(P at, double speed, int turns) {}

  /** {@code p} rotated by the angle {@code a}: a record result from two scalars and a record. */
  @Batched
  @Differentiable
  static P rotate(P p, double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new P(c * p.x() - s * p.y(), s * p.x() + c * p.y());
  }

  /**
   * A step of length {@code h} along the direction {@code t}, from a row of weights: a nested result, an
   * int leaf, a local array.
   */
  @Batched
  @Differentiable
  static Step step(double t, double h, double[] w) {
    double[] d = new double[2];
    d[0] = Math.cos(t);
    d[1] = Math.sin(t);
    double speed = 0;
    for (int i = 0; i < w.length; i++) {
      speed += w[i] * w[i];
    }
    int turns = t > 0 ? 1 : 0;
    return new Step(new P(h * d[0], h * speed * d[1]), Math.sqrt(speed) * h, turns);
  }
}
