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
  /** Euler with checkpoints: number of steps (a million), the same ten time units as the short run. */
  public static final int EULER_LONG_STEPS = 1_000_000;
  /** Euler with checkpoints: step size. */
  public static final double EULER_LONG_DT = 1e-5;
  /** RK4: dimension of the Lorenz-96 state. */
  public static final int RK4_DIM = 16;
  /** RK4: number of steps. */
  public static final int RK4_STEPS = 100;
  /** RK4: step size (one time unit in all). */
  public static final double RK4_DT = 0.01;
  /** RK4: the Lorenz-96 forcing (8: chaotic). */
  public static final double RK4_FORCING = 8;
  /** Recurrent cell: hidden size. */
  public static final int RNN_HIDDEN = 8;
  /** Recurrent cell: input dimension. */
  public static final int RNN_INPUT = 4;
  /** Recurrent cell: sequence length. */
  public static final int RNN_STEPS = 200;
  /** Newton: batch size. */
  public static final int NEWTON_BATCH = 256;
  /** Newton: the coefficient {@code a} of {@code x³ + a·x - c}. */
  public static final double NEWTON_A = 1.5;

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

  /** RK4: the initial state, the forcing's equilibrium {@code y_k = F} perturbed by up to ±1. */
  public static double[] rk4State() {
    double[] y = uniform(new SplittableRandom(5), RK4_DIM, -1, 1);
    for (int i = 0; i < y.length; i++) {
      y[i] += RK4_FORCING;
    }
    return y;
  }

  /** Recurrent cell: {@code W}, {@code H×H} row-major, scaled to keep the recurrence contracting. */
  public static double[] rnnW() {
    return uniform(new SplittableRandom(6), RNN_HIDDEN * RNN_HIDDEN, -0.8 / Math.sqrt(RNN_HIDDEN), 0.8 / Math.sqrt(RNN_HIDDEN));
  }

  /** Recurrent cell: {@code U}, {@code H×D} row-major. */
  public static double[] rnnU() {
    return uniform(new SplittableRandom(7), RNN_HIDDEN * RNN_INPUT, -1 / Math.sqrt(RNN_INPUT), 1 / Math.sqrt(RNN_INPUT));
  }

  /** Recurrent cell: the bias. */
  public static double[] rnnB() {
    return uniform(new SplittableRandom(8), RNN_HIDDEN, -0.1, 0.1);
  }

  /** Recurrent cell: the inputs, step {@code t} at {@code [t*D, (t+1)*D)}. */
  public static double[] rnnInputs() {
    return uniform(new SplittableRandom(9), RNN_STEPS * RNN_INPUT, -1, 1);
  }

  /** Newton: the right-hand sides {@code c}, in {@code [0.1, 30)} so that the trip counts vary. */
  public static double[] newtonTargets() {
    return uniform(new SplittableRandom(10), NEWTON_BATCH, 0.1, 30);
  }

  private static double[] uniform(SplittableRandom random, int n, double lo, double hi) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble(lo, hi);
    }
    return x;
  }
}
