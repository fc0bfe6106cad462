package io.jgrad.examples.loops;

import io.jgrad.annotations.Differentiable;

/**
 * Loops reverse mode runs backwards over their counters, with what each trip computed computed
 * again, taped once per trip, or (where it cannot be) taped as it was; and loops it cannot run so.
 */
final class CountedLoops {
  private CountedLoops() {}

  /** x re-read at i and i + 1: no tape at all. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  /** {@code i <= end} and the mirrored {@code end > i}. */
  @Differentiable
  static double boundsWritten(double[] x) {
    double s = 0;
    for (int i = 1; i <= x.length - 1; i++) {
      s += x[i] * x[i - 1];
    }
    for (int i = 0; x.length > i; ++i) {
      s += Math.sin(x[i]) * i;
    }
    return s;
  }

  /** An inner loop whose bound is the outer counter. */
  @Differentiable
  static double triangular(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < i; j++) {
        s += x[i] * x[j] * Math.sin(x[j] + i);
      }
    }
    return s;
  }

  /** State carried from trip to trip (an Euler step): taped once per trip, at its start. */
  @Differentiable
  static double euler(double[] x) {
    double u = x[0];
    double v = x[1];
    for (int i = 0; i < 50; i++) {
      double du = x[2] * u - x[3] * u * v;
      double dv = x[4] * u * v - x[5] * v;
      u += 0.01 * du;
      v += 0.01 * dv;
    }
    return u * v;
  }

  /**
   * A transcendental local in a loop whose trips depend on no other trip: each backward trip
   * computes its trip again, nothing is taped.
   */
  @Differentiable
  static double tanhSquares(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double t = Math.tanh(x[i] * x[0]);
      s += t * t;
    }
    return s;
  }

  /** A branch on the counter. */
  @Differentiable
  static double parity(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (i % 2 == 0) {
        s += x[i] * x[i];
      } else {
        s += Math.exp(x[i]) * s;
      }
    }
    return s;
  }

  /** A carried local read after a branch may have written it: taped where it is read. */
  @Differentiable
  static double writtenInABranch(double[] x) {
    double c = 1;
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0.8) {
        c = c * x[i];
      }
      s += c * x[i];
      c = c + s * 0.1;
    }
    return s;
  }

  /** The bound's local changes after the loop: the bound is kept at the loop's entry. */
  @Differentiable
  static double boundChangedLater(double[] x) {
    int n = x.length - 2;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * x[i + 2];
    }
    n = 1;
    return s * n + x[0];
  }

  /** A while loop with a value-dependent trip count inside a counted loop. */
  @Differentiable
  static double halvings(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double v = x[i] * 3;
      while (v > 1) {
        v = v * 0.5;
      }
      s += v * x[i];
    }
    return s;
  }

  /** A local array written in one loop and read in the next. */
  @Differentiable
  static double throughALocalArray(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i];
    }
    double s = 0;
    for (int i = 1; i < x.length; i++) {
      s += y[i] * y[i - 1] + x[i];
    }
    return s;
  }

  /** A counter stepping by 2 and one counting down: run backwards over their trip counts. */
  @Differentiable
  static double otherSteps(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i += 2) {
      s += x[i] * x[i];
    }
    for (int i = x.length - 1; i >= 0; i--) {
      s = s * 0.5 + x[i];
    }
    return s;
  }

  /** A local computed from the counter and a carried value read after its write. */
  @Differentiable
  static double counterWeights(double[] x) {
    double c = 0;
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double w = i * 0.5 + 1;
      c = c * 0.9 + w * x[i];
      s += c * c / w;
    }
    return s;
  }

  /**
   * An element read into a local the function then changes, and read again: the second read is the
   * element, not the local (fuzz seed 406).
   */
  @Differentiable
  static double readAgainAfterALocalChanged(double[] x) {
    double[] a = new double[3];
    for (int k = 0; k < 3; k++) {
      a[k] = x[0] + k;
    }
    double v = a[1];
    v *= Math.tanh(x[1]);
    return Math.cos(a[1]) * 0.5 + v * x[2];
  }

  /**
   * A stencil over a local state every step overwrites: each stage loop reads three neighbours of
   * an array it does not write, so its backward loop reads a copy taped once per stage.
   */
  @Differentiable
  static double stencilSteps(double[] x) {
    int n = x.length;
    double[] y = new double[n];
    double[] k = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i];
    }
    for (int step = 0; step < 3; step++) {
      for (int i = 0; i < n; i++) {
        k[i] = (y[Math.floorMod(i + 1, n)] - y[Math.floorMod(i - 2, n)]) * y[Math.floorMod(i - 1, n)] - y[i];
      }
      for (int i = 0; i < n; i++) {
        y[i] += 0.1 * k[i];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += y[i] * y[i];
    }
    return s;
  }

  /**
   * A recurrent cell: the state is read in a nested loop (copied once per step) and read back just
   * after it is written ({@code h[i] = tanh(..); s += h[i] * h[i]} reads the local written).
   */
  @Differentiable
  static double recurrent(double[] x) {
    int n = x.length;
    double[] h = new double[n];
    double[] a = new double[n];
    double s = 0;
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < n; i++) {
        double z = x[i] * 0.5;
        for (int j = 0; j < n; j++) {
          z += x[(i + j) % n] * h[j] * 0.3;
        }
        a[i] = z;
      }
      for (int i = 0; i < n; i++) {
        h[i] = Math.tanh(a[i]);
        s += h[i] * h[i];
      }
    }
    return s;
  }

  /**
   * A loop that reads neighbours of the array it writes in place: the old right neighbour and the
   * new left one, so its values are taped as read, not copied.
   */
  @Differentiable
  static double smoothedInPlace(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = x[i] * x[i];
    }
    for (int i = 1; i < x.length - 1; i++) {
      z[i] = z[i - 1] * z[i + 1] * 0.5 + z[i];
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += z[i] * x[i];
    }
    return s;
  }

  /**
   * Independent trips with a loop inside that runs a value-dependent number of times (Newton's
   * method for the cube root of each element): each backward trip computes its trip again on a
   * tape it fills and empties.
   */
  @Differentiable
  static double cubeRoots(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = 1;
      double step = 1;
      int k = 0;
      while (Math.abs(step) > 1e-13 && k < 60) {
        step = (r * r * r - x[i]) / (3 * r * r);
        r -= step;
        k++;
      }
      s += r * x[0];
    }
    return s;
  }

  /** Trips that read a sum the loop carries: not computed again, the sum is taped per trip. */
  @Differentiable
  static double readsItsSum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.sin(x[i] + 0.1 * s);
    }
    return s;
  }

  /**
   * State carried through 37 steps, checkpointed: the state at every 7th step's start is kept, each
   * stretch of steps computed again and run backwards (the last stretch is shorter).
   */
  @Differentiable(checkpointLoops = true)
  static double checkpointedSteps(double[] x) {
    double u = x[0];
    double v = x[1];
    for (int i = 0; i < 37; i++) {
      double du = x[2] * u - x[3] * u * v;
      double dv = x[4] * u * v - Math.sin(v);
      u += 0.01 * du;
      v += 0.01 * dv;
    }
    return u * v;
  }

  /**
   * A checkpointed loop from 2 to n inclusive whose trips read a parameter at the counter and run a
   * loop of their own; then one that runs no trip at all.
   */
  @Differentiable(checkpointLoops = true)
  static double checkpointedFromTwo(double[] x) {
    double s = 1;
    int n = 3 * x.length;
    for (int i = 2; i <= n; i++) {
      double w = 0;
      for (int j = 0; j < 3; j++) {
        w += x[(i + j) % x.length] * s;
      }
      s = 0.5 * s + Math.tanh(w);
    }
    for (int i = 0; i < x.length - 7; i++) {
      s *= s;
    }
    return s;
  }
}
