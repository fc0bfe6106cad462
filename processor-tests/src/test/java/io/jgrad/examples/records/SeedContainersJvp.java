package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.examples.records.Pytrees.Dict;
import io.jgrad.examples.records.Pytrees.Pair;
import io.jgrad.examples.records.Pytrees.Point;
import io.jgrad.runtime.Jvp;

/** The notebook's "Working with containers" example with {@code jax.custom_jvp}. */
final class SeedContainersJvp {
  private SeedContainersJvp() {}

  @CustomJvp(jvp = "fJvp")
  static Dict f(Point pt) {
    double x = pt.x();
    double y = pt.y();
    return new Dict(x * x, new Pair(Math.sin(x), Math.cos(y)));
  }

  static Jvp<Dict> fJvp(Point pt, Point ptDot) {
    Dict ans = f(pt);
    Dict ansDot = new Dict(2 * pt.x() * ptDot.x(),
        new Pair(Math.cos(pt.x()) * ptDot.x(), -Math.sin(pt.y()) * ptDot.y()));
    return Jvp.of(ans, ansDot);
  }

  @Differentiable
  static double fun(Point pt) {
    Dict dct = f(pt);
    return dct.a() + dct.b().b0();
  }
}
