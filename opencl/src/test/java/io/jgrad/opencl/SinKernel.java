package io.jgrad.opencl;

import com.aparapi.Kernel;
import io.jgrad.runtime.internal.Lanes;

/** A hand-written kernel of the generated shape: {@code out[i] = sin(x[i]) * scale}, plus a loop and a branch. */
final class SinKernel extends Kernel implements Lanes {
  final double[] x;
  final double[] out;
  final double scale;
  final int lanes;

  SinKernel(double[] x, double[] out, double scale) {
    this.x = x;
    this.out = out;
    this.scale = scale;
    this.lanes = x.length;
  }

  static double expected(double x, double scale) {
    double t = x > 1.0 ? Math.sin(x) : 2.0 * Math.cos(x);
    for (int k = 0; k < 3; k++) {
      t = t + Math.exp(-x);
    }
    return t * scale;
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < lanes) {
      lane(i);
    }
  }

  @Override
  public void lane(int i) {
    double v = x[i];
    double t = 0.0;
    if (v > 1.0) {
      t = Math.sin(v);
    } else {
      t = 2.0 * Math.cos(v);
    }
    int k = 0;
    while (k < 3) {
      t = t + Math.exp(-v);
      k++;
    }
    out[i] = t * scale;
  }
}
