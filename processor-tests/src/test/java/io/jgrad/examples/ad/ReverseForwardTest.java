package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.runtime.Dual;
import io.jgrad.runtime.ScalarVjp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode ({@code fGrad}, {@code fVjp}, {@code fValueAndGrad}) against forward mode
 * ({@code fJvp}, one basis tangent per input) against central finite differences, at random points,
 * for the functions of {@link ControlFlowFunctions}: branches, early returns, nested loops, while
 * loops with a value-dependent trip count, ternaries, compound assignment, casts, {@code var}
 * locals, calls within the class and to another class, array parameters, int/boolean helpers,
 * side effects, and {@code wrt}. Each pullback is also called twice and checked to be linear.
 */
class ReverseForwardTest {
  private static final double H = 1e-6;
  private static final double FD_TOL = 1e-6;
  private static final double MODE_TOL = 1e-12;
  private static final int POINTS = 20;

  /** A value and a pullback from an output cotangent to the flattened input cotangents. */
  record Pull(double value, DoubleFunction<double[]> pullback) {}

  record ValueGrad(double value, double[] grad) {}

  /** A function of a flattened input point, and its generated derivatives wrapped to match. */
  record Case(String name, ToDoubleFunction<double[]> f, BiFunction<double[], double[], Dual> jvp,
      Function<double[], double[]> grad, Function<double[], Pull> vjp, Function<double[], ValueGrad> valueAndGrad,
      Function<Random, double[]> sample, Predicate<double[]> smooth, double h, double fdTol, double modeTol) {}

  private static Function<Random, double[]> uniform(double lo, double hi) {
    return uniform(2, lo, hi);
  }

