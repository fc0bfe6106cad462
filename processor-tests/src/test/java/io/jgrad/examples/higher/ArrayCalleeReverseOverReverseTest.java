package io.jgrad.examples.higher;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** fHessian reverse over reverse through a callee of arrays, against central differences of fGrad. */
class ArrayCalleeReverseOverReverseTest {
  @Test
  void hessianMatchesDifferencesOfTheGradient() {
    double a = 0.7;
    double b = -1.2;
    double h = 1e-6;
    double[][] hess = ArrayCalleeReverseOverReverseDerivatives.bothHessian(a, b);
    var gaU = ArrayCalleeReverseOverReverseDerivatives.bothGrad(a + h, b);
    var gaD = ArrayCalleeReverseOverReverseDerivatives.bothGrad(a - h, b);
    var gbU = ArrayCalleeReverseOverReverseDerivatives.bothGrad(a, b + h);
    var gbD = ArrayCalleeReverseOverReverseDerivatives.bothGrad(a, b - h);
    assertThat(hess[0][0]).isWithin(1e-5).of((gaU.a() - gaD.a()) / (2 * h));
    assertThat(hess[0][1]).isWithin(1e-5).of((gbU.a() - gbD.a()) / (2 * h));
    assertThat(hess[1][0]).isWithin(1e-5).of((gaU.b() - gaD.b()) / (2 * h));
    assertThat(hess[1][1]).isWithin(1e-5).of((gbU.b() - gbD.b()) / (2 * h));
    double[][] inner = ArrayCalleeReverseOverReverseDerivatives.viaArrayHessian(a, b);
    // a²b² + sin²a
    assertThat(inner[1][1]).isWithin(1e-12).of(2 * a * a);
    assertThat(inner[0][0]).isWithin(1e-12).of(2 * b * b + 2 * Math.cos(2 * a));
  }
}
