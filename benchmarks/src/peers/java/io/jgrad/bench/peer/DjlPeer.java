package io.jgrad.bench.peer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The workloads in DJL on the PyTorch engine (eager mode, float64): arrays created under a
 * per-call sub-manager, {@code GradientCollector.backward}, gradients read back into Java.
 */
public final class DjlPeer {
  private DjlPeer() {}

  /** {@code sin(x)·y}: value, ∂/∂x, ∂/∂y. */
  public static double[] fValueAndGrad(NDManager root, double x, double y) {
    try (NDManager m = root.newSubManager(); GradientCollector gc = collector()) {
      NDArray xa = variable(m.create(x));
      NDArray ya = variable(m.create(y));
      NDArray out = xa.sin().mul(ya);
      gc.backward(out);
      return new double[] {out.getDouble(), xa.getGradient().getDouble(), ya.getGradient().getDouble()};
    }
  }

  /** {@code log(1 + e^x)}'s derivative through the plain formula. */
  public static double log1pexpGrad(NDManager root, double x) {
    try (NDManager m = root.newSubManager(); GradientCollector gc = collector()) {
      NDArray xa = variable(m.create(x));
      gc.backward(xa.exp().add(1).log());
      return xa.getGradient().getDouble();
    }
  }

  /** Rosenbrock's gradient, vectorised with slices. */
  public static double[] rosenbrockGrad(NDManager root, double[] x) {
    int n = x.length;
    try (NDManager m = root.newSubManager(); GradientCollector gc = collector()) {
      NDArray xa = variable(m.create(x));
      NDArray head = xa.get(new NDIndex("0:" + (n - 1)));
      NDArray tail = xa.get(new NDIndex("1:"));
      NDArray a = tail.sub(head.square());
      NDArray b = head.neg().add(1);
      gc.backward(a.square().mul(100).add(b.square()).sum());
      return xa.getGradient().toDoubleArray();
    }
  }

  /** The MLP loss' gradient; {@code samples} is a {@code (samples, dim)} array made once by the caller. */
  public static double[] mlpGrad(NDManager root, double[] w, double b, NDArray samples) {
    try (NDManager m = root.newSubManager(); GradientCollector gc = collector()) {
      NDArray wa = variable(m.create(w));
      NDArray ba = variable(m.create(b));
      NDArray z = samples.matMul(wa.reshape(new Shape(w.length, 1))).add(ba);
      gc.backward(z.tanh().square().sum());
      double[] out = new double[w.length + 1];
      System.arraycopy(wa.getGradient().toDoubleArray(), 0, out, 0, w.length);
      out[w.length] = ba.getGradient().getDouble();
      return out;
    }
  }

  /** The Euler workload's gradient: 1,000 steps of eager scalar operations. */
  public static double[] eulerGrad(NDManager root, double[] p, double u0, double v0, double dt, int steps) {
    try (NDManager m = root.newSubManager(); GradientCollector gc = collector()) {
      NDArray[] pa = new NDArray[4];
      for (int k = 0; k < 4; k++) {
        pa[k] = variable(m.create(p[k]));
      }
      NDArray u = m.create(u0);
      NDArray v = m.create(v0);
      for (int i = 0; i < steps; i++) {
        NDArray uv = u.mul(v);
        NDArray du = pa[0].mul(u).sub(pa[1].mul(uv));
        NDArray dv = pa[3].mul(uv).sub(pa[2].mul(v));
        u = u.add(du.mul(dt));
        v = v.add(dv.mul(dt));
      }
      gc.backward(u.add(v));
      double[] out = new double[4];
      for (int k = 0; k < 4; k++) {
        out[k] = pa[k].getGradient().getDouble();
      }
      return out;
    }
  }

  /**
   * The PyTorch engine's root manager. The engine reads these properties once, when it starts:
   * one intra-op and one inter-op thread, and no network (the native library comes from the jar).
   */
  public static NDManager manager() {
    System.getProperties().putIfAbsent("ai.djl.pytorch.num_threads", "1");
    System.getProperties().putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    System.getProperties().putIfAbsent("ai.djl.offline", "true");
    return Engine.getEngine("PyTorch").newBaseManager();
  }

  private static GradientCollector collector() {
    return Engine.getEngine("PyTorch").newGradientCollector();
  }

  private static NDArray variable(NDArray a) {
    a.setRequiresGradient(true);
    return a;
  }
}
