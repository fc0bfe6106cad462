package io.jgrad.examples.table;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.jgrad.processor.rules.Primitive;
import io.jgrad.runtime.Dual;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Table-driven over {@link Primitive}: every primitive's forward mode against central finite
 * differences, and its reverse mode against forward mode by the dot-product identity
 * ⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩, on input ranges suited to each (JAX's LAX_GRAD_OPS).
 */
class PrimitiveTableTest {
  interface Fn {
    double apply(double x, double y);
  }

  interface JvpFn {
    Dual apply(double x, double y, double xDot, double yDot);
  }

  interface VjpFn {
    io.jgrad.runtime.Vjp<?> apply(double x, double y);
  }

  record Case(Primitive primitive, Fn f, JvpFn jvp, VjpFn vjp, double xLo, double xHi, double yLo, double yHi) {}

  static final List<Case> CASES = List.of(
        new Case(Primitive.ADD, TableFunctions::add, TableFunctionsDerivatives::addJvp,
            TableFunctionsDerivatives::addVjp, -3, 3, -3, 3),
        new Case(Primitive.SUB, TableFunctions::sub, TableFunctionsDerivatives::subJvp,
            TableFunctionsDerivatives::subVjp, -3, 3, -3, 3),
        new Case(Primitive.MUL, TableFunctions::mul, TableFunctionsDerivatives::mulJvp,
            TableFunctionsDerivatives::mulVjp, -3, 3, -3, 3),
        new Case(Primitive.DIV, TableFunctions::div, TableFunctionsDerivatives::divJvp,
            TableFunctionsDerivatives::divVjp, -3, 3, 0.5, 3),
        new Case(Primitive.NEG, TableFunctions::neg, TableFunctionsDerivatives::negJvp,
            TableFunctionsDerivatives::negVjp, -3, 3, -3, 3),
        new Case(Primitive.SIN, TableFunctions::sin, TableFunctionsDerivatives::sinJvp,
            TableFunctionsDerivatives::sinVjp, -3, 3, -3, 3),
        new Case(Primitive.COS, TableFunctions::cos, TableFunctionsDerivatives::cosJvp,
            TableFunctionsDerivatives::cosVjp, -3, 3, -3, 3),
        new Case(Primitive.TAN, TableFunctions::tan, TableFunctionsDerivatives::tanJvp,
            TableFunctionsDerivatives::tanVjp, -1.2, 1.2, -3, 3),
        new Case(Primitive.ASIN, TableFunctions::asin, TableFunctionsDerivatives::asinJvp,
            TableFunctionsDerivatives::asinVjp, -0.9, 0.9, -3, 3),
        new Case(Primitive.ACOS, TableFunctions::acos, TableFunctionsDerivatives::acosJvp,
            TableFunctionsDerivatives::acosVjp, -0.9, 0.9, -3, 3),
        new Case(Primitive.ATAN, TableFunctions::atan, TableFunctionsDerivatives::atanJvp,
            TableFunctionsDerivatives::atanVjp, -3, 3, -3, 3),
        new Case(Primitive.ATAN2, TableFunctions::atan2, TableFunctionsDerivatives::atan2Jvp,
            TableFunctionsDerivatives::atan2Vjp, -3, 3, -3, 3),
        new Case(Primitive.SINH, TableFunctions::sinh, TableFunctionsDerivatives::sinhJvp,
            TableFunctionsDerivatives::sinhVjp, -3, 3, -3, 3),
        new Case(Primitive.COSH, TableFunctions::cosh, TableFunctionsDerivatives::coshJvp,
            TableFunctionsDerivatives::coshVjp, -3, 3, -3, 3),
        new Case(Primitive.TANH, TableFunctions::tanh, TableFunctionsDerivatives::tanhJvp,
            TableFunctionsDerivatives::tanhVjp, -3, 3, -3, 3),
        new Case(Primitive.EXP, TableFunctions::exp, TableFunctionsDerivatives::expJvp,
            TableFunctionsDerivatives::expVjp, -3, 3, -3, 3),
        new Case(Primitive.EXPM1, TableFunctions::expm1, TableFunctionsDerivatives::expm1Jvp,
            TableFunctionsDerivatives::expm1Vjp, -3, 3, -3, 3),
        new Case(Primitive.LOG, TableFunctions::log, TableFunctionsDerivatives::logJvp,
            TableFunctionsDerivatives::logVjp, 0.1, 5, -3, 3),
        new Case(Primitive.LOG1P, TableFunctions::log1p, TableFunctionsDerivatives::log1pJvp,
            TableFunctionsDerivatives::log1pVjp, -0.5, 5, -3, 3),
        new Case(Primitive.LOG10, TableFunctions::log10, TableFunctionsDerivatives::log10Jvp,
            TableFunctionsDerivatives::log10Vjp, 0.1, 5, -3, 3),
        new Case(Primitive.SQRT, TableFunctions::sqrt, TableFunctionsDerivatives::sqrtJvp,
            TableFunctionsDerivatives::sqrtVjp, 0.1, 5, -3, 3),
        new Case(Primitive.CBRT, TableFunctions::cbrt, TableFunctionsDerivatives::cbrtJvp,
            TableFunctionsDerivatives::cbrtVjp, 0.2, 5, -3, 3),
        new Case(Primitive.POW, TableFunctions::pow, TableFunctionsDerivatives::powJvp,
            TableFunctionsDerivatives::powVjp, 0.2, 3, -2, 2),
        new Case(Primitive.HYPOT, TableFunctions::hypot, TableFunctionsDerivatives::hypotJvp,
            TableFunctionsDerivatives::hypotVjp, -3, 3, -3, 3),
        new Case(Primitive.ABS, TableFunctions::abs, TableFunctionsDerivatives::absJvp,
            TableFunctionsDerivatives::absVjp, -3, 3, -3, 3),
        new Case(Primitive.MAX, TableFunctions::max, TableFunctionsDerivatives::maxJvp,
            TableFunctionsDerivatives::maxVjp, -3, 3, -3, 3),
        new Case(Primitive.MIN, TableFunctions::min, TableFunctionsDerivatives::minJvp,
            TableFunctionsDerivatives::minVjp, -3, 3, -3, 3),
        new Case(Primitive.FLOOR, TableFunctions::floor, TableFunctionsDerivatives::floorJvp,
            TableFunctionsDerivatives::floorVjp, -3, 3, -3, 3),
        new Case(Primitive.CEIL, TableFunctions::ceil, TableFunctionsDerivatives::ceilJvp,
            TableFunctionsDerivatives::ceilVjp, -3, 3, -3, 3),
        new Case(Primitive.RINT, TableFunctions::rint, TableFunctionsDerivatives::rintJvp,
            TableFunctionsDerivatives::rintVjp, -3, 3, -3, 3));

  @Test
  void everyPrimitiveIsCovered() {
    Set<Primitive> covered = CASES.stream().map(Case::primitive).collect(Collectors.toSet());
    assertThat(covered).isEqualTo(EnumSet.allOf(Primitive.class));
  }

  @Test
  void forwardModeMatchesCentralFiniteDifferences() {
    Random random = new Random(42);
    for (Case c : CASES) {
      for (int k = 0; k < 20; k++) {
        double x = c.xLo() + (c.xHi() - c.xLo()) * random.nextDouble();
        double y = c.yLo() + (c.yHi() - c.yLo()) * random.nextDouble();
        if (nearKink(c.primitive(), x, y)) {
          continue;
        }
        double h = 1e-6;
        double fdX = (c.f().apply(x + h, y) - c.f().apply(x - h, y)) / (2 * h);
        double fdY = (c.f().apply(x, y + h) - c.f().apply(x, y - h)) / (2 * h);
        Dual dx = c.jvp().apply(x, y, 1, 0);
        Dual dy = c.jvp().apply(x, y, 0, 1);
        String where = c.primitive() + " at (" + x + ", " + y + ")";
        assertWithMessage(where).that(dx.value()).isEqualTo(c.f().apply(x, y));
        assertWithMessage(where + " d/dx").that(dx.tangent()).isWithin(1e-5 * (1 + Math.abs(fdX))).of(fdX);
        assertWithMessage(where + " d/dy").that(dy.tangent()).isWithin(1e-5 * (1 + Math.abs(fdY))).of(fdY);
      }
    }
  }

  @Test
  void reverseModeIsTheTransposeOfForwardMode() {
    Random random = new Random(7);
    for (Case c : CASES) {
      for (int k = 0; k < 20; k++) {
        double x = c.xLo() + (c.xHi() - c.xLo()) * random.nextDouble();
        double y = c.yLo() + (c.yHi() - c.yLo()) * random.nextDouble();
        double tx = random.nextGaussian();
        double ty = random.nextGaussian();
        double cotangent = random.nextGaussian();
        double jt = c.jvp().apply(x, y, tx, ty).tangent();
        Object grad = c.vjp().apply(x, y).pullback(cotangent);
        double[] g = components(grad);
        double lhs = jt * cotangent;
        double rhs = tx * g[0] + ty * g[1];
        assertWithMessage(c.primitive() + " at (" + x + ", " + y + ")")
            .that(rhs).isWithin(1e-12 * (1 + Math.abs(lhs))).of(lhs);
      }
    }
  }

  @Test
  void conventionsAtKinks() {
    assertThat(TableFunctionsDerivatives.absGrad(0.0, 1.0).x()).isEqualTo(0.0);
    TableFunctionsDerivatives.MaxGrad max = TableFunctionsDerivatives.maxGrad(2.0, 2.0);
    assertThat(max.x()).isEqualTo(0.5);
    assertThat(max.y()).isEqualTo(0.5);
    TableFunctionsDerivatives.MinGrad min = TableFunctionsDerivatives.minGrad(-1.0, -1.0);
    assertThat(min.x()).isEqualTo(0.5);
    assertThat(min.y()).isEqualTo(0.5);
    assertThat(TableFunctionsDerivatives.floorGrad(2.5, 0).x()).isEqualTo(0.0);
    assertThat(TableFunctionsDerivatives.ceilGrad(2.5, 0).x()).isEqualTo(0.0);
    assertThat(TableFunctionsDerivatives.rintGrad(2.5, 0).x()).isEqualTo(0.0);
    assertThat(TableFunctionsDerivatives.powGrad(0.0, 2.0).y()).isEqualTo(0.0);
    assertThat(TableFunctionsDerivatives.powGrad(3.0, 0.0).x()).isEqualTo(0.0);
    assertThat(TableFunctionsDerivatives.hypotGrad(0.0, 0.0).x()).isEqualTo(0.0);
    assertThat(Double.isInfinite(TableFunctionsDerivatives.sqrtGrad(0.0, 0).x())).isTrue();
  }

  @Test
  void floatFunctionsGiveFloatTangents() {
    float x = 0.7f;
    float y = -1.5f;
    io.jgrad.runtime.FloatDual d = TableFunctionsDerivatives.sinFloatJvp(x, y, 1f, 0f);
    assertThat((double) d.tangent()).isWithin(1e-6).of(Math.cos(x) * y);
    assertThat((double) TableFunctionsDerivatives.sinFloatGrad(x, y).y()).isWithin(1e-6).of(Math.sin(x));
  }

  private static double[] components(Object grad) {
    if (grad instanceof Record r) {
      var parts = r.getClass().getRecordComponents();
      double[] out = new double[2];
      try {
        for (int i = 0; i < 2; i++) {
          out[i] = (double) parts[i].getAccessor().invoke(r);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      return out;
    }
    throw new AssertionError("unexpected gradient " + grad);
  }

  /** Points where a piecewise primitive's finite difference straddles a kink or a jump. */
  private static boolean nearKink(Primitive p, double x, double y) {
    switch (p) {
      case ABS:
        return Math.abs(x) < 1e-3;
      case MAX:
      case MIN:
        return Math.abs(x - y) < 1e-3;
      case FLOOR:
      case CEIL:
      case RINT:
        return Math.abs(x - Math.rint(x)) < 1e-3 || Math.abs(Math.abs(x - Math.floor(x)) - 0.5) < 1e-3;
      default:
        return false;
    }
  }
}
