package io.jgrad.examples.records;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.examples.records.Pytrees.Dict;
import io.jgrad.examples.records.Pytrees.Pair;
import io.jgrad.examples.records.Pytrees.Point;
import io.jgrad.runtime.RecordFwd;

/** The notebook's "Working with containers" example with {@code jax.custom_vjp}. */
final class SeedContainersVjp {
  private SeedContainersVjp() {}

  @CustomVjp(fwd = "fFwd", bwd = "fBwd")
  static Dict f(Point pt) {
    double x = pt.x();
    double y = pt.y();
    return new Dict(x * x, new Pair(Math.sin(x), Math.cos(y)));
  }

  static RecordFwd<Dict, Point> fFwd(Point pt) {
    return RecordFwd.of(f(pt), pt);
  }

  static Point fBwd(Point pt, Dict g) {
    double aBar = g.a();
    double b0Bar = g.b().b0();
    double b1Bar = g.b().b1();
    double xBar = 2 * pt.x() * aBar + Math.cos(pt.x()) * b0Bar;
    double yBar = -Math.sin(pt.y()) * b1Bar;
    return new Point(xBar, yBar);
  }

  @Differentiable
  static double fun(Point pt) {
    Dict dct = f(pt);
    return dct.a() + dct.b().b0();
  }
}
