package io.jgrad.bench.peer;

import java.util.Map;
import net.finmath.montecarlo.RandomVariableFromDoubleArray;
import net.finmath.montecarlo.automaticdifferentiation.RandomVariableDifferentiable;
import net.finmath.montecarlo.automaticdifferentiation.backward.RandomVariableDifferentiableAAD;
import net.finmath.stochastic.RandomVariable;

/**
 * The workloads in finmath-lib's adjoint AD ({@link RandomVariableDifferentiableAAD}): each
 * operation records a node, {@code getGradient()} runs the backward sweep. Scalars are random
 * variables with one realization; the MLP uses finmath's own strength, one random variable whose
 * realizations are the samples.
 */
public final class FinmathPeer {
  private FinmathPeer() {}

  /** {@code sin(x)·y}: value and both partials. */
  public static double[] fValueAndGrad(double x, double y) {
    RandomVariableDifferentiableAAD xv = RandomVariableDifferentiableAAD.of(x);
    RandomVariableDifferentiableAAD yv = RandomVariableDifferentiableAAD.of(y);
    RandomVariable r = xv.sin().mult(yv);
    Map<Long, RandomVariable> g = gradient(r);
    return new double[] {r.getAverage(), partial(g, xv), partial(g, yv)};
  }

  /** {@code log1pexp}'s derivative (the naive formula: finmath has no custom rules). */
  public static double log1pexpGrad(double x) {
    RandomVariableDifferentiableAAD xv = RandomVariableDifferentiableAAD.of(x);
    return partial(gradient(xv.exp().add(1).log()), xv);
  }

  /** Rosenbrock's full gradient, one scalar node per operation. */
  public static double[] rosenbrockGrad(double[] x) {
    RandomVariableDifferentiableAAD[] v = new RandomVariableDifferentiableAAD[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = RandomVariableDifferentiableAAD.of(x[i]);
    }
    RandomVariable s = RandomVariableDifferentiableAAD.of(0.0);
    for (int i = 0; i < x.length - 1; i++) {
      RandomVariable a = v[i + 1].sub(v[i].squared());
      RandomVariable b = v[i].mult(-1).add(1);
      s = s.add(a.squared().mult(100)).add(b.squared());
    }
    Map<Long, RandomVariable> g = gradient(s);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = partial(g, v[i]);
    }
    return out;
  }

  /**
   * The MLP loss' gradient; {@code columns[j]} holds feature {@code j} of every sample, so each
   * operation works on all samples at once. finmath has no {@code tanh}: it is built from {@code exp}.
   */
  public static double[] mlpGrad(double[] w, double b, RandomVariable[] columns) {
    RandomVariableDifferentiableAAD[] wv = new RandomVariableDifferentiableAAD[w.length];
    RandomVariable z = RandomVariableDifferentiableAAD.of(b);
    RandomVariableDifferentiableAAD bv = (RandomVariableDifferentiableAAD) z;
    for (int j = 0; j < w.length; j++) {
      wv[j] = RandomVariableDifferentiableAAD.of(w[j]);
      z = z.add(wv[j].mult(columns[j]));
    }
    RandomVariable e = z.mult(2).exp();
    RandomVariable t = e.sub(1).div(e.add(1));
    RandomVariable loss = t.squared().average().mult(columns[0].size());
    Map<Long, RandomVariable> g = gradient(loss);
    double[] out = new double[w.length + 1];
    for (int j = 0; j < w.length; j++) {
      out[j] = partial(g, wv[j]);
    }
    out[w.length] = partial(g, bv);
    return out;
  }

  /** Feature columns of row-major samples, the layout {@link #mlpGrad} works on. */
  public static RandomVariable[] columns(double[] x, int dim) {
    int samples = x.length / dim;
    RandomVariable[] columns = new RandomVariable[dim];
    for (int j = 0; j < dim; j++) {
      double[] c = new double[samples];
      for (int i = 0; i < samples; i++) {
        c[i] = x[i * dim + j];
      }
      columns[j] = new RandomVariableFromDoubleArray(0.0, c);
    }
    return columns;
  }

  /** The Euler workload's gradient with respect to its four parameters. */
  public static double[] eulerGrad(double[] p, double u0, double v0, double dt, int steps) {
    RandomVariableDifferentiableAAD[] pv = new RandomVariableDifferentiableAAD[4];
    for (int k = 0; k < 4; k++) {
      pv[k] = RandomVariableDifferentiableAAD.of(p[k]);
    }
    RandomVariable u = new RandomVariableFromDoubleArray(u0);
    RandomVariable v = new RandomVariableFromDoubleArray(v0);
    for (int i = 0; i < steps; i++) {
      RandomVariable uv = u.mult(v);
      RandomVariable du = pv[0].mult(u).sub(pv[1].mult(uv));
      RandomVariable dv = pv[3].mult(uv).sub(pv[2].mult(v));
      u = u.add(du.mult(dt));
      v = v.add(dv.mult(dt));
    }
    Map<Long, RandomVariable> g = gradient(u.add(v));
    double[] out = new double[4];
    for (int k = 0; k < 4; k++) {
      out[k] = partial(g, pv[k]);
    }
    return out;
  }

  private static Map<Long, RandomVariable> gradient(RandomVariable result) {
    return ((RandomVariableDifferentiable) result).getGradient();
  }

  /** A partial derivative; finmath leaves out the variables the result does not depend on. */
  private static double partial(Map<Long, RandomVariable> gradient, RandomVariableDifferentiable variable) {
    RandomVariable d = gradient.get(variable.getID());
    return d == null ? 0 : d.getAverage();
  }
}
