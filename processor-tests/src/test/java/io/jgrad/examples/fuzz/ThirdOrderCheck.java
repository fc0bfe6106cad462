package io.jgrad.examples.fuzz;

import java.util.Optional;

/**
 * The third derivatives of an order-3 function: {@code fDerivative(x, y, eᵢ, eⱼ, eₖ)} against the
 * central difference of the Hessian's entry [i][j] along k.
 */
final class ThirdOrderCheck {
  private ThirdOrderCheck() {}

  static Optional<FuzzCheck.Failure> check(FuzzCheck.Compiled c, String f, double x, double y) throws Exception {
    java.lang.reflect.Method derivative = c.derivatives.getMethod(f + "Derivative", double.class, double.class,
        double.class, double.class, double.class, double.class, double.class, double.class);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          int ii = i;
          int jj = j;
          int kk = k;
          FuzzCheck.Step entry = h -> FuzzCheck.hessian(c, f, x + (kk == 0 ? h : 0), y + (kk == 1 ? h : 0))[ii][jj];
          double third = (double) derivative.invoke(null, x, y, unit(i, 0), unit(i, 1), unit(j, 0), unit(j, 1),
              unit(k, 0), unit(k, 1));
          if (!Double.isFinite(third) && FuzzCheck.overflows(c, f, x, y)) {
            continue;
          }
          double fd = FuzzCheck.central(entry);
          if (!Double.isFinite(fd) || Math.abs(fd) > 1e6 || FuzzCheck.nearKink(entry)) {
            continue;
          }
          if (!(Math.abs(third - fd) <= 1e-4 * (1 + Math.abs(fd)))) {
            return Optional.of(new FuzzCheck.Failure(f, x, y, "third derivative vs finite differences of the"
                + " Hessian [" + i + "][" + j + "] along " + k, "fDerivative " + third + ", finite differences " + fd));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Component {@code component} of the basis vector {@code axis}. */
  private static double unit(int axis, int component) {
    return axis == component ? 1 : 0;
  }
}
