package io.jgrad.examples.effects;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A field that is not final is read once, in the forward sweep: {@code fVjp}'s value and pullback
 * agree with each other and with the closed form at the value the field had when {@code fVjp} ran,
 * whatever the field holds when the pullback runs (a learning-rate schedule changing it in between).
 */
class MutableStaticsTest {
  private static final double OLD = 2.0;
  private static final double NEW = 7.0;

  @AfterEach
  void restore() {
    MutableStatics.rate = OLD;
    MutableStatics.index = 1;
  }

  @Test
  void topLevelRead() {
    var v = MutableStaticsDerivatives.scaledVjp(1.5);
    MutableStatics.rate = NEW;
    assertThat(v.value()).isWithin(1e-15).of(0.5 * OLD * 1.5 * 1.5);
    assertThat(v.pullback(1.0)).isWithin(1e-15).of(OLD * 1.5);
    var r = MutableStaticsDerivatives.rateOnlyVjp(1.5);
    MutableStatics.rate = 3.0;
    assertThat(r.pullback(2.0)).isWithin(1e-15).of(2.0 * NEW);
  }

  @Test
  void readInALoop() {
    double[] w = {0.5, -1.0, 2.0};
    var v = MutableStaticsDerivatives.inLoopVjp(w);
    MutableStatics.rate = NEW;
    double[] g = v.pullback(1.0);
    for (int i = 0; i < w.length; i++) {
      assertThat(g[i]).isWithin(1e-15).of(2 * OLD * w[i]);
    }
  }

  @Test
  void indexReadOnce() {
    double[] w = {0.5, -1.0, 2.0};
    var v = MutableStaticsDerivatives.chosenVjp(w);
    MutableStatics.index = 2;
    MutableStatics.rate = NEW;
    double[] g = v.pullback(1.0);
    assertThat(g).usingTolerance(1e-15).containsExactly(0.0, 2 * OLD * w[1], 0.0).inOrder();
  }

  @Test
  void readInABranch() {
    var v = MutableStaticsDerivatives.inBranchVjp(1.5);
    MutableStatics.rate = NEW;
    assertThat(v.pullback(1.0)).isWithin(1e-15).of(2 * OLD * 1.5);
  }

  @Test
  void readInCustomRules() {
    double x = 0.7;
    var v = MutableStaticsDerivatives.callsRulesVjp(x);
    MutableStatics.rate = NEW;
    assertThat(v.value()).isWithin(1e-15).of(OLD * Math.sin(x) + OLD * x * x);
    assertThat(v.pullback(1.0)).isWithin(1e-14).of(OLD * Math.cos(x) + 2 * OLD * x);
    var rule = MutableStaticsDerivatives.ruleVjp(x);
    MutableStatics.rate = OLD;
    assertThat(rule.pullback(1.0)).isWithin(1e-14).of(NEW * Math.cos(x));
    var perParameter = MutableStaticsDerivatives.perParameterVjp(x);
    MutableStatics.rate = NEW;
    assertThat(perParameter.pullback(1.0)).isWithin(1e-14).of(2 * OLD * x);
  }

  @Test
  void gradientsAgreeWithFiniteDifferencesAtTheCurrentValue() {
    MutableStatics.rate = 1.25;
    double x = 0.4;
    double h = 1e-6;
    double fd = (MutableStatics.callsRules(x + h) - MutableStatics.callsRules(x - h)) / (2 * h);
    assertThat(MutableStaticsDerivatives.callsRulesGrad(x)).isWithin(1e-8).of(fd);
  }
}