  private static Function<Random, double[]> uniform(int n, double lo, double hi) {
    return r -> {
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = lo + (hi - lo) * r.nextDouble();
      }
      return p;
    };
  }

  /** The trip count of {@link ControlFlowFunctions#whileLoop}'s loop, replicated to avoid its jumps. */
  private static int trips(double x) {
    int n = 0;
    for (double v = x; v < 10; v = v * 1.5 + 0.25) {
      n++;
    }
    return n;
  }

  private static final List<Case> CASES = List.of(
      new Case("branch", p -> ControlFlowFunctions.branch(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.branchJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.branchGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.branchVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.branchValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> Math.abs(p[0] - p[1]) > 1e-3 && Math.abs(p[0] + 1) > 1e-3, H, FD_TOL, MODE_TOL),
      new Case("earlyReturn", p -> ControlFlowFunctions.earlyReturn(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.earlyReturnJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.earlyReturnGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.earlyReturnVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.earlyReturnValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-2, 2), p -> Math.abs(p[0]) > 1e-3 && Math.abs(p[1] - 1) > 1e-3, H, FD_TOL, MODE_TOL),
      new Case("nestedLoops", p -> ControlFlowFunctions.nestedLoops(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.nestedLoopsJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.nestedLoopsGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.nestedLoopsVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.nestedLoopsValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-2, 2), p -> true, H, FD_TOL, MODE_TOL),
      new Case("ternary", p -> ControlFlowFunctions.ternary(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.ternaryJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.ternaryGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.ternaryVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.ternaryValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> Math.abs(p[0] - p[1]) > 1e-3 && Math.abs(p[1]) > 1e-3, H, FD_TOL, MODE_TOL),
      new Case("compound", p -> ControlFlowFunctions.compound(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.compoundJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.compoundGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.compoundVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.compoundValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> true, H, FD_TOL, MODE_TOL),
      new Case("varLocals", p -> ControlFlowFunctions.varLocals(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.varLocalsJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.varLocalsGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.varLocalsVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.varLocalsValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> true, H, FD_TOL, MODE_TOL),
      new Case("callsSameClass", p -> ControlFlowFunctions.callsSameClass(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.callsSameClassJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.callsSameClassGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.callsSameClassVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.callsSameClassValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> Math.abs(p[0] - p[1]) > 1e-3 && Math.abs(p[1] + 1) > 1e-3, H, FD_TOL, MODE_TOL),
      new Case("callsOtherClass", p -> ControlFlowFunctions.callsOtherClass(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.callsOtherClassJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.callsOtherClassGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.callsOtherClassVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.callsOtherClassValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> true, H, FD_TOL, MODE_TOL),
      new Case("intHelpers", p -> ControlFlowFunctions.intHelpers(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.intHelpersJvp(p[0], p[1], t[0], t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.intHelpersGrad(p[0], p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.intHelpersVjp(p[0], p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.intHelpersValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          uniform(-3, 3), p -> Math.abs(p[0] - 1) > 1e-3 && Math.abs(p[1]) > 1e-3, H, FD_TOL, MODE_TOL),
      new Case("whileLoop", p -> ControlFlowFunctions.whileLoop(p[0]),
          (p, t) -> ControlFlowFunctionsDerivatives.whileLoopJvp(p[0], t[0]),
          p -> new double[] {ControlFlowFunctionsDerivatives.whileLoopGrad(p[0])},
          p -> scalar(ControlFlowFunctionsDerivatives.whileLoopVjp(p[0])),
          p -> {
            var vg = ControlFlowFunctionsDerivatives.whileLoopValueAndGrad(p[0]);
            return new ValueGrad(vg.value(), new double[] {vg.derivative()});
          },
          uniform(1, 0.2, 12), p -> trips(p[0] - 1e-4) == trips(p[0] + 1e-4), H, FD_TOL, MODE_TOL),
      new Case("square", p -> ControlFlowFunctions.square(p[0]),
          (p, t) -> ControlFlowFunctionsDerivatives.squareJvp(p[0], t[0]),
          p -> new double[] {ControlFlowFunctionsDerivatives.squareGrad(p[0])},
          p -> scalar(ControlFlowFunctionsDerivatives.squareVjp(p[0])),
          p -> {
            var vg = ControlFlowFunctionsDerivatives.squareValueAndGrad(p[0]);
            return new ValueGrad(vg.value(), new double[] {vg.derivative()});
          },
          uniform(1, -3, 3), p -> true, H, FD_TOL, MODE_TOL),
      // float arithmetic inside (and a float cotangent for y): a larger step and looser tolerances
      new Case("casts", p -> ControlFlowFunctions.casts(p[0], (float) p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.castsJvp(p[0], (float) p[1], t[0], (float) t[1]),
          p -> {
            var g = ControlFlowFunctionsDerivatives.castsGrad(p[0], (float) p[1]);
            return new double[] {g.x(), g.y()};
          },
          p -> {
            var v = ControlFlowFunctionsDerivatives.castsVjp(p[0], (float) p[1]);
            return new Pull(v.value(), c -> {
              var g = v.pullback(c);
              return new double[] {g.x(), g.y()};
            });
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.castsValueAndGrad(p[0], (float) p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.grad().x(), vg.grad().y()});
          },
          r -> new double[] {-3 + 6 * r.nextDouble(), (float) (-3 + 6 * r.nextDouble())},
          p -> Math.abs(p[0] - Math.rint(p[0])) > 1e-2, 1e-3, 1e-3, 1e-6),
      new Case("arrayIndexed", p -> ControlFlowFunctions.arrayIndexed(p.clone()),
          (p, t) -> ControlFlowFunctionsDerivatives.arrayIndexedJvp(p.clone(), t.clone()),
          p -> ControlFlowFunctionsDerivatives.arrayIndexedGrad(p.clone()),
          p -> {
            var v = ControlFlowFunctionsDerivatives.arrayIndexedVjp(p.clone());
            return new Pull(v.value(), v::pullback);
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.arrayIndexedValueAndGrad(p.clone());
            return new ValueGrad(vg.value(), vg.grad());
          },
          uniform(4, -2, 2), p -> true, H, FD_TOL, MODE_TOL),
      // the point is (x[0], x[1], x[2], scale)
      new Case("arrayForEach", p -> ControlFlowFunctions.arrayForEach(Arrays.copyOf(p, 3), p[3]),
          (p, t) -> ControlFlowFunctionsDerivatives.arrayForEachJvp(Arrays.copyOf(p, 3), p[3], Arrays.copyOf(t, 3), t[3]),
          p -> flatten(ControlFlowFunctionsDerivatives.arrayForEachGrad(Arrays.copyOf(p, 3), p[3])),
          p -> {
            var v = ControlFlowFunctionsDerivatives.arrayForEachVjp(Arrays.copyOf(p, 3), p[3]);
            return new Pull(v.value(), c -> flatten(v.pullback(c)));
          },
          p -> {
            var vg = ControlFlowFunctionsDerivatives.arrayForEachValueAndGrad(Arrays.copyOf(p, 3), p[3]);
            return new ValueGrad(vg.value(), flatten(vg.grad()));
          },
          uniform(4, -2, 2), p -> true, H, FD_TOL, MODE_TOL),
      // wrt = "x": y is held constant, so the gradient is d/dx alone
      new Case("onlyX", p -> ControlFlowFunctions.onlyX(p[0], p[1]),
          (p, t) -> ControlFlowFunctionsDerivatives.onlyXJvp(p[0], p[1], t[0]),
          p -> new double[] {ControlFlowFunctionsDerivatives.onlyXGrad(p[0], p[1])},
          p -> scalar(ControlFlowFunctionsDerivatives.onlyXVjp(p[0], p[1])),
          p -> {
            var vg = ControlFlowFunctionsDerivatives.onlyXValueAndGrad(p[0], p[1]);
            return new ValueGrad(vg.value(), new double[] {vg.derivative()});
          },
          uniform(-3, 3), p -> true, H, FD_TOL, MODE_TOL));

  private static Pull scalar(ScalarVjp v) {
    return new Pull(v.value(), c -> new double[] {v.pullback(c)});
  }

  private static double[] flatten(ControlFlowFunctionsDerivatives.ArrayForEachGrad g) {
    double[] out = Arrays.copyOf(g.x(), 4);
    out[3] = g.scale();
    return out;
  }

  private static double scale(double v) {
    return Math.max(1.0, Math.abs(v));
  }

  @Test
  void reverseEqualsForwardEqualsFiniteDifferences() {
    Random random = new Random(2024);
    for (Case c : CASES) {
      int checked = 0;
      int tries = 0;
      while (checked < POINTS) {
        assertWithMessage("%s: too few smooth points", c.name()).that(++tries).isLessThan(100 * POINTS);
        double[] p = c.sample().apply(random);
        if (!c.smooth().test(p)) {
          continue;
        }
        checked++;
        String where = c.name() + " at " + Arrays.toString(p);
        double value = c.f().applyAsDouble(p);
        double[] grad = c.grad().apply(p);
        // wrt may restrict the gradient to a prefix of the inputs; the rest are held constant
        int n = grad.length;
        for (int i = 0; i < n; i++) {
          double[] basis = new double[p.length];
          basis[i] = 1;
          Dual d = c.jvp().apply(p, Arrays.copyOf(basis, n));
          assertWithMessage("jvp value " + where).that(d.value()).isEqualTo(value);
          double[] up = p.clone();
          double[] down = p.clone();
          up[i] += c.h();
          down[i] -= c.h();
          double fd = (c.f().applyAsDouble(up) - c.f().applyAsDouble(down)) / (2 * c.h());
          assertWithMessage("forward d/d%s vs finite differences, %s", i, where)
              .that(d.tangent()).isWithin(c.fdTol() * scale(fd)).of(fd);
          assertWithMessage("reverse d/d%s vs forward, %s", i, where)
              .that(grad[i]).isWithin(c.modeTol() * scale(d.tangent())).of(d.tangent());
        }
        Pull pull = c.vjp().apply(p);
        assertWithMessage("vjp value " + where).that(pull.value()).isEqualTo(value);
        double[] once = pull.pullback().apply(1.0);
        double[] twice = pull.pullback().apply(1.0);
        assertWithMessage("pullback(1) vs grad " + where).that(once).usingExactEquality().containsExactly(grad).inOrder();
        assertWithMessage("pullback called twice " + where).that(twice).usingExactEquality()
            .containsExactly(once).inOrder();
        double cot = 0.5 + 2 * random.nextDouble();
        double[] scaled = pull.pullback().apply(cot);
        double[] negated = pull.pullback().apply(-cot);
        for (int i = 0; i < n; i++) {
          assertWithMessage("pullback linear in the cotangent, component %s, %s", i, where)
              .that(scaled[i]).isWithin(c.modeTol() * scale(cot * once[i])).of(cot * once[i]);
          assertWithMessage("pullback odd, component %s, %s", i, where)
              .that(negated[i]).isWithin(c.modeTol() * scale(scaled[i])).of(-scaled[i]);
        }
        ValueGrad vg = c.valueAndGrad().apply(p);
        assertWithMessage("valueAndGrad value " + where).that(vg.value()).isEqualTo(value);
        assertWithMessage("valueAndGrad grad " + where).that(vg.grad()).usingExactEquality()
            .containsExactly(grad).inOrder();
      }
    }
  }

  @Test
  void wrtLeavesTheOtherParameterOut() {
    double x = 1.25;
    double y = -0.75;
    // closed form: d/dx (x²y + sin y) = 2xy
    assertThat(ControlFlowFunctionsDerivatives.onlyXGrad(x, y)).isWithin(1e-15).of(2 * x * y);
    assertThat(ControlFlowFunctionsDerivatives.onlyXJvp(x, y, 1).tangent()).isWithin(1e-15).of(2 * x * y);
  }

  @Test
  void arrayInputsAreNotWritten() {
    double[] x = {0.3, -1.2, 0.8, 2.0};
    double[] xDot = {1, 0, 0, 0};
    double[] before = x.clone();
    double[] dotBefore = xDot.clone();
    ControlFlowFunctionsDerivatives.arrayIndexedJvp(x, xDot);
    ControlFlowFunctionsDerivatives.arrayIndexedGrad(x);
    ControlFlowFunctionsDerivatives.arrayIndexedVjp(x).pullback(1.0);
    assertThat(x).usingExactEquality().containsExactly(before).inOrder();
    assertThat(xDot).usingExactEquality().containsExactly(dotBefore).inOrder();
    // closed form: d/dx_i = 2 (i + 1) x_i, plus the sine term on x[0] and x[3]
    double[] g = ControlFlowFunctionsDerivatives.arrayIndexedGrad(x);
    double cos = Math.cos(x[0] * x[3]);
    double[] expected = {2 * x[0] + cos * x[3], 4 * x[1], 6 * x[2], 8 * x[3] + cos * x[0]};
    for (int i = 0; i < 4; i++) {
      assertThat(g[i]).isWithin(1e-12).of(expected[i]);
    }
  }

  @Test
  void sideEffectsRunOnceInOrder() {
    double x = 0.7;
    List<String> expected = lines(() -> ControlFlowFunctions.printing(x));
    assertThat(expected).containsExactly("start", String.valueOf(x * x), "end").inOrder();
    assertThat(lines(() -> ControlFlowFunctionsDerivatives.printingJvp(x, 1))).isEqualTo(expected);
    assertThat(lines(() -> ControlFlowFunctionsDerivatives.printingGrad(x))).isEqualTo(expected);
    assertThat(lines(() -> ControlFlowFunctionsDerivatives.printingValueAndGrad(x))).isEqualTo(expected);
    ScalarVjp[] vjp = new ScalarVjp[1];
    assertThat(lines(() -> vjp[0] = ControlFlowFunctionsDerivatives.printingVjp(x))).isEqualTo(expected);
    // the pullback replays no primal side effect
    assertThat(lines(() -> vjp[0].pullback(1.0))).isEmpty();
    double closedForm = Math.cos(x * x) * 2 * x;
    assertThat(vjp[0].pullback(1.0)).isWithin(1e-15).of(closedForm);
  }

  private static List<String> lines(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    String s = buffer.toString(StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
  }
}
