package io.jgrad.examples.batch;

import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;

/**
 * The notebook's gradient clipping, batched: the kernels run the rule's fwd and bwd as code, on every
 * backend; a rule whose backward pass prints (the notebook's debugging example) keeps its lanes on the CPU.
 */
final class BatchedVjpRules {
  private BatchedVjpRules() {}

  @CustomVjp(fwd = "clipGradientFwd", bwd = "clipGradientBwd")
  static double clipGradient(double lo, double hi, double x) {
    return x;
  }

  static Fwd<double[]> clipGradientFwd(double lo, double hi, double x) {
    return Fwd.of(x, new double[] {lo, hi});
  }

  static BatchedVjpRulesDerivatives.ClipGradientGrad clipGradientBwd(double[] res, double g) {
    return new BatchedVjpRulesDerivatives.ClipGradientGrad(0, 0, Math.max(res[0], Math.min(res[1], g)));
  }

  @Batched
  @Differentiable
  static double clipSin(double x) {
    x = clipGradient(-0.75, 0.75, x);
    return Math.sin(x);
  }

  /** The notebook's print-the-gradient identity: its backward pass prints, which OpenCL cannot. */
  @CustomVjp(fwd = "showGradientFwd", bwd = "showGradientBwd")
  static double showGradient(double x) {
    return x;
  }

  static Fwd<Double> showGradientFwd(double x) {
    return Fwd.of(x, x);
  }

  static double showGradientBwd(Double x, double g) {
    System.out.println("gradient at " + x + " is " + g);
    return g;
  }

  @SuppressWarnings("jgrad.CpuOnlyBatch")
  @Batched
  @Differentiable
  static double showSinGradient(double x) {
    return Math.sin(showGradient(x));
  }
  /** The identity whose backward pass returns null (a zero gradient, JAX's None) where {@code on} is not positive. */
  @CustomVjp(fwd = "gateFwd", bwd = "gateBwd")
  static double gate(double on, double x) {
    return x;
  }

  static Fwd<Double> gateFwd(double on, double x) {
    return Fwd.of(x, on);
  }

  static BatchedVjpRulesDerivatives.GateGrad gateBwd(Double on, double g) {
    if (on <= 0) {
      return null;
    }
    return new BatchedVjpRulesDerivatives.GateGrad(0, g);
  }

  /** {@code gate}'s twin with the zero gradient written out. */
  @CustomVjp(fwd = "gateZerosFwd", bwd = "gateZerosBwd")
  static double gateZeros(double on, double x) {
    return x;
  }

  static Fwd<Double> gateZerosFwd(double on, double x) {
    return Fwd.of(x, on);
  }

  static BatchedVjpRulesDerivatives.GateZerosGrad gateZerosBwd(Double on, double g) {
    if (on <= 0) {
      return new BatchedVjpRulesDerivatives.GateZerosGrad(0, 0);
    }
    return new BatchedVjpRulesDerivatives.GateZerosGrad(0, g);
  }

  @Batched
  @Differentiable
  static double gatedSin(double x) {
    return Math.sin(gate(x - 1, x * x));
  }

  @Batched
  @Differentiable
  static double gatedSinZeros(double x) {
    return Math.sin(gateZeros(x - 1, x * x));
  }
}
