package io.jgrad.examples.records;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.examples.records.ArrayComponents.Layer;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Records with array components as parameters, locals and in custom rules, against closed forms. */
class ArrayComponentsTest {
  @Test
  void gradientOfARecordWithAnArrayIsARecordWithAnArray() {
    Layer layer = new Layer(new double[] {1, -2, 3}, 0.5, "l1");
    Layer g = ArrayComponentsDerivatives.energyGrad(layer);
    // scale · Σ w²: ∂/∂w = 2·scale·w, ∂/∂scale = Σ w²; the label stays.
    assertThat(g.w()).usingTolerance(1e-15).containsExactly(1.0, -2.0, 3.0).inOrder();
    assertThat(g.scale()).isWithin(1e-15).of(14.0);
    assertThat(g.label()).isEqualTo("l1");
    var jvp = ArrayComponentsDerivatives.energyJvp(layer, new Layer(new double[] {1, 0, 0}, 1.0, "ignored"));
    assertThat(jvp.value()).isWithin(1e-15).of(7.0);
    assertThat(jvp.tangent()).isWithin(1e-15).of(1.0 + 14.0);
  }

  @Test
  void aRecordLocalBuiltFromAnArrayParameterPassesItsGradientBack() {
    double[] x = {1, 2};
    var g = ArrayComponentsDerivatives.buildGrad(x, 3.0);
    // c·Σx² + c·x[0]: ∂/∂x = 2c·x + (c, 0), ∂/∂c = Σx² + x[0]
    assertThat(g.x()).usingTolerance(1e-15).containsExactly(6.0 + 3.0, 12.0).inOrder();
    assertThat(g.c()).isWithin(1e-15).of(5.0 + 1.0);
  }

  @Test
  void aCustomVjpRuleOnARecordWithAnArray() {
    Layer layer = new Layer(new double[] {1, 2, 4}, 2.0, "l");
    Layer g = ArrayComponentsDerivatives.weightedSumGrad(layer);
    assertThat(g.w()).usingTolerance(0).containsExactly(2.0, 2.0, 2.0).inOrder();
    assertThat(g.scale()).isEqualTo(7.0);
    assertThat(ArrayComponentsDerivatives.weightedSumVjp(layer).pullback(0.5).scale()).isEqualTo(3.5);
  }

  @Test
  void aTangentArrayOfAnotherLengthNamesTheArgument() {
    Layer layer = new Layer(new double[] {1, 2, 4}, 2.0, "l");
    var e = assertThrows(IllegalArgumentException.class,
        () -> ArrayComponentsDerivatives.energyJvp(layer, new Layer(new double[] {1}, 0.0, "l")));
    assertThat(e).hasMessageThat().contains("layer");
  }

  @Test
  void aRecordResultWithAnArrayHasARecordTangentAndPullback() {
    Layer layer = new Layer(new double[] {1, 2}, 3.0, "l");
    var jvp = ArrayComponentsDerivatives.scaledJvp(layer, 2.0, new Layer(new double[] {1, 0}, 0.0, "t"), 1.0);
    // value (w·k, scale·k); tangent (ẇ·k + w·k̇, ṡcale·k + scale·k̇)
    assertThat(jvp.value().w()).usingTolerance(0).containsExactly(2.0, 4.0).inOrder();
    assertThat(jvp.value().scale()).isEqualTo(6.0);
    assertThat(jvp.tangent().w()).usingTolerance(0).containsExactly(3.0, 2.0).inOrder();
    assertThat(jvp.tangent().scale()).isEqualTo(3.0);
    assertThat(jvp.value().label()).isEqualTo("l");
    var g = ArrayComponentsDerivatives.scaledVjp(layer, 2.0).pullback(new Layer(new double[] {1, -1}, 0.5, "c"));
    // w̄ = k·ōut.w, s̄cale = k·ōut.scale, k̄ = w·ōut.w + scale·ōut.scale
    assertThat(g.layer().w()).usingTolerance(0).containsExactly(2.0, -2.0).inOrder();
    assertThat(g.layer().scale()).isEqualTo(1.0);
    assertThat(g.k()).isEqualTo(1.0 - 2.0 + 1.5);
  }

  @Test
  void anArrayParameterReadByTwoResultComponentsSumsTheirPullbacks() {
    Layer layer = new Layer(new double[] {1, 2, 3}, 0.5, "l");
    Layer g = ArrayComponentsDerivatives.mixVjp(layer).pullback(new Layer(new double[] {1, 0, 2}, 4.0, "c"));
    // w̄ = scale·ōut.w + ōut.scale, s̄cale = w·ōut.w
    assertThat(g.w()).usingTolerance(1e-15).containsExactly(4.5, 4.0, 5.0).inOrder();
    assertThat(g.scale()).isWithin(1e-15).of(1 + 6);
  }

  @Test
  void customRulesWithARecordResultHoldingAnArray() {
    Layer layer = new Layer(new double[] {1, 2}, 5.0, "l");
    Layer cotangent = new Layer(new double[] {1, 10}, 100.0, "c");
    var jvp = ArrayComponentsDerivatives.doubledJvp(layer, new Layer(new double[] {1, -1}, 1.0, "t"));
    assertThat(jvp.value().w()).usingTolerance(0).containsExactly(2.0, 4.0).inOrder();
    assertThat(jvp.tangent().w()).usingTolerance(0).containsExactly(2.0, -2.0).inOrder();
    assertThat(jvp.tangent().scale()).isEqualTo(2.0);
    // Reverse mode transposes the JVP rule, array writes included.
    Layer g = ArrayComponentsDerivatives.doubledVjp(layer).pullback(cotangent);
    assertThat(g.w()).usingTolerance(0).containsExactly(2.0, 20.0).inOrder();
    assertThat(g.scale()).isEqualTo(200.0);
    Layer h = ArrayComponentsDerivatives.tripledVjp(layer).pullback(cotangent);
    assertThat(h.w()).usingTolerance(0).containsExactly(3.0, 30.0).inOrder();
    assertThat(h.scale()).isEqualTo(300.0);
  }
}
