package io.jgrad.bench;

import java.util.SplittableRandom;

/** The inputs every implementation of a workload receives: fixed seeds, so every run times the same numbers. */
public final class Inputs {
  /** Scalar workloads' point: JAX's notebook's {@code (2, 3)}. */
  public static final double X = 2.0;
  /** Second argument of {@code f(x, y)}. */
  public static final double Y = 3.0;
  /** Where {@code log1pexp}'s gradient is taken, as in JAX's notebook. */
  public static final double LOG1PEXP_X = 3.0;
  /** MLP: sample dimension. */
  public static final int MLP_DIM = 32;
  /** MLP: number of samples. */
  public static final int MLP_SAMPLES = 1000;
  /** Euler: number of steps. */
  public static final int EULER_STEPS = 1000;
  /** Euler: step size (ten time units in all). */
  public static final double EULER_DT = 0.01;
  /** Euler: Lotka–Volterra parameters {@code a, b, c, d}. */
  public static final double[] EULER_PARAMS = {1.1, 0.4, 0.4, 0.1};
  /** Euler: initial prey and predator populations. */
  public static final double EULER_U0 = 10;
  /** Euler: initial predators. */
  public static final double EULER_V0 = 10;

  private Inputs() {}

  /** {@code n} points in the Rosenbrock valley's neighbourhood, {@code [-1.2, 1.2)}. */
  public static double[] rosenbrockPoint(int n) {
    return uniform(new SplittableRandom(1), n, -1.2, 1.2);
  }

  /** A direction for the Rosenbrock JVP. */
  public static double[] rosenbrockDirection(int n) {
    return uniform(new SplittableRandom(2), n, -1, 1);
  }

  /** MLP weights, scaled so that {@code tanh} is not saturated. */
  public static double[] mlpWeights() {
    return uniform(new SplittableRandom(3), MLP_DIM, -1 / Math.sqrt(MLP_DIM), 1 / Math.sqrt(MLP_DIM));
  }

  /** MLP bias. */
  public static double mlpBias() {
    return 0.1;
  }

  /** MLP samples, row-major: sample {@code i} is {@code [i*MLP_DIM, (i+1)*MLP_DIM)}. */
  public static double[] mlpSamples() {
    return uniform(new SplittableRandom(4), MLP_DIM * MLP_SAMPLES, -1, 1);
  }

  private static double[] uniform(SplittableRandom random, int n, double lo, double hi) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble(lo, hi);
    }
    return x;
  }
}
