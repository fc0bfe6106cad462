package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.Differentiable;
import io.jgrad.annotations.NonDiff;

/** Batched functions of records given per lane: one array per component (JAX's vmap over a pytree's leaves). */
final class BatchedRecords {
  private BatchedRecords() {}

  record Point(double x, double y) {}

  /** A nested record, with a component without a tangent. */
  record Particle(Point at, double mass, int charge) {}

  /** {@code k m (x^2 + y^2) + charge sin(x)}: a nested record per lane and a scalar. */
  @Batched
  @Differentiable
  static double energy(Particle q, double k) {
    Point p = q.at();
    return k * q.mass() * (p.x() * p.x() + p.y() * p.y()) + q.charge() * Math.sin(p.x());
  }

  /** {@code |p - center|}, the center given per lane (perLane names the record). */
  @Batched(perLane = "center")
  @Differentiable
  static double distance(Point p, @NonDiff Point center) {
    double dx = p.x() - center.x();
    double dy = p.y() - center.y();
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** {@code exp(-(p.x^2 + p.y^2) / width)}: the width a record all lanes share. */
  @Batched
  @Differentiable
  static float bumpF(FloatPoint p, @NonDiff FloatPoint width) {
    return (float) Math.exp(-(p.x() * p.x() / width.x() + p.y() * p.y() / width.y()));
  }

  record FloatPoint(float x, float y) {}

  /** A record with an array component: its weights are a row per lane. */
  record Layer(double[] w, double b) {}

  /** {@code tanh(b + sum_i w_i x_i)}: a record with a row, and a row. */
  @Batched
  @Differentiable
  static double neuron(Layer layer, double[] x) {
    double s = layer.b();
    for (int i = 0; i < x.length; i++) {
      s += layer.w()[i] * x[i];
    }
    return Math.tanh(s);
  }
}
