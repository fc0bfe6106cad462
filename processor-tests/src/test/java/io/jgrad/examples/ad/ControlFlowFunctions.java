package io.jgrad.examples.ad;

import io.jgrad.annotations.Differentiable;

/** Differentiable functions exercising control flow, locals, casts, calls and arrays, for {@code ReverseForwardTest}. */
final class ControlFlowFunctions {
  private ControlFlowFunctions() {}

  @Differentiable
  static double branch(double x, double y) {
    double z;
    if (x > y) {
      z = x * y;
    } else if (x > -1) {
      z = Math.sin(x) + y * y;
    } else {
      z = Math.exp(y) - x;
    }
    return z * x;
  }

  @Differentiable
  static double earlyReturn(double x, double y) {
    if (x < 0) {
      return x * x * y;
    }
    double e = Math.exp(x * 0.5);
    if (y > 1) {
      return e * y;
    }
    return e + x * y;
  }

  @Differentiable
  static double nestedLoops(double x, double y) {
    double s = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j <= i; j++) {
        s = s * 0.5 + x * i + y * j + Math.sin(x * y + j);
      }
    }
    return s;
  }

  @Differentiable
  static double whileLoop(double x) {
    double v = x;
    int n = 0;
    while (v < 10) {
      v = v * 1.5 + 0.25;
      n++;
    }
    return v * n;
  }

  @Differentiable
  static double ternary(double x, double y) {
    double m = x > y ? x * x : y * 3;
    return m + (y > 0 ? y : -y) * x;
  }

  @Differentiable
  static double compound(double x, double y) {
    double a = x;
    a += y;
    a *= x;
    a -= y * 2;
    a /= 1 + x * x;
    a += Math.cos(a);
    return a;
  }

  @Differentiable
  static double casts(double x, float y) {
    float fy = y * 2f;
    double d = (double) fy * x;
    int k = (int) Math.floor(x);
    float xf = (float) x;
    return d + k * x + xf * xf;
  }

  @Differentiable
  static double varLocals(double x, double y) {
    var a = x * y;
    var b = Math.sin(a);
    var c = b * b + a;
    return c / (1 + y * y);
  }

  @Differentiable
  static double square(double x) {
    return x * x;
  }

  @Differentiable
  static double callsSameClass(double x, double y) {
    return square(x) * branch(y, x) + square(Math.sin(y));
  }

  @Differentiable
  static double callsOtherClass(double x, double y) {
    double p = OtherFunctions.poly(x, y);
    return p * x + OtherFunctions.poly(y, 2.0);
  }

  @Differentiable
  static double arrayIndexed(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] * (i + 1);
    }
    return s + Math.sin(x[0] * x[x.length - 1]);
  }

  @Differentiable
  static double arrayForEach(double[] x, double scale) {
    double s = 0;
    for (double v : x) {
      s += Math.exp(v * scale);
    }
    return Math.log(s);
  }

  /** A non-differentiable helper returning an int: its value steers the computation. */
  static int bucket(double x) {
    return x > 1 ? 3 : 1;
  }

  /** A non-differentiable boolean helper. */
  static boolean positive(double x) {
    return x > 0;
  }

  @Differentiable
  static double intHelpers(double x, double y) {
    int n = bucket(x);
    if (positive(y)) {
      return x * n * y;
    }
    return x * n + y;
  }

  @Differentiable
  static double printing(double x) {
    System.out.println("start");
    double y = x * x;
    System.out.println(y);
    y = Math.sin(y);
    System.out.println("end");
    return y;
  }

  @Differentiable(wrt = "x")
  static double onlyX(double x, double y) {
    return x * x * y + Math.sin(y);
  }
}
