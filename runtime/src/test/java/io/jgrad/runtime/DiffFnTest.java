package io.jgrad.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-written function objects: their default grad, and GradCheck seeing through them. */
class DiffFnTest {
  /** sin, with a derivative scaled by {@code scale} (1 is right). */
  private static DiffFn1 sin(double scale) {
    return new DiffFn1() {
      @Override
      public double value(double x) {
        return Math.sin(x);
      }

      @Override
      public Dual jvp(double x, double xDot) {
        return Dual.of(Math.sin(x), scale * Math.cos(x) * xDot);
      }

      @Override
      public ScalarVjp vjp(double x) {
        return new ScalarVjp(Math.sin(x), g -> scale * Math.cos(x) * g);
      }
    };
  }

  /** x * y (RuntimeBadInputTest checks points against its two values). */
  static final DiffFn2 TIMES = new DiffFn2() {
    @Override
    public double value(double x, double y) {
      return x * y;
    }

    @Override
    public Dual jvp(double x, double y, double xDot, double yDot) {
      return Dual.of(x * y, y * xDot + x * yDot);
    }

    @Override
    public Vjp<Grad2> vjp(double x, double y) {
      return new Vjp<>(x * y, g -> new Grad2(y * g, x * g));
    }
  };

  /** Σ x_i^3. */
  private static final DiffFnN CUBES = new DiffFnN() {
    @Override
    public double value(double... x) {
      double s = 0;
      for (double v : x) {
        s += v * v * v;
      }
      return s;
    }

    @Override
    public Dual jvp(double[] x, double[] xDot) {
      double t = 0;
      for (int i = 0; i < x.length; i++) {
        t += 3 * x[i] * x[i] * xDot[i];
      }
      return Dual.of(value(x), t);
    }

    @Override
    public Vjp<double[]> vjp(double... x) {
      return new Vjp<>(value(x), g -> {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          out[i] = 3 * x[i] * x[i] * g;
        }
        return out;
      });
    }
  };

  @Test
  void vectorObjects() {
    assertThat(CUBES.grad(1, 2)).usingExactEquality().containsExactly(3.0, 12.0).inOrder();
    GradCheck.of(CUBES).at(0.5, -1, 2).assertValid();
    assertThat(DiffFnN.requireLength(new double[2], 2, "f")).hasLength(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffFnN.requireLength(null, 2, "f"));
    assertThat(e).hasMessageThat().isEqualTo("f takes 2 values, not null");
  }

  @Test
  void gradIsThePullbackOfOne() {
    assertThat(sin(1).grad(0.4)).isEqualTo(Math.cos(0.4));
    assertThat(TIMES.grad(2, 3)).isEqualTo(new Grad2(3, 2));
  }

  @Test
  void gradCheckSeesThroughFunctionObjects() {
    assertThat(GradCheck.of(sin(1)).at(0.4).passed()).isTrue();
    assertThat(GradCheck.of(sin(1.1)).at(0.4).passed()).isFalse();
    GradCheck.of(TIMES).at(2, 3).assertValid();
    assertThrows(IllegalArgumentException.class, () -> GradCheck.of((DiffFn1) null));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.of((DiffFn2) null));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.of((DiffFnN) null));
  }
}
