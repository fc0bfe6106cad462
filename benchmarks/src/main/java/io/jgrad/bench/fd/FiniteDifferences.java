package io.jgrad.bench.fd;

import java.util.function.ToDoubleFunction;

/** Central finite differences: the derivative every AD tool is meant to beat on speed and accuracy. */
public final class FiniteDifferences {
  /** Step relative to the point: the cube root of machine epsilon balances truncation against rounding. */
  private static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

  private FiniteDifferences() {}

  /** The gradient of {@code f} at {@code p}, two evaluations per component; {@code p} is restored. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] p) {
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double pi = p[i];
      double h = step(pi);
      p[i] = pi + h;
      double up = f.applyAsDouble(p);
      p[i] = pi - h;
      double down = f.applyAsDouble(p);
      p[i] = pi;
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /** The directional derivative of {@code f} at {@code p} along {@code v}: two evaluations. */
  public static double jvp(ToDoubleFunction<double[]> f, double[] p, double[] v) {
    double h = RELATIVE_STEP * Math.max(1, norm(p)) / Math.max(1e-300, norm(v));
    double[] shifted = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      shifted[i] = p[i] + h * v[i];
    }
    double up = f.applyAsDouble(shifted);
    for (int i = 0; i < p.length; i++) {
      shifted[i] = p[i] - h * v[i];
    }
    double down = f.applyAsDouble(shifted);
    return (up - down) / (2 * h);
  }

  private static double step(double x) {
    return RELATIVE_STEP * Math.max(1, Math.abs(x));
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
