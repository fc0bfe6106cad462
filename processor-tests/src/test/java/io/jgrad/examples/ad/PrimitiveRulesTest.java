package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.processor.ir.Primitive;
import io.jgrad.runtime.Dual;
import io.jgrad.runtime.FloatDual;
import io.jgrad.runtime.ScalarVjp;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Table-driven over {@link Primitive}: for every primitive a {@code @Differentiable} function in
 * {@link PrimitiveRulesFunctions} that uses it, checked at random points of a domain suited to it:
 * forward mode ({@code fJvp}) against central finite differences, reverse mode ({@code fVjp})
 * against forward mode by the dot-product identity ⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩, and the conventions at
 * kinks. A primitive added to the table without a row here fails {@link #everyPrimitiveIsCovered}.
 */
class PrimitiveRulesTest {
  private static final double H = 1e-6;
  private static final double FD_TOL = 1e-6;
  private static final double DOT_TOL = 1e-12;
  private static final int POINTS = 25;

  interface UnaryJvp {
    Dual apply(double x, double xDot);
  }

  interface UnaryVjp {
    ScalarVjp apply(double x);
  }

  interface BinaryJvp {
    Dual apply(double x, double y, double xDot, double yDot);
  }

  /** A value and a pullback to the two cotangents (x̄, ȳ). */
  record Pull(double value, DoubleFunction<double[]> pullback) {}

  interface BinaryVjp {
    Pull apply(double x, double y);
  }

  record Unary(Primitive primitive, DoubleUnaryOperator f, UnaryJvp jvp, UnaryVjp vjp, double lo, double hi) {}

  record Binary(Primitive primitive, DoubleBinaryOperator f, BinaryJvp jvp, BinaryVjp vjp,
      double xLo, double xHi, double yLo, double yHi) {}

  private static Object unary(Primitive p, DoubleUnaryOperator f, UnaryJvp jvp, UnaryVjp vjp, double lo, double hi) {
    return new Unary(p, f, jvp, vjp, lo, hi);
  }

  private static Object binary(Primitive p, DoubleBinaryOperator f, BinaryJvp jvp, BinaryVjp vjp,
      double xLo, double xHi, double yLo, double yHi) {
    return new Binary(p, f, jvp, vjp, xLo, xHi, yLo, yHi);
  }

  private static final List<Object> CASES = List.of(
      unary(Primitive.NEG, PrimitiveRulesFunctions::neg, PrimitiveRulesFunctionsDerivatives::negJvp, PrimitiveRulesFunctionsDerivatives::negVjp, -3, 3),
      unary(Primitive.SIN, PrimitiveRulesFunctions::sin, PrimitiveRulesFunctionsDerivatives::sinJvp, PrimitiveRulesFunctionsDerivatives::sinVjp, -4, 4),
      unary(Primitive.COS, PrimitiveRulesFunctions::cos, PrimitiveRulesFunctionsDerivatives::cosJvp, PrimitiveRulesFunctionsDerivatives::cosVjp, -4, 4),
      unary(Primitive.TAN, PrimitiveRulesFunctions::tan, PrimitiveRulesFunctionsDerivatives::tanJvp, PrimitiveRulesFunctionsDerivatives::tanVjp, -1.3, 1.3),
      unary(Primitive.ASIN, PrimitiveRulesFunctions::asin, PrimitiveRulesFunctionsDerivatives::asinJvp, PrimitiveRulesFunctionsDerivatives::asinVjp, -0.9, 0.9),
      unary(Primitive.ACOS, PrimitiveRulesFunctions::acos, PrimitiveRulesFunctionsDerivatives::acosJvp, PrimitiveRulesFunctionsDerivatives::acosVjp, -0.9, 0.9),
      unary(Primitive.ATAN, PrimitiveRulesFunctions::atan, PrimitiveRulesFunctionsDerivatives::atanJvp, PrimitiveRulesFunctionsDerivatives::atanVjp, -5, 5),
      unary(Primitive.SINH, PrimitiveRulesFunctions::sinh, PrimitiveRulesFunctionsDerivatives::sinhJvp, PrimitiveRulesFunctionsDerivatives::sinhVjp, -3, 3),
      unary(Primitive.COSH, PrimitiveRulesFunctions::cosh, PrimitiveRulesFunctionsDerivatives::coshJvp, PrimitiveRulesFunctionsDerivatives::coshVjp, -3, 3),
      unary(Primitive.TANH, PrimitiveRulesFunctions::tanh, PrimitiveRulesFunctionsDerivatives::tanhJvp, PrimitiveRulesFunctionsDerivatives::tanhVjp, -3, 3),
      unary(Primitive.EXP, PrimitiveRulesFunctions::exp, PrimitiveRulesFunctionsDerivatives::expJvp, PrimitiveRulesFunctionsDerivatives::expVjp, -3, 3),
      unary(Primitive.EXPM1, PrimitiveRulesFunctions::expm1, PrimitiveRulesFunctionsDerivatives::expm1Jvp, PrimitiveRulesFunctionsDerivatives::expm1Vjp, -3, 3),
      unary(Primitive.LOG, PrimitiveRulesFunctions::log, PrimitiveRulesFunctionsDerivatives::logJvp, PrimitiveRulesFunctionsDerivatives::logVjp, 0.1, 10),
      unary(Primitive.LOG1P, PrimitiveRulesFunctions::log1p, PrimitiveRulesFunctionsDerivatives::log1pJvp, PrimitiveRulesFunctionsDerivatives::log1pVjp, -0.9, 10),
      unary(Primitive.LOG10, PrimitiveRulesFunctions::log10, PrimitiveRulesFunctionsDerivatives::log10Jvp, PrimitiveRulesFunctionsDerivatives::log10Vjp, 0.1, 10),
      unary(Primitive.SQRT, PrimitiveRulesFunctions::sqrt, PrimitiveRulesFunctionsDerivatives::sqrtJvp, PrimitiveRulesFunctionsDerivatives::sqrtVjp, 0.1, 10),
      unary(Primitive.CBRT, PrimitiveRulesFunctions::cbrt, PrimitiveRulesFunctionsDerivatives::cbrtJvp, PrimitiveRulesFunctionsDerivatives::cbrtVjp, 0.1, 10),
      unary(Primitive.ABS, PrimitiveRulesFunctions::abs, PrimitiveRulesFunctionsDerivatives::absJvp, PrimitiveRulesFunctionsDerivatives::absVjp, -3, 3),
      unary(Primitive.FLOOR, PrimitiveRulesFunctions::floor, PrimitiveRulesFunctionsDerivatives::floorJvp, PrimitiveRulesFunctionsDerivatives::floorVjp, -3, 3),
      unary(Primitive.CEIL, PrimitiveRulesFunctions::ceil, PrimitiveRulesFunctionsDerivatives::ceilJvp, PrimitiveRulesFunctionsDerivatives::ceilVjp, -3, 3),
      unary(Primitive.RINT, PrimitiveRulesFunctions::rint, PrimitiveRulesFunctionsDerivatives::rintJvp, PrimitiveRulesFunctionsDerivatives::rintVjp, -3, 3),
      binary(Primitive.ADD, PrimitiveRulesFunctions::add, PrimitiveRulesFunctionsDerivatives::addJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.addVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, -3, 3),
      binary(Primitive.SUB, PrimitiveRulesFunctions::sub, PrimitiveRulesFunctionsDerivatives::subJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.subVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, -3, 3),
      binary(Primitive.MUL, PrimitiveRulesFunctions::mul, PrimitiveRulesFunctionsDerivatives::mulJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.mulVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, -3, 3),
      binary(Primitive.DIV, PrimitiveRulesFunctions::div, PrimitiveRulesFunctionsDerivatives::divJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.divVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, 0.5, 3),
      binary(Primitive.ATAN2, PrimitiveRulesFunctions::atan2, PrimitiveRulesFunctionsDerivatives::atan2Jvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.atan2Vjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, 0.2, 3),
      binary(Primitive.POW, PrimitiveRulesFunctions::pow, PrimitiveRulesFunctionsDerivatives::powJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.powVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, 0.1, 3, -2, 2),
      binary(Primitive.HYPOT, PrimitiveRulesFunctions::hypot, PrimitiveRulesFunctionsDerivatives::hypotJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.hypotVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, 0.2, 3),
      binary(Primitive.MAX, PrimitiveRulesFunctions::max, PrimitiveRulesFunctionsDerivatives::maxJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.maxVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, -3, 3),
      binary(Primitive.MIN, PrimitiveRulesFunctions::min, PrimitiveRulesFunctionsDerivatives::minJvp, (x, y) -> {
        var v = PrimitiveRulesFunctionsDerivatives.minVjp(x, y);
        return new Pull(v.value(), c -> {
          var g = v.pullback(c);
          return new double[] {g.x(), g.y()};
        });
      }, -3, 3, -3, 3));

  private static List<Unary> unaries() {
    return CASES.stream().filter(Unary.class::isInstance).map(Unary.class::cast).toList();
  }

  private static List<Binary> binaries() {
    return CASES.stream().filter(Binary.class::isInstance).map(Binary.class::cast).toList();
  }

  @Test
  void everyPrimitiveIsCovered() {
    Set<Primitive> tested = Stream.concat(unaries().stream().map(Unary::primitive),
        binaries().stream().map(Binary::primitive)).collect(Collectors.toCollection(() -> EnumSet.noneOf(Primitive.class)));
    assertThat(tested).isEqualTo(EnumSet.allOf(Primitive.class));
    assertThat(CASES).hasSize(EnumSet.allOf(Primitive.class).size());
    for (Unary u : unaries()) {
      assertWithMessage("%s", u.primitive()).that(u.primitive().arity()).isEqualTo(1);
    }
    for (Binary b : binaries()) {
      assertWithMessage("%s", b.primitive()).that(b.primitive().arity()).isEqualTo(2);
    }
  }

  @Test
  void unaryJvpMatchesFiniteDifferencesAndVjpIsItsTranspose() {
    Random random = new Random(11);
    for (Unary u : unaries()) {
      int checked = 0;
      while (checked < POINTS) {
        double x = u.lo() + (u.hi() - u.lo()) * random.nextDouble();
        if (nearKink(u.primitive(), x, Double.NaN)) {
          continue;
        }
        checked++;
        String where = u.primitive() + " at x=" + x;
        double fd = (u.f().applyAsDouble(x + H) - u.f().applyAsDouble(x - H)) / (2 * H);
        Dual d = u.jvp().apply(x, 1.0);
        assertWithMessage("value " + where).that(d.value()).isWithin(1e-15 * scale(d.value())).of(u.f().applyAsDouble(x));
        assertWithMessage("jvp " + where).that(d.tangent()).isWithin(FD_TOL * scale(fd)).of(fd);

        double t = random.nextGaussian();
        double c = random.nextGaussian();
        double jt = u.jvp().apply(x, t).tangent();
        ScalarVjp vjp = u.vjp().apply(x);
        assertWithMessage("vjp value " + where).that(vjp.value()).isWithin(1e-15 * scale(vjp.value()))
            .of(u.f().applyAsDouble(x));
        double lhs = jt * c;
        double rhs = t * vjp.pullback(c);
        assertWithMessage("<Jt,c> = <t,J^T c> " + where).that(rhs).isWithin(DOT_TOL * scale(lhs)).of(lhs);
      }
    }
  }

  @Test
  void binaryJvpMatchesFiniteDifferencesAndVjpIsItsTranspose() {
    Random random = new Random(12);
    for (Binary b : binaries()) {
      int checked = 0;
      while (checked < POINTS) {
        double x = b.xLo() + (b.xHi() - b.xLo()) * random.nextDouble();
        double y = b.yLo() + (b.yHi() - b.yLo()) * random.nextDouble();
        if (nearKink(b.primitive(), x, y)) {
          continue;
        }
        checked++;
        String where = b.primitive() + " at (" + x + ", " + y + ")";
        DoubleBinaryOperator f = b.f();
        double fdX = (f.applyAsDouble(x + H, y) - f.applyAsDouble(x - H, y)) / (2 * H);
        double fdY = (f.applyAsDouble(x, y + H) - f.applyAsDouble(x, y - H)) / (2 * H);
        Dual dx = b.jvp().apply(x, y, 1, 0);
        Dual dy = b.jvp().apply(x, y, 0, 1);
        assertWithMessage("value " + where).that(dx.value()).isWithin(1e-15 * scale(dx.value()))
            .of(f.applyAsDouble(x, y));
        assertWithMessage("d/dx " + where).that(dx.tangent()).isWithin(FD_TOL * scale(fdX)).of(fdX);
        assertWithMessage("d/dy " + where).that(dy.tangent()).isWithin(FD_TOL * scale(fdY)).of(fdY);

        double tx = random.nextGaussian();
        double ty = random.nextGaussian();
        double c = random.nextGaussian();
        double jt = b.jvp().apply(x, y, tx, ty).tangent();
        Pull pull = b.vjp().apply(x, y);
        assertWithMessage("vjp value " + where).that(pull.value()).isWithin(1e-15 * scale(pull.value()))
            .of(f.applyAsDouble(x, y));
        double[] g = pull.pullback().apply(c);
        double lhs = jt * c;
        double rhs = tx * g[0] + ty * g[1];
        assertWithMessage("<Jt,c> = <t,J^T c> " + where).that(rhs)
            .isWithin(DOT_TOL * (scale(lhs) + Math.abs(tx * g[0]) + Math.abs(ty * g[1]))).of(lhs);
      }
    }
  }

  /**
   * A NaN input and the partials expected there (JAX's semantics, the user guide's "NaN in, NaN out"):
   * NaN from every rule that reads its arguments, also where a sign, comparison or zero guard would
   * pick a constant at other points; 0 from the rounding functions and {@code pow}'s {@code ∂/∂x}
   * where {@code y} is 0, 1 where {@code y} is 1, which read no argument. {@code dy} is unused for
   * unary primitives.
   */
  record AtNaN(Primitive primitive, double x, double y, double dx, double dy) {}

  private static final double NAN = Double.NaN;

  private static final List<AtNaN> AT_NAN = List.of(
      new AtNaN(Primitive.ABS, NAN, 0, NAN, 0),
      new AtNaN(Primitive.FLOOR, NAN, 0, 0, 0),
      new AtNaN(Primitive.CEIL, NAN, 0, 0, 0),
      new AtNaN(Primitive.RINT, NAN, 0, 0, 0),
      new AtNaN(Primitive.MAX, NAN, 1, NAN, NAN),
      new AtNaN(Primitive.MAX, 1, NAN, NAN, NAN),
      new AtNaN(Primitive.MIN, NAN, 1, NAN, NAN),
      new AtNaN(Primitive.MIN, 1, NAN, NAN, NAN),
      new AtNaN(Primitive.POW, NAN, 2.5, NAN, NAN),
      new AtNaN(Primitive.POW, 2, NAN, NAN, NAN),
      // ∂/∂y is 0 where x == 0 at every other y
      new AtNaN(Primitive.POW, 0, NAN, NAN, NAN),
      new AtNaN(Primitive.POW, NAN, 0, 0, NAN),
      new AtNaN(Primitive.POW, NAN, 1, 1, NAN),
      new AtNaN(Primitive.HYPOT, NAN, 1, NAN, NAN),
      new AtNaN(Primitive.HYPOT, 1, NAN, NAN, NAN),
      // the origin's guard (y == 0) does not catch a NaN
      new AtNaN(Primitive.HYPOT, NAN, 0, NAN, NAN),
      new AtNaN(Primitive.HYPOT, 0, NAN, NAN, NAN));

  @Test
  void derivativesAtNaNFollowJax() {
    for (AtNaN row : AT_NAN) {
      String where = row.primitive() + " at (" + row.x() + ", " + row.y() + ")";
      if (row.primitive().arity() == 1) {
        Unary u = unaries().stream().filter(c -> c.primitive() == row.primitive()).findFirst().orElseThrow();
        assertWithMessage("jvp " + where).that(u.jvp().apply(row.x(), 1).tangent()).isEqualTo(row.dx());
        assertWithMessage("vjp " + where).that(u.vjp().apply(row.x()).pullback(1)).isEqualTo(row.dx());
        continue;
      }
      Binary b = binaries().stream().filter(c -> c.primitive() == row.primitive()).findFirst().orElseThrow();
      // forward mode along (1, 0) is dx·1 + dy·0, and NaN·0 is NaN (the user guide's convention, JAX's too)
      assertWithMessage("d/dx jvp " + where).that(b.jvp().apply(row.x(), row.y(), 1, 0).tangent())
          .isEqualTo(row.dx() + row.dy() * 0);
      assertWithMessage("d/dy jvp " + where).that(b.jvp().apply(row.x(), row.y(), 0, 1).tangent())
          .isEqualTo(row.dx() * 0 + row.dy());
      double[] g = b.vjp().apply(row.x(), row.y()).pullback().apply(1);
      assertWithMessage("d/dx vjp " + where).that(g[0]).isEqualTo(row.dx());
      assertWithMessage("d/dy vjp " + where).that(g[1]).isEqualTo(row.dy());
    }
    // the generated fGrad and the float rules (Float.NaN) agree
    assertThat(PrimitiveRulesFunctionsDerivatives.absGrad(NAN)).isNaN();
    assertThat(PrimitiveRulesFunctionsDerivatives.maxGrad(NAN, 1).y()).isNaN();
    assertThat(PrimitiveRulesFunctionsDerivatives.absFJvp(Float.NaN, 1f).tangent()).isNaN();
    assertThat(PrimitiveRulesFunctionsDerivatives.maxFGrad(1f, Float.NaN).x()).isNaN();
  }

  @Test
  void absHasDerivativeZeroAtZero() {
    assertThat(PrimitiveRulesFunctionsDerivatives.absJvp(0.0, 1.0).tangent()).isEqualTo(0.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.absVjp(0.0).pullback(1.0)).isEqualTo(0.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.absGrad(0.0)).isEqualTo(0.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.absGrad(-2.0)).isEqualTo(-1.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.absGrad(2.0)).isEqualTo(1.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.absFJvp(0f, 1f).tangent()).isEqualTo(0f);
  }

  @Test
  void maxAndMinSplitATieHalfAndHalf() {
    PrimitiveRulesFunctionsDerivatives.MaxGrad max = PrimitiveRulesFunctionsDerivatives.maxGrad(1.5, 1.5);
    assertThat(max.x()).isEqualTo(0.5);
    assertThat(max.y()).isEqualTo(0.5);
    assertThat(PrimitiveRulesFunctionsDerivatives.maxJvp(1.5, 1.5, 1, 0).tangent()).isEqualTo(0.5);
    assertThat(PrimitiveRulesFunctionsDerivatives.maxJvp(1.5, 1.5, 0, 1).tangent()).isEqualTo(0.5);
    PrimitiveRulesFunctionsDerivatives.MinGrad min = PrimitiveRulesFunctionsDerivatives.minGrad(-0.25, -0.25);
    assertThat(min.x()).isEqualTo(0.5);
    assertThat(min.y()).isEqualTo(0.5);
    assertThat(PrimitiveRulesFunctionsDerivatives.minJvp(-0.25, -0.25, 1, 1).tangent()).isEqualTo(1.0);
    PrimitiveRulesFunctionsDerivatives.MaxFGrad maxF = PrimitiveRulesFunctionsDerivatives.maxFGrad(2f, 2f);
    assertThat((double) maxF.x()).isEqualTo(0.5);
    assertThat((double) maxF.y()).isEqualTo(0.5);
    // away from a tie the derivative goes wholly to the larger (smaller) argument
    PrimitiveRulesFunctionsDerivatives.MaxGrad apart = PrimitiveRulesFunctionsDerivatives.maxGrad(1.0, 3.0);
    assertThat(apart.x()).isEqualTo(0.0);
    assertThat(apart.y()).isEqualTo(1.0);
  }

  @Test
  void roundingHasDerivativeZeroEverywhere() {
    for (double x : new double[] {-2.0, -1.5, -0.3, 0.0, 0.5, 1.0, 2.5, 3.7}) {
      assertWithMessage("floor at %s", x).that(PrimitiveRulesFunctionsDerivatives.floorGrad(x)).isEqualTo(0.0);
      assertWithMessage("ceil at %s", x).that(PrimitiveRulesFunctionsDerivatives.ceilGrad(x)).isEqualTo(0.0);
      assertWithMessage("rint at %s", x).that(PrimitiveRulesFunctionsDerivatives.rintGrad(x)).isEqualTo(0.0);
      assertWithMessage("floor jvp at %s", x).that(PrimitiveRulesFunctionsDerivatives.floorJvp(x, 1).tangent())
          .isEqualTo(0.0);
      assertWithMessage("ceil jvp at %s", x).that(PrimitiveRulesFunctionsDerivatives.ceilJvp(x, 1).tangent())
          .isEqualTo(0.0);
      assertWithMessage("rint jvp at %s", x).that(PrimitiveRulesFunctionsDerivatives.rintJvp(x, 1).tangent())
          .isEqualTo(0.0);
    }
  }

  @Test
  void powHasZeroExponentDerivativeAtZeroBase() {
    for (double y : new double[] {0.5, 2.0, 3.0}) {
      PrimitiveRulesFunctionsDerivatives.PowGrad g = PrimitiveRulesFunctionsDerivatives.powGrad(0.0, y);
      assertWithMessage("d/dy pow(0, %s)", y).that(g.y()).isEqualTo(0.0);
      // d/dx x^y at 0 is y·0^(y-1): 0 for y > 1, the closed form. (For 0 < y < 1 that partial is
      // +∞, so a forward tangent (0, 1) gives ∞·0 = NaN by IEEE arithmetic, as in JAX's jvp.)
      if (y > 1) {
        assertWithMessage("d/dy pow(0, %s) jvp", y)
            .that(PrimitiveRulesFunctionsDerivatives.powJvp(0.0, y, 0, 1).tangent()).isEqualTo(0.0);
        assertWithMessage("d/dx pow(0, %s)", y).that(g.x()).isEqualTo(0.0);
      }
    }
    // d/dx x^y where y == 0 is 0 (even at x == 0, where y·x^(y-1) would be 0·∞)
    assertThat(PrimitiveRulesFunctionsDerivatives.powGrad(0.0, 0.0).x()).isEqualTo(0.0);
    assertThat(PrimitiveRulesFunctionsDerivatives.powGrad(2.0, 0.0).x()).isEqualTo(0.0);
    // and the ordinary closed form elsewhere: d/dy 2^3 = 8 ln 2
    assertThat(PrimitiveRulesFunctionsDerivatives.powGrad(2.0, 3.0).y()).isWithin(1e-15).of(8 * Math.log(2));
  }

  @Test
  void hypotHasDerivativeZeroAtTheOrigin() {
    PrimitiveRulesFunctionsDerivatives.HypotGrad g = PrimitiveRulesFunctionsDerivatives.hypotGrad(0.0, 0.0);
    assertThat(g.x()).isEqualTo(0.0);
    assertThat(g.y()).isEqualTo(0.0);
  }

  @Test
  void floatFunctionsGiveFloatDuals() {
    Random random = new Random(13);
    double h = 1e-6;
    for (int k = 0; k < POINTS; k++) {
      float x = (float) (-3 + 6 * random.nextDouble());
      float y = (float) (-3 + 6 * random.nextDouble());
      FloatDual sin = PrimitiveRulesFunctionsDerivatives.sinFJvp(x, 1f);
      assertThat((double) sin.value()).isWithin(1e-6).of(Math.sin(x));
      assertThat((double) sin.tangent()).isWithin(1e-6).of((Math.sin(x + h) - Math.sin(x - h)) / (2 * h));
      assertThat(PrimitiveRulesFunctionsDerivatives.sinFVjp(x).pullback(1.0)).isWithin(1e-6).of(sin.tangent());

      if (Math.abs(x) > 1e-3) {
        FloatDual abs = PrimitiveRulesFunctionsDerivatives.absFJvp(x, 1f);
        assertThat(abs.value()).isEqualTo(Math.abs(x));
        assertThat((double) abs.tangent()).isEqualTo(Math.signum((double) x));
      }

      FloatDual mulX = PrimitiveRulesFunctionsDerivatives.mulFJvp(x, y, 1f, 0f);
      FloatDual mulY = PrimitiveRulesFunctionsDerivatives.mulFJvp(x, y, 0f, 1f);
      assertThat(mulX.value()).isEqualTo(x * y);
      assertThat((double) mulX.tangent()).isWithin(1e-6).of(y);
      assertThat((double) mulY.tangent()).isWithin(1e-6).of(x);
      PrimitiveRulesFunctionsDerivatives.MulFGrad mg = PrimitiveRulesFunctionsDerivatives.mulFGrad(x, y);
      assertThat((double) mg.x()).isWithin(1e-6).of(y);
      assertThat((double) mg.y()).isWithin(1e-6).of(x);

      if (Math.abs(x - y) > 1e-3) {
        FloatDual max = PrimitiveRulesFunctionsDerivatives.maxFJvp(x, y, 1f, 0f);
        assertThat(max.value()).isEqualTo(Math.max(x, y));
        assertThat((double) max.tangent()).isEqualTo(x > y ? 1.0 : 0.0);
      }
    }
  }

  private static double scale(double v) {
    return Math.max(1.0, Math.abs(v));
  }

  /** Points whose finite difference would straddle a kink or a jump of a piecewise primitive. */
  private static boolean nearKink(Primitive p, double x, double y) {
    return switch (p) {
      case ABS -> Math.abs(x) < 1e-3;
      case MAX, MIN -> Math.abs(x - y) < 1e-3;
      case FLOOR, CEIL -> Math.abs(x - Math.rint(x)) < 1e-3;
      case RINT -> Math.abs(Math.abs(x - Math.floor(x)) - 0.5) < 1e-3;
      default -> false;
    };
  }
}
