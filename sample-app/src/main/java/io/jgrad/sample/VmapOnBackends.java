package io.jgrad.sample;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import java.util.Arrays;

/** Prints the notebook's vmap results from generated kernels on every backend this machine has. */
final class VmapOnBackends {
  private VmapOnBackends() {}

  static void print() {
    System.out.println("# vmap: batched kernels on every backend (OpenCL device: " + Batch.openClStatus() + ")");
    double[] arange3 = {0.0, 1.0, 2.0};
    for (Backend backend : Backend.values()) {
      if (backend == Backend.OPENCL && !Batch.openClAvailable()) {
        System.out.println("[OPENCL] skipped: " + Batch.openClStatus());
        continue;
      }
      double[] sin = new double[3];
      Backend ran = BatchedExamplesDerivatives.sinBatch(arange3, sin, backend);
      double[] grad = new double[3];
      BatchedExamplesDerivatives.log1pexpGradBatch(arange3, grad, backend);
      double[] clipped = new double[3];
      BatchedExamplesDerivatives.clipSinGradBatch(new double[] {0.0, 2.0, 4.0}, clipped, backend);
      String name = backend == ran ? backend.name() : backend + " → " + ran;
      System.out.println("[" + name + "] vmap(f)(arange(3.)) = " + Arrays.toString(sin));
      System.out.println("[" + name + "] vmap(jit(grad(log1pexp)))(arange(3.)) = " + Arrays.toString(grad));
      System.out.println("[" + name + "] vmap(grad(clip_sin))([0., 2., 4.]) = " + Arrays.toString(clipped));
    }
  }
}
