package io.jgrad.sample;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Jvp;
import io.jgrad.sample.Containers.Dict;
import io.jgrad.sample.Containers.Pair;
import io.jgrad.sample.Containers.Point;

/** The notebook's "Working with containers" with {@code custom_jvp}: a rule taking and returning records. */
final class ContainerJvpExamples {
  private ContainerJvpExamples() {}

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
