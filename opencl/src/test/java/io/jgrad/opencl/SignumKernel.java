package io.jgrad.opencl;

import com.aparapi.Kernel;
import io.jgrad.runtime.internal.Lanes;

/** A kernel Aparapi cannot translate ({@code Math.signum}): OPENCL must refuse it, not fall back. */
final class SignumKernel extends Kernel implements Lanes {
  final double[] x;
  final double[] out;

  SignumKernel(double[] x, double[] out) {
    this.x = x;
    this.out = out;
  }

  @Override
  public void run() {
    lane(getGlobalId());
  }

  @Override
  public void lane(int i) {
    out[i] = Math.signum(x[i]);
  }
}
