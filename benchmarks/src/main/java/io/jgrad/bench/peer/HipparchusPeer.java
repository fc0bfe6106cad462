package io.jgrad.bench.peer;

import java.util.Arrays;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;

/**
 * The workloads written once over Hipparchus' {@link CalculusFieldElement} and run in its three
 * forward-mode types: {@link Gradient}, {@link DerivativeStructure} and {@link UnivariateDerivative1}.
 * Results come back as {@code double[]} (value first where a value is asked for).
 */
public final class HipparchusPeer {
  private HipparchusPeer() {}

  /** {@code sin(x)·y}, value and gradient with {@link Gradient}. */
  public static double[] fValueAndGradGradient(double x, double y) {
    Gradient r = f(Gradient.variable(2, 0, x), Gradient.variable(2, 1, y));
    return new double[] {r.getValue(), r.getPartialDerivative(0), r.getPartialDerivative(1)};
  }

  /** {@code sin(x)·y}, value and gradient with {@link DerivativeStructure} (order 1). */
  public static double[] fValueAndGradStructure(DSFactory factory, double x, double y) {
    DerivativeStructure r = f(factory.variable(0, x), factory.variable(1, y));
    return new double[] {r.getValue(), r.getPartialDerivative(1, 0), r.getPartialDerivative(0, 1)};
  }

  /** {@code log1pexp}'s derivative with {@link UnivariateDerivative1} (the naive formula: no custom rules). */
  public static double log1pexpGrad(double x) {
    return new UnivariateDerivative1(x, 1).exp().add(1).log().getFirstDerivative();
  }

  /** Rosenbrock's full gradient: every element carries an n-vector of partials. */
  public static double[] rosenbrockGrad(double[] x) {
    Gradient[] v = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = Gradient.variable(x.length, i, x[i]);
    }
    return rosenbrock(v, Gradient.constant(x.length, 0)).getGradient();
  }

  /** Rosenbrock's value and directional derivative along {@code dir}, with {@link UnivariateDerivative1}. */
  public static double[] rosenbrockJvp(double[] x, double[] dir) {
    UnivariateDerivative1[] v = new UnivariateDerivative1[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = new UnivariateDerivative1(x[i], dir[i]);
    }
    UnivariateDerivative1 r = rosenbrock(v, new UnivariateDerivative1(0, 0));
    return new double[] {r.getValue(), r.getFirstDerivative()};
  }

  /** The MLP loss' gradient with respect to {@code (w, b)}, {@code w.length + 1} partials per value. */
  public static double[] mlpGradGradient(double[] w, double b, double[] x) {
    int n = w.length + 1;
    Gradient[] wv = new Gradient[w.length];
    for (int j = 0; j < w.length; j++) {
      wv[j] = Gradient.variable(n, j, w[j]);
    }
    return mlp(wv, Gradient.variable(n, w.length, b), x).getGradient();
  }

  /** The same with {@link DerivativeStructure}. */
  public static double[] mlpGradStructure(DSFactory factory, double[] w, double b, double[] x) {
    DerivativeStructure[] wv = new DerivativeStructure[w.length];
    for (int j = 0; j < w.length; j++) {
      wv[j] = factory.variable(j, w[j]);
    }
    // getAllDerivatives() is the value followed by the first-order partials in parameter order
    double[] all = mlp(wv, factory.variable(w.length, b), x).getAllDerivatives();
    return Arrays.copyOfRange(all, 1, all.length);
  }

  /** The Euler workload's gradient with respect to its four parameters. */
  public static double[] eulerGrad(double[] p, double u0, double v0, double dt, int steps) {
    Gradient[] g = new Gradient[4];
    for (int k = 0; k < 4; k++) {
      g[k] = Gradient.variable(4, k, p[k]);
    }
    Gradient u = Gradient.constant(4, u0);
    Gradient v = Gradient.constant(4, v0);
    for (int i = 0; i < steps; i++) {
      Gradient uv = u.multiply(v);
      Gradient du = g[0].multiply(u).subtract(g[1].multiply(uv));
      Gradient dv = g[3].multiply(uv).subtract(g[2].multiply(v));
      u = u.add(du.multiply(dt));
      v = v.add(dv.multiply(dt));
    }
    return u.add(v).getGradient();
  }

  private static <T extends CalculusFieldElement<T>> T f(T x, T y) {
    return x.sin().multiply(y);
  }

  private static <T extends CalculusFieldElement<T>> T rosenbrock(T[] x, T zero) {
    T s = zero;
    for (int i = 0; i < x.length - 1; i++) {
      T a = x[i + 1].subtract(x[i].square());
      T b = x[i].negate().add(1);
      s = s.add(a.square().multiply(100)).add(b.square());
    }
    return s;
  }

  private static <T extends CalculusFieldElement<T>> T mlp(T[] w, T b, double[] x) {
    int dim = w.length;
    T sum = b.getField().getZero();
    for (int i = 0; i < x.length / dim; i++) {
      T z = b;
      for (int j = 0; j < dim; j++) {
        z = z.add(w[j].multiply(x[i * dim + j]));
      }
      sum = sum.add(z.tanh().square());
    }
    return sum;
  }
}
