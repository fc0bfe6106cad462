package io.jgrad.sample;

import io.jgrad.runtime.Dual;
import io.jgrad.runtime.ScalarVjp;
import java.io.File;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;

/**
 * JAX's notebook "Custom derivative rules for Python code" in Java: prints each of its results as
 * {@code label = value}, in double precision, and writes clip_gradient.png.
 */
public final class SeedNotebook {
  private SeedNotebook() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");

    System.out.println("# TL;DR: the same f as a plain @Differentiable function (no custom rule)");
    print("f(2., 3.)", PlainExamples.f(2, 3));
    Dual plain = PlainExamplesDerivatives.fJvp(2, 3, 1, 0);
    print("jvp(f, (2., 3.), (1., 0.)).value", plain.value());
    print("jvp(f, (2., 3.), (1., 0.)).tangent", plain.tangent());
    print("grad(f)(2., 3.)", PlainExamplesDerivatives.fGrad(2, 3).x());
    print("grad(f, 1)(2., 3.)", PlainExamplesDerivatives.fGrad(2, 3).y());

    System.out.println("# TL;DR: custom_jvp with defjvp");
    print("f(2., 3.)", CustomExamples.f(2, 3));
    Dual d = CustomExamplesDerivatives.fJvp(2, 3, 1, 0);
    print("jvp(f, (2., 3.), (1., 0.)).value", d.value());
    print("jvp(f, (2., 3.), (1., 0.)).tangent", d.tangent());
    print("grad(f)(2., 3.)", CustomExamplesDerivatives.fGrad(2, 3).x());

    System.out.println("# TL;DR: defjvps");
    Dual g = CustomExamplesDerivatives.gJvp(2, 3, 1, 0);
    print("jvp(f, (2., 3.), (1., 0.)).value", g.value());
    print("jvp(f, (2., 3.), (1., 0.)).tangent", g.tangent());
    print("grad(f)(2., 3.)", CustomExamplesDerivatives.gGrad(2, 3).x());

    System.out.println("# TL;DR: custom_vjp");
    print("grad(f)(2., 3.)", CustomExamplesDerivatives.hGrad(2, 3).x());

    System.out.println("# Numerical stability");
    print("log1pexp(3.)", PlainExamples.log1pexp(3.0));
    print("grad(log1pexp)(3.)", PlainExamplesDerivatives.log1pexpGrad(3.0));
    // The naive log(1 + exp(x)) has gradient exp(x) / (1 + exp(x)) = inf / inf = NaN once exp
    // overflows: the failure the notebook shows at 100. in float32 comes at 710 and beyond in double.
    print("grad(naive log1pexp)(1000.)", PlainExamplesDerivatives.log1pexpGrad(1000.0));
    print("grad(log1pexp with custom_jvp)(100.)", CustomExamplesDerivatives.log1pexpGrad(100.0));
    print("grad(log1pexp with custom_jvp)(1000.)", CustomExamplesDerivatives.log1pexpGrad(1000.0));
    print("grad(log1pexp with custom_jvp)(3.)", CustomExamplesDerivatives.log1pexpGrad(3.0));
    print("grad(log1pexp with defjvps)(100.)", CustomExamplesDerivatives.log1pexp2Grad(100.0));
    double[] vmapped = new double[3];
    BatchedExamplesDerivatives.log1pexpGradBatch(new double[] {0, 1, 2}, vmapped, io.jgrad.runtime.Backend.JAVA);
    System.out.println("vmap(jit(grad(log1pexp)))(arange(3.)) = " + java.util.Arrays.toString(vmapped));

    System.out.println("# Enforcing a differentiation convention");
    print("grad(x / (1 + sqrt(x)))(0.)", PlainExamplesDerivatives.rootRatioGrad(0.0));
    print("grad(f with custom_jvp)(0.)", CustomExamplesDerivatives.rootRatioGrad(0.0));

    System.out.println("# Gradient clipping");
    for (double t : new double[] {0.0, 1.0, 2.0, 3.0}) {
      print("grad(sin)(" + t + ")", PlainExamplesDerivatives.sinGrad(t));
      print("grad(clip_sin)(" + t + ")", CustomExamplesDerivatives.clipSinGrad(t));
    }
    File plot = new File("clip_gradient.png");
    ClipGradientPlot.write(plot);
    System.out.println("plot = " + plot.getAbsolutePath());

    System.out.println("# Basic usage: custom_jvp");
    print("f(3.)", CustomExamples.loud(3.0));
    Dual loud = CustomExamplesDerivatives.loudJvp(3.0, 1.0);
    print("jvp(f, (3.,), (1.,)).tangent", loud.tangent());
    print("grad(f)(3.)", CustomExamplesDerivatives.loudGrad(3.0));
    print("grad(grad(f))(3.)", CustomExamplesDerivatives.sinLikeHessian(3.0));
    print("grad(f)(1.) with branches", CustomExamplesDerivatives.branchyGrad(1.0));
    print("grad(f)(-1.) with branches", CustomExamplesDerivatives.branchyGrad(-1.0));
    print("grad(f)(2., 3.)", CustomExamplesDerivatives.squareTimesGrad(2, 3).x());
    print("grad(f, 1)(2., 3.)", CustomExamplesDerivatives.squareTimesGrad(2, 3).y());
    print("grad(f, 1)(2., 3.) with a zero rule", CustomExamplesDerivatives.squareTimesNoYGrad(2, 3).y());

    System.out.println("# Basic usage: custom_vjp");
    print("f(3.)", CustomExamples.loudVjp(3.0));
    print("grad(f)(3.)", CustomExamplesDerivatives.loudVjpGrad(3.0));
    ScalarVjp vjp = CustomExamplesDerivatives.loudVjpVjp(3.0);
    print("vjp(f, 3.).value", vjp.value());
    print("vjp(f, 3.).pullback(1.)", vjp.pullback(1.0));

    ContainerPrints.print();

    System.out.println("# Handling non-differentiable arguments");
    DoubleUnaryOperator cube = x -> x * x * x;
    DoubleUnaryOperator square = x -> x * x;
    DoubleUnaryOperator timesFive = y -> 5 * y;
    print("app(lambda x: x ** 3, 3.)", NonDiffExamples.app(cube, 3.));
    print("grad(app, 1)(lambda x: x ** 3, 3.)", NonDiffExamplesDerivatives.appGrad(cube, 3.));
    print("app2(lambda x: x ** 3, 3., lambda y: 5 * y)", NonDiffExamples.app2(cube, 3., timesFive));
    print("grad(app2, 1)(lambda x: x ** 3, 3., lambda y: 5 * y)",
        NonDiffExamplesDerivatives.app2Grad(cube, 3., timesFive));
    print("custom_vjp app(lambda x: x ** 2, 4.)", NonDiffVjpExamples.app(square, 4.));
    print("custom_vjp grad(app, 1)(lambda x: x ** 2, 4.)", NonDiffVjpExamplesDerivatives.appGrad(square, 4.));

    ImplicitPrints.print();
    VmapOnBackends.print();
  }

  private static void print(String label, double value) {
    System.out.println(label + " = " + value);
  }
}
