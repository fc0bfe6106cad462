package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.examples.records.Pytrees.Dict;
import io.jgrad.examples.records.Pytrees.Pair;
import io.jgrad.examples.records.Pytrees.Point;
import org.junit.jupiter.api.Test;

/**
 * The notebook's "Working with containers": {@code f(Point(1, 2))} and {@code grad(fun)(Point(1, 2))}
 * for both {@code custom_jvp} and {@code custom_vjp}, with the notebook's published values (float32
 * prints, so to 1e-7) and closed forms.
 */
class SeedContainersTest {
  private static final double SEED = 1e-7;
  private static final double TOL = 1e-12;
  private static final Point PT = new Point(1., 2.);

  @Test
  void customJvpValue() {
    Dict d = SeedContainersJvp.f(PT);
    assertThat(d.a()).isEqualTo(1.0);
    assertThat(d.b().b0()).isWithin(SEED).of(0.84147096);
    assertThat(d.b().b1()).isWithin(SEED).of(-0.41614684);
  }

  @Test
  void customJvpGrad() {
    Point g = SeedContainersJvpDerivatives.funGrad(PT);
    assertThat(g.x()).isWithin(SEED).of(2.5403023);
    assertThat(g.x()).isWithin(TOL).of(2 + Math.cos(1));
    assertThat(g.y()).isEqualTo(0.0);
    assertThat(SeedContainersJvpDerivatives.funJvp(PT, new Point(1, 0)).tangent()).isWithin(TOL).of(2 + Math.cos(1));
    assertThat(SeedContainersJvpDerivatives.funValueAndGrad(PT).value()).isWithin(TOL).of(1 + Math.sin(1));
  }

  @Test
  void customJvpOnRecordsDirectly() {
    var jvp = SeedContainersJvpDerivatives.fJvp(PT, new Point(0.5, 1));
    assertThat(jvp.value()).isEqualTo(SeedContainersJvp.f(PT));
    assertThat(jvp.tangent()).isEqualTo(new Dict(2 * 0.5, new Pair(Math.cos(1) * 0.5, -Math.sin(2))));
    // Reverse mode transposes the rule: the pullback of a Dict cotangent is a Point.
    Point g = SeedContainersJvpDerivatives.fVjp(PT).pullback(new Dict(1, new Pair(1, 1)));
    assertThat(g.x()).isWithin(TOL).of(2 + Math.cos(1));
    assertThat(g.y()).isWithin(TOL).of(-Math.sin(2));
  }

  @Test
  void customVjpValueAndGrad() {
    Dict d = SeedContainersVjp.f(PT);
    assertThat(d.a()).isEqualTo(1.0);
    assertThat(d.b().b0()).isWithin(SEED).of(0.84147096);
    assertThat(d.b().b1()).isWithin(SEED).of(-0.41614684);
    Point g = SeedContainersVjpDerivatives.funGrad(PT);
    assertThat(g.x()).isWithin(SEED).of(2.5403023);
    assertThat(g.x()).isWithin(TOL).of(2 + Math.cos(1));
    // The notebook prints -0. here: bwd computes y_bar = -sin(y) * 0. = -0. and JAX passes it on as it
    // is; jgrad's reverse sweep adds it into an accumulator that starts at 0.0, and 0.0 + -0.0 is
    // +0.0 in IEEE arithmetic. Zero either way.
    assertThat(g.y()).isWithin(0.0).of(0.0);
  }

  @Test
  void customVjpOnRecordsDirectly() {
    var vjp = SeedContainersVjpDerivatives.fVjp(PT);
    assertThat(vjp.value()).isEqualTo(SeedContainersVjp.f(PT));
    Point g = vjp.pullback(new Dict(1, new Pair(1, 1)));
    assertThat(g.x()).isWithin(TOL).of(2 + Math.cos(1));
    assertThat(g.y()).isWithin(TOL).of(-Math.sin(2));
  }
}
