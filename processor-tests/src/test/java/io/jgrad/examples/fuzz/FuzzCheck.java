package io.jgrad.examples.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.CompiledClasses;
import io.jgrad.processor.JgradProcessor;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.BackendUnavailableException;
import io.jgrad.runtime.Batch;
import io.jgrad.runtime.Dual;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Compiles a generated program with the processor and checks one function at one point: reverse
 * mode against forward mode, forward mode against central finite differences, and for order 2
 * {@code fHessian} against central differences of {@code fGrad} and the pullback functions against
 * {@code fGrad}. A function that reaches a {@code @CustomVjp} rule has no forward mode: its reverse
 * mode (and its {@code fHessian}, by reverse over reverse) is checked against forward mode (and the
 * {@code fHessian}) of its plain twin {@code f_plain}, the same code calling plain functions instead
 * of the rules ({@link FuzzProgram#vjpRules}). A failure is a {@link Failure} naming the check, so
 * the shrinker can ask whether a smaller program fails the same way.
 */
final class FuzzCheck {
  static final String PKG = "fz";
  static final String CLASS = "F";
  private static final java.util.concurrent.atomic.AtomicInteger COMPILATIONS = new java.util.concurrent.atomic.AtomicInteger();

  /** A failed check: which function, where, which kind of check, and what it saw. */
  record Failure(String function, double x, double y, String kind, String detail) {}

  /** A compiled program, ready to be checked. */
  static final class Compiled {
    final Class<?> primal;
    final Class<?> derivatives;
    /** The functions whose kernels also run on OpenCL (when there is an OpenCL device). */
    private final java.util.Set<String> openCl;

    private Compiled(Class<?> primal, Class<?> derivatives, java.util.Set<String> openCl) {
      this.primal = primal;
      this.derivatives = derivatives;
      this.openCl = openCl;
    }
  }

  private FuzzCheck() {}

  /** The compiled program, or empty (with the diagnostics in {@code errors}) when javac rejects it. */
  static Optional<Compiled> compile(FuzzProgram program, StringBuilder errors) throws Exception {
    // -g: Aparapi translates kernels from bytecode with their local variable tables (as Maven compiles).
    // A package of its own per compilation: Aparapi reuses the OpenCL of a kernel class of the same
    // name loaded earlier by another class loader, so every program's kernels need their own names.
    String pkg = PKG + COMPILATIONS.incrementAndGet();
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).withOptions("-g")
        .compile(JavaFileObjects.forSourceString(pkg + "." + CLASS, program.sourceWithOverflowTwins(pkg, CLASS)));
    if (c.status() != Compilation.Status.SUCCESS) {
      errors.append(c.diagnostics());
      return Optional.empty();
    }
    ClassLoader loader = CompiledClasses.loader(c);
    // Two functions per program through OpenCL keep the fuzz run short: f0, and the first whose
    // gradient kernel is reverse mode through a @CustomVjp rule written as code (often f0 itself).
    java.util.Set<String> openCl = new java.util.HashSet<>();
    openCl.add("f0");
    program.openClVjpFunction().ifPresent(openCl::add);
    return Optional.of(new Compiled(loader.loadClass(pkg + "." + CLASS), loader.loadClass(pkg + "." + CLASS + "Derivatives"),
        openCl));
  }

  /**
   * Whether javac rejects the program only in generated code: the program itself is valid Java (a
   * shrinking step that removes a declaration still in use breaks the program, not jgrad).
   */
  static boolean onlyGeneratedCodeFails(FuzzProgram program) {
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor())
        .compile(JavaFileObjects.forSourceString(PKG + "." + CLASS, program.source(PKG, CLASS)));
    return c.status() == Compilation.Status.FAILURE && c.errors().stream()
        .allMatch(d -> d.getSource() != null && d.getSource().getName().contains("Derivatives"));
  }

  /** Checks {@code f} at (x, y); {@code order} 2 adds the Hessian check, 3 the third derivatives'. */
  static Optional<Failure> check(Compiled c, String f, int order, double x, double y) throws Exception {
    Method declared = java.util.Arrays.stream(c.primal.getDeclaredMethods()).filter(m -> m.getName().equals(f))
        .findFirst().orElseThrow();
    if (declared.getParameterCount() != 2 || declared.getReturnType() != double.class) {
      return ContainerFunctionCheck.check(c, declared, order, x, y); // a function of an array or record
    }
    Method value = c.primal.getDeclaredMethod(f, double.class, double.class);
    value.setAccessible(true);
    if (!Double.isFinite((double) value.invoke(null, x, y))) {
      return Optional.empty(); // overflowed past double's range (exp of exp): nothing finite to compare
    }
    double[] reverse = grad(c, f, x, y);
    // A function that reaches a @CustomVjp rule has reverse mode only: forward mode is its plain twin's.
    boolean reachesVjp = !hasMethod(c, f + "Jvp");
    String forwardOf = reachesVjp ? f + "_plain" : f;
    String twin = reachesVjp ? " of the plain twin" : "";
    Method jvp = c.derivatives.getMethod(forwardOf + "Jvp", double.class, double.class, double.class, double.class);
    for (int jj = 0; jj < 2; jj++) {
      int j = jj;
      double forward = ((Dual) jvp.invoke(null, x, y, j == 0 ? 1.0 : 0.0, j == 1 ? 1.0 : 0.0)).tangent();
      String dj = "d/d" + (j == 0 ? "x" : "y");
      if ((!Double.isFinite(forward) || !Double.isFinite(reverse[j])) && overflows(c, f, x, y)) {
        continue; // a value past double's range poisons the derivatives, as documented (0 · ∞ = NaN)
      }
      if (!Double.isFinite(forward)) {
        return Optional.of(new Failure(f, x, y, "non-finite forward" + twin + " " + dj, "forward " + forward
            + " with no value out of double's range"));
      }
      if (!(Math.abs(reverse[j] - forward) <= 1e-9 * (1 + Math.abs(forward)))) {
        return Optional.of(new Failure(f, x, y, "reverse vs forward" + twin + " " + dj, "reverse " + reverse[j]
            + ", forward" + twin + " " + forward));
      }
      double fd = central(h -> (double) value.invoke(null, x + (j == 0 ? h : 0), y + (j == 1 ? h : 0)));
      if (Double.isFinite(fd) && Math.abs(fd) < 1e6 && !nearKink(h -> (double) value.invoke(null,
          x + (j == 0 ? h : 0), y + (j == 1 ? h : 0)))
          && !(Math.abs(forward - fd) <= 1e-4 * (1 + Math.abs(fd)))) {
        return Optional.of(new Failure(f, x, y, "forward" + twin + " vs finite differences " + dj,
            "forward" + twin + " " + forward + ", finite differences " + fd));
      }
    }
    Optional<Failure> kernel = checkKernels(c, f, x, y, reverse, c.openCl.contains(f) && Batch.openClAvailable()
        ? Backend.OPENCL : Backend.JAVA);
    if (kernel.isPresent()) {
      return kernel;
    }
    if (order < 2) {
      return checkSnapshot(c, f, x, y, reverse);
    }
    Optional<Failure> pullbacks = checkPullbacks(c, f, x, y, reverse);
    if (pullbacks.isPresent()) {
      return pullbacks;
    }
    Optional<Failure> hessian = checkHessian(c, f, x, y);
    if (hessian.isPresent() || order == 3) {
      return hessian.isPresent() ? hessian : ThirdOrderCheck.check(c, f, x, y);
    }
    return reachesVjp ? checkHessianAgainstTwin(c, f, x, y) : hessian;
  }

  /**
   * {@code fVjp}, then the field {@code rate} changes (a learning-rate schedule), then the pullback:
   * the value and the gradient are still those at the value {@code fVjp} saw, read once in the
   * forward sweep ({@code reverse}, computed before the change).
   */
  private static Optional<Failure> checkSnapshot(Compiled c, String f, double x, double y, double[] reverse)
      throws Exception {
    java.lang.reflect.Field rate = c.primal.getDeclaredField("rate");
    rate.setAccessible(true);
    double old = rate.getDouble(null);
    Method value = c.primal.getDeclaredMethod(f, double.class, double.class);
    value.setAccessible(true);
    double expected = (double) value.invoke(null, x, y);
    io.jgrad.runtime.Vjp<?> vjp = (io.jgrad.runtime.Vjp<?>) c.derivatives.getMethod(f + "Vjp", double.class,
        double.class).invoke(null, x, y);
    Object g;
    try {
      rate.setDouble(null, 1.7 * old + 0.2);
      g = vjp.pullback(1.0);
    } finally {
      rate.setDouble(null, old);
    }
    double[] pulled = {(double) g.getClass().getMethod("x").invoke(g), (double) g.getClass().getMethod("y").invoke(g)};
    for (int j = 0; j < 2; j++) {
      boolean same = Double.compare(pulled[j], reverse[j]) == 0
          || Math.abs(pulled[j] - reverse[j]) <= 1e-12 * (1 + Math.abs(reverse[j]));
      if (!same) {
        return Optional.of(new Failure(f, x, y, "pullback after rate changed d/d" + (j == 0 ? "x" : "y"),
            "pullback " + pulled[j] + ", fGrad before the change " + reverse[j]));
      }
    }
    // Within rounding: a derivative call's number in fVjp comes from the callee's tangent function, in
    // f from the entry point the body calls (fValueAndGrad's reverse mode), an ulp apart (seed 3).
    if (!(Math.abs(vjp.value() - expected) <= 1e-12 * (1 + Math.abs(expected)))) {
      return Optional.of(new Failure(f, x, y, "fVjp value", "fVjp " + vjp.value() + ", f " + expected));
    }
    return Optional.empty();
  }

  private static boolean hasMethod(Compiled c, String name) {
    return java.util.Arrays.stream(c.derivatives.getMethods()).anyMatch(m -> m.getName().equals(name));
  }

  /**
   * The pullback functions of an order-2 function ({@code fPullbackX(x, y, g)}, the first-order
   * pullback as a function, which reverse over reverse differentiates) against {@code g · fGrad}: the
   * fuzzer's rules are linear in the cotangent, as true derivatives are. A function with a local
   * array has none (its second derivatives are forward over forward).
   */
  private static Optional<Failure> checkPullbacks(Compiled c, String f, double x, double y, double[] reverse)
      throws Exception {
    double g = -0.7;
    // The pullback functions are for generated callers: in the nested class Internal.
    Class<?> internal = Class.forName(c.derivatives.getName() + "$Internal", true, c.derivatives.getClassLoader());
    if (java.util.Arrays.stream(internal.getMethods()).noneMatch(m -> m.getName().equals(f + "PullbackX"))) {
      return Optional.empty();
    }
    for (int j = 0; j < 2; j++) {
      String name = f + "Pullback" + (j == 0 ? "X" : "Y");
      double pullback = (double) internal.getMethod(name, double.class, double.class, double.class)
          .invoke(null, x, y, g);
      if ((!Double.isFinite(pullback) || !Double.isFinite(reverse[j])) && overflows(c, f, x, y)) {
        continue;
      }
      if (!(Math.abs(pullback - g * reverse[j]) <= 1e-9 * (1 + Math.abs(g * reverse[j])))) {
        return Optional.of(new Failure(f, x, y, name.substring(f.length()) + " vs fGrad",
            name + "(x, y, " + g + ") " + pullback + ", " + g + " * fGrad " + g * reverse[j]));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code fHessian} by reverse over reverse through the rules against the plain twin's
   * {@code fHessian} (forward over reverse through plain functions): both exact, so the tolerance is
   * rounding's.
   */
  private static Optional<Failure> checkHessianAgainstTwin(Compiled c, String f, double x, double y)
      throws Exception {
    double[][] hessian = hessian(c, f, x, y);
    double[][] plain = hessian(c, f + "_plain", x, y);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        if ((!Double.isFinite(hessian[i][j]) || !Double.isFinite(plain[i][j])) && overflows(c, f, x, y)) {
          continue;
        }
        if (!(Math.abs(hessian[i][j] - plain[i][j]) <= 1e-9 * (1 + Math.abs(plain[i][j])))) {
          return Optional.of(new Failure(f, x, y, "hessian vs the plain twin's hessian [" + i + "][" + j + "]",
              "fHessian " + hessian[i][j] + ", f_plainHessian " + plain[i][j]));
        }
      }
    }
    return Optional.empty();
  }

  static double[][] hessian(Compiled c, String f, double x, double y) throws Exception {
    return (double[][]) c.derivatives.getMethod(f + "Hessian", double.class, double.class).invoke(null, x, y);
  }

  /**
   * The batched kernels at (x, y) against the scalar code: {@code fBatch} against {@code f},
   * {@code fJvpBatch} against {@code fJvp}, and {@code fGradBatch} (forward mode, calls inlined)
   * against {@code fGrad} (reverse mode); for a function that reaches a {@code @CustomVjp} rule,
   * {@code fGradBatch} is its reverse mode written as code, with the rules' {@code fwd} and {@code bwd}
   * spliced in. JAVA runs the lane code the other backends run; two functions per program also go
   * through OpenCL, where the lane is translated ({@link Compiled#openCl}).
   */
  private static Optional<Failure> checkKernels(Compiled c, String f, double x, double y, double[] reverse,
      Backend backend) throws Exception {
    if (!hasMethod(c, f + "GradBatch")) {
      return Optional.empty(); // a function with a local array or record is not batched
    }
    double[] xs = {x};
    double[] ys = {y};
    double[] out = new double[1];
    double[] xGrad = new double[1];
    double[] yGrad = new double[1];
    try {
      c.derivatives.getMethod(f + "GradBatch", double[].class, double[].class, double[].class, double[].class,
          Backend.class).invoke(null, xs, ys, xGrad, yGrad, backend);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof BackendUnavailableException u) {
        return Optional.of(new Failure(f, x, y, "fGradBatch refused by " + backend, u.getMessage()));
      }
      throw e;
    }
    Optional<Failure> batched = compareGradients(c, f, x, y, new double[] {xGrad[0], yGrad[0]}, reverse,
        "fGradBatch on " + backend);
    if (batched.isPresent()) {
      return batched;
    }
    Optional<double[]> device = deviceLane(c, f, x, y);
    Optional<Failure> recomputed = device.isEmpty() ? Optional.empty()
        : compareGradients(c, f, x, y, device.get(), reverse, "deviceLane (the lane OpenCL runs) on the JVM");
    if (recomputed.isPresent()) {
      return recomputed;
    }
    if (backend != Backend.JAVA) {
      return Optional.empty(); // one or two OpenCL kernels per program keep the fuzz run short
    }
    Method value = c.primal.getDeclaredMethod(f, double.class, double.class);
    value.setAccessible(true);
    double want = (double) value.invoke(null, x, y);
    c.derivatives.getMethod(f + "Batch", double[].class, double[].class, double[].class, Backend.class)
        .invoke(null, xs, ys, out, backend);
    if (!(Math.abs(out[0] - want) <= 1e-12 * (1 + Math.abs(want)))) {
      return Optional.of(new Failure(f, x, y, "fBatch vs f", "kernel " + out[0] + ", f " + want));
    }
    if (!hasMethod(c, f + "JvpBatch")) {
      return Optional.empty(); // it reaches a @CustomVjp rule: no forward mode, so no fJvpBatch
    }
    double[] outTangent = new double[1];
    c.derivatives.getMethod(f + "JvpBatch", double[].class, double[].class, double[].class, double[].class,
        double[].class, double[].class, Backend.class).invoke(null, xs, ys, new double[] {0.5}, new double[] {-1.5},
        out, outTangent, backend);
    double tangent = ((Dual) c.derivatives.getMethod(f + "Jvp", double.class, double.class, double.class, double.class)
        .invoke(null, x, y, 0.5, -1.5)).tangent();
    if (Double.isFinite(tangent) && !(Math.abs(outTangent[0] - tangent) <= 1e-12 * (1 + Math.abs(tangent)))) {
      return Optional.of(new Failure(f, x, y, "fJvpBatch vs fJvp", "kernel " + outTangent[0] + ", fJvp " + tangent));
    }
    return Optional.empty();
  }

  private static Optional<Failure> compareGradients(Compiled c, String f, double x, double y, double[] kernel,
      double[] reverse, String what) throws Exception {
    for (int j = 0; j < 2; j++) {
      if ((!Double.isFinite(kernel[j]) || !Double.isFinite(reverse[j])) && overflows(c, f, x, y)) {
        continue; // the documented poisoning (reverse mode NaN, or a kernel's ∞) where a value overflowed
      }
      if (!(Math.abs(kernel[j] - reverse[j]) <= 1e-9 * (1 + Math.abs(reverse[j])))) {
        return Optional.of(new Failure(f, x, y, what + " vs fGrad d/d" + (j == 0 ? "x" : "y"),
            "kernel " + kernel[j] + ", reverse " + reverse[j]));
      }
    }
    return Optional.empty();
  }

  /**
   * The gradient at (x, y) by the kernel's {@code deviceLane}, run on the JVM: the lane OpenCL runs
   * where it recomputes loops (the CPU backends then call {@code fGrad}); empty for other kernels.
   */
  private static Optional<double[]> deviceLane(Compiled c, String f, double x, double y) throws Exception {
    String name = Character.toUpperCase(f.charAt(0)) + f.substring(1) + "GradBatchKernel";
    for (Class<?> kernel : c.derivatives.getDeclaredClasses()) {
      if (kernel.getSimpleName().equals(name)
          && java.util.Arrays.stream(kernel.getMethods()).anyMatch(m -> m.getName().equals("deviceLane"))) {
        double[] xGrad = new double[1];
        double[] yGrad = new double[1];
        java.lang.reflect.Constructor<?> make = kernel.getDeclaredConstructor(int.class, double[].class,
            double[].class, double[].class, double[].class);
        make.setAccessible(true);
        Method lane = kernel.getMethod("deviceLane", int.class);
        lane.setAccessible(true);
        lane.invoke(make.newInstance(1, new double[] {x}, new double[] {y}, xGrad, yGrad), 0);
        return Optional.of(new double[] {xGrad[0], yGrad[0]});
      }
    }
    return Optional.empty();
  }

  /** Each Hessian entry H[i][j] against the central difference of gradient component j along i. */
  private static Optional<Failure> checkHessian(Compiled c, String f, double x, double y) throws Exception {
    double[][] hessian = hessian(c, f, x, y);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        int ii = i;
        int jj = j;
        Step g = h -> grad(c, f, x + (ii == 0 ? h : 0), y + (ii == 1 ? h : 0))[jj];
        double fd = central(g);
        if (!Double.isFinite(hessian[i][j]) && overflows(c, f, x, y)) {
          continue;
        }
        if (!Double.isFinite(fd) || Math.abs(fd) > 1e6 || nearKink(g)) {
          continue;
        }
        if (!(Math.abs(hessian[i][j] - fd) <= 1e-4 * (1 + Math.abs(fd)))) {
          return Optional.of(new Failure(f, x, y, "hessian vs finite differences of the gradient [" + i + "][" + j + "]",
              "fHessian " + hessian[i][j] + ", finite differences " + fd));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether any value {@code f} computes at (x, y), its callees' included, leaves double's range. */
  static boolean overflows(Compiled c, String f, double x, double y) throws Exception {
    return overflows(c, c.primal.getDeclaredMethod(f + "_overflow", double.class, double.class), x, y);
  }

  /** Whether the overflow twin {@code twin} sees a value leave double's range at {@code args}. */
  static boolean overflows(Compiled c, Method twin, Object... args) throws Exception {
    java.lang.reflect.Field flag = c.primal.getDeclaredField("overflowed");
    flag.setAccessible(true);
    flag.setBoolean(null, false);
    twin.setAccessible(true);
    twin.invoke(null, args);
    return flag.getBoolean(null);
  }

  /** Reverse mode's d/dx of {@code f} at (x, y). */
  static double reverseX(Compiled c, String f, double x, double y) throws Exception {
    return grad(c, f, x, y)[0];
  }

  private static double[] grad(Compiled c, String f, double x, double y) throws Exception {
    Object g = c.derivatives.getMethod(f + "Grad", double.class, double.class).invoke(null, x, y);
    return new double[] {(double) g.getClass().getMethod("x").invoke(g), (double) g.getClass().getMethod("y").invoke(g)};
  }

  /** A function of the step along one coordinate. */
  @FunctionalInterface
  interface Step {
    double at(double h) throws Exception;
  }

  static double central(Step s) throws Exception {
    double h = 1e-6;
    return (s.at(h) - s.at(-h)) / (2 * h);
  }

  /** A branch, abs or max switching within the finite-difference step: one-sided slopes disagree. */
  static boolean nearKink(Step s) throws Exception {
    double h = 1e-6;
    double left = (s.at(0) - s.at(-h)) / h;
    double right = (s.at(h) - s.at(0)) / h;
    return Math.abs(left - right) > 1e-3 * (1 + Math.abs(left));
  }
}
