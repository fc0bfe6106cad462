package io.jgrad.examples.fuzz;

import io.jgrad.runtime.Dual;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The checks of a function of an array ({@code f(double[] w)}, at {@code w = (x, y, 0.7x - 0.4y +
 * 0.1)}) or of a record ({@code f(P p)}, at {@code p = P(x, y)}): {@code fGrad} against
 * {@code fJvp} along each unit direction and against central finite differences of {@code f}, and
 * at order 2 and above {@code fHessian} against finite differences of {@code fGrad}. Functions with
 * an array or record result are checked through their callers, which take their bodies in.
 */
final class ContainerFunctionCheck {
  private ContainerFunctionCheck() {}

  /** The check of {@code f}, whose declaration {@code declared} is not {@code f(double, double)}. */
  static Optional<FuzzCheck.Failure> check(FuzzCheck.Compiled c, Method declared, int order, double x, double y)
      throws Exception {
    Class<?> param = declared.getParameterTypes()[0];
    if (declared.getReturnType() != double.class || declared.getParameterCount() != 1) {
      return Optional.empty();
    }
    String f = declared.getName();
    declared.setAccessible(true);
    double[] at = param == double[].class ? new double[] {x, y, 0.7 * x - 0.4 * y + 0.1} : new double[] {x, y};
    Point point = v -> param == double[].class ? v.clone() : construct(param, v);
    Method overflowTwin = c.primal.getDeclaredMethod(f + "_overflow", param);
    if (!Double.isFinite((double) declared.invoke(null, point.of(at)))
        || FuzzCheck.overflows(c, overflowTwin, point.of(at))) {
      return Optional.empty(); // a value past double's range: the documented poisoning, nothing to compare
    }
    double[] grad = components(c.derivatives.getMethod(f + "Grad", param).invoke(null, point.of(at)), at.length);
    Method jvp = c.derivatives.getMethod(f + "Jvp", param, param);
    for (int i = 0; i < at.length; i++) {
      int ii = i;
      double[] unit = new double[at.length];
      unit[i] = 1;
      double forward = ((Dual) jvp.invoke(null, point.of(at), point.of(unit))).tangent();
      if (!(Math.abs(grad[i] - forward) <= 1e-9 * (1 + Math.abs(forward)))) {
        return failure(f, x, y, "fGrad vs fJvp [" + i + "]", "fGrad " + grad[i] + ", fJvp " + forward);
      }
      FuzzCheck.Step value = h -> (double) declared.invoke(null, point.of(moved(at, ii, h)));
      double fd = FuzzCheck.central(value);
      if (Double.isFinite(fd) && Math.abs(fd) < 1e6 && !FuzzCheck.nearKink(value)
          && !(Math.abs(forward - fd) <= 1e-4 * (1 + Math.abs(fd)))) {
        return failure(f, x, y, "forward vs finite differences [" + i + "]", "fJvp " + forward
            + ", finite differences " + fd);
      }
    }
    if (order < 2) {
      return Optional.empty();
    }
    double[][] h2 = (double[][]) c.derivatives.getMethod(f + "Hessian", param).invoke(null, point.of(at));
    for (int i = 0; i < at.length; i++) {
      for (int j = 0; j < at.length; j++) {
        int ii = i;
        int jj = j;
        FuzzCheck.Step g = h -> components(c.derivatives.getMethod(f + "Grad", param)
            .invoke(null, point.of(moved(at, ii, h))), at.length)[jj];
        double fd = FuzzCheck.central(g);
        if (Double.isFinite(fd) && Math.abs(fd) < 1e6 && !FuzzCheck.nearKink(g)
            && !(Math.abs(h2[i][j] - fd) <= 1e-4 * (1 + Math.abs(fd)))) {
          return failure(f, x, y, "hessian vs finite differences of the gradient [" + i + "][" + j + "]",
              "fHessian " + h2[i][j] + ", finite differences " + fd);
        }
      }
    }
    return Optional.empty();
  }

  /** The argument for the numbers {@code v}: the array itself, or the record of its components. */
  @FunctionalInterface
  private interface Point {
    Object of(double[] v) throws Exception;
  }

  private static Optional<FuzzCheck.Failure> failure(String f, double x, double y, String kind, String detail) {
    return Optional.of(new FuzzCheck.Failure(f, x, y, kind, detail));
  }

  private static Object construct(Class<?> record, double[] v) throws Exception {
    java.lang.reflect.Constructor<?> make = record.getDeclaredConstructor(double.class, double.class);
    make.setAccessible(true);
    return make.newInstance(v[0], v[1]);
  }

  /** The numbers of a gradient: the array, or a record's components {@code a()} and {@code b()}. */
  private static double[] components(Object gradient, int n) throws Exception {
    if (gradient instanceof double[] g) {
      return g;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Method component = gradient.getClass().getDeclaredMethod(i == 0 ? "a" : "b");
      component.setAccessible(true);
      out[i] = (double) component.invoke(gradient);
    }
    return out;
  }

  private static double[] moved(double[] at, int i, double h) {
    double[] out = at.clone();
    out[i] += h;
    return out;
  }
}
