package io.jgrad.examples.higher;

import io.jgrad.annotations.Differentiable;

/**
 * Calls of functions with an array or a record result inside bodies of order 2 and above: the
 * callee's body is taken in as the caller's own code, so the callee needs no order of its own.
 */
final class ResultCallOrderExamples {
  private ResultCallOrderExamples() {}

  record P(double x, double y) {}

  /** (w², sin w, e^(w/2)): an array result built element by element. */
  @Differentiable
  static double[] features(double w) {
    double[] f = new double[3];
    f[0] = w * w;
    f[1] = Math.sin(w);
    f[2] = Math.exp(0.5 * w);
    return f;
  }

  /** |features(w)|² = w⁴ + sin²w + eʷ. */
  @Differentiable(order = 3)
  static double featureEnergy(double w) {
    double[] y = features(w);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * y[i];
    }
    return s;
  }

  /** yᵢ = a·xᵢ² in a loop: an array parameter read by the callee. */
  @Differentiable
  static double[] scaledSquares(double[] x, double a) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i] * x[i];
    }
    return y;
  }

  /** Σ xᵢ·(a xᵢ²) = a Σ xᵢ³, through an array parameter and an array result. */
  @Differentiable(order = 2)
  static double cubesThroughCall(double[] x, double a) {
    double[] y = scaledSquares(x, a);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** (xy, sin x + y). */
  @Differentiable
  static P step(double x, double y) {
    return new P(x * y, Math.sin(x) + y);
  }

  /** xy·(sin x + y) through a record result. */
  @Differentiable(order = 3)
  static double product(double x, double y) {
    P p = step(x, y);
    return p.x() * p.y();
  }

  /** A record result returned from two places, its callee called by another such callee. */
  @Differentiable
  static P folded(double x, double y) {
    if (x > 0) {
      return step(x, y);
    }
    return new P(x * x, y);
  }

  /** The record callee with a record parameter: rotation of p by t. */
  @Differentiable
  static P rotate(P p, double t) {
    return new P(p.x() * Math.cos(t) - p.y() * Math.sin(t), p.x() * Math.sin(t) + p.y() * Math.cos(t));
  }

  /** folded's x component times rotate's y component. */
  @Differentiable(order = 2)
  static double mixed(P p, double t) {
    P q = folded(p.x(), p.y());
    P r = rotate(p, t);
    return q.x() * r.y() + Math.exp(q.y() * t);
  }
}
