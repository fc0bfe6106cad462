package io.jgrad.sample;

import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.RecordFwd;
import io.jgrad.sample.Containers.Dict;
import io.jgrad.sample.Containers.Pair;
import io.jgrad.sample.Containers.Point;

/** The notebook's "Working with containers" with {@code custom_vjp}: record residuals and cotangents. */
final class ContainerVjpExamples {
  private ContainerVjpExamples() {}

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
    double xBar = 2 * pt.x() * g.a() + Math.cos(pt.x()) * g.b().b0();
    double yBar = -Math.sin(pt.y()) * g.b().b1();
    return new Point(xBar, yBar);
  }

  @Differentiable
  static double fun(Point pt) {
    Dict dct = f(pt);
    return dct.a() + dct.b().b0();
  }
}
