package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.MoreRecordFunctions.Config;
import io.jgrad.examples.records.MoreRecordFunctions.FPoint;
import io.jgrad.examples.records.MoreRecordFunctions.Mode;
import io.jgrad.examples.records.MoreRecordFunctions.Weights;
import org.junit.jupiter.api.Test;

/** Float records, @NonDiff and wrt on records, and components without tangents, against closed forms. */
class MoreRecordFunctionsTest {
  @Test
  void floatRecords() {
    FPoint p = new FPoint(1.5f, -2f);
    var jvp = MoreRecordFunctionsDerivatives.rotate90Jvp(p, 2f, new FPoint(1f, 0f), 0f);
    assertThat(jvp.value()).isEqualTo(new FPoint(4f, 3f));
    assertThat(jvp.tangent()).isEqualTo(new FPoint(0f, 2f));
    var g = MoreRecordFunctionsDerivatives.rotate90Vjp(p, 2f).pullback(new FPoint(1f, 1f));
    // d/dp of (-k p.y + k p.x) = (k, -k); d/dk = -p.y + p.x
    assertThat(g.p()).isEqualTo(new FPoint(2f, -2f));
    assertThat((double) g.k()).isWithin(1e-6).of(3.5);
    var d = MoreRecordFunctionsDerivatives.dotGrad(p, new FPoint(3f, 4f));
    assertThat(d.a()).isEqualTo(new FPoint(3f, 4f));
    assertThat(d.b()).isEqualTo(p);
  }

  @Test
  void heldConstantAndOtherComponents() {
    Config c = new Config(Mode.CUBE, 3L, true);
    Weights held = new Weights(0.5, new FPoint(2f, 7f));
    Weights w = new Weights(1.5, new FPoint(4f, 1f));
    double x = 1.2;
    var g = MoreRecordFunctionsDerivatives.configuredGrad(c, held, w, x);
    // f = -x^3 * 3 * w.w + held.w * w.p.x + held.p.y * x
    assertThat(g.w().w()).isWithin(1e-12).of(-x * x * x * 3);
    assertThat((double) g.w().p().x()).isWithin(1e-6).of(0.5);
    assertThat(g.w().p().y()).isEqualTo(0f);
    assertThat(g.x()).isWithin(1e-12).of(-3 * x * x * 3 * 1.5 + 7);
    double f = MoreRecordFunctions.configured(c, held, w, x);
    assertThat(MoreRecordFunctionsDerivatives.configuredValueAndGrad(c, held, w, x).value()).isWithin(1e-12).of(f);
    assertThat(MoreRecordFunctionsDerivatives.configuredJvp(c, held, w, x, new Weights(0, new FPoint(0f, 0f)), 1)
        .tangent()).isWithin(1e-12).of(g.x());
    // wrt = {"x"}: the record is not differentiated, the gradient is one double
    assertThat(MoreRecordFunctionsDerivatives.onlyXGrad(w, 2)).isWithin(1e-12).of(2 * 1.5 * 2);
  }

  @Test
  void singleFloatGradients() {
    assertThat(MoreRecordFunctionsDerivatives.squareGrad(new MoreRecordFunctions.F1(3f))).isEqualTo(new MoreRecordFunctions.F1(6f));
    assertThat(MoreRecordFunctionsDerivatives.scaledByGrad(new Config(Mode.SQUARE, 2L, false), 3f)).isEqualTo(12f);
  }

  @Test
  void rulesOnRecordsWithComponentsWithoutTangents() {
    double x = 1.5;
    assertThat(MoreRecordFunctionsDerivatives.useTagGrad(x)).isWithin(1e-12).of(14 * x);
    assertThat(MoreRecordFunctionsDerivatives.tagVjp(x).value()).isEqualTo(new MoreRecordFunctions.Tagged(x * x, 7));
    assertThat(MoreRecordFunctionsDerivatives.tagVjp(x).pullback(new MoreRecordFunctions.Tagged(1, 0)))
        .isWithin(1e-12).of(2 * x);
    assertThat(MoreRecordFunctionsDerivatives.useTag2Grad(x)).isWithin(1e-12).of(14 * x);
    assertThat(MoreRecordFunctionsDerivatives.useTag2Jvp(x, 1).tangent()).isWithin(1e-12).of(14 * x);
    assertThat(MoreRecordFunctionsDerivatives.tag2Jvp(x, 1).tangent()).isEqualTo(new MoreRecordFunctions.Tagged(2 * x, 7));
  }
}
