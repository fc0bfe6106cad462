package io.jgrad.examples.regressions;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression: unread parameters of functions that reach a @CustomVjp rule get a zero gradient everywhere. */
class UnreadParametersTest {
  private static final double[] XS = {-0.8, 0.3, 1.7};
  private static final double[] YS = {0.6, -0.4, 0.2};

  private static List<Backend> backends() {
    List<Backend> out = new ArrayList<>(List.of(Backend.JAVA));
    if (Batch.openClAvailable()) {
      out.add(Backend.OPENCL); // whether CI has a device is the batch tests' business
    }
    return out;
  }

  @Test
  void unreadParameter() {
    for (Backend backend : backends()) {
      double[] xGrad = new double[3];
      double[] yGrad = new double[3];
      assertThat(UnreadParametersDerivatives.unreadGradBatch(XS, YS, xGrad, yGrad, backend)).isEqualTo(backend);
      for (int i = 0; i < 3; i++) {
        assertThat(xGrad[i]).isWithin(1e-12).of(Math.cos(XS[i]));
        assertThat(yGrad[i]).isEqualTo(0.0);
      }
    }
    for (int i = 0; i < 3; i++) {
      double x = XS[i];
      double y = YS[i];
      assertThat(UnreadParametersDerivatives.Internal.unreadPullbackX(x, y, 2.0)).isWithin(1e-12).of(2 * Math.cos(x));
      assertThat(UnreadParametersDerivatives.Internal.unreadPullbackY(x, y, 2.0)).isEqualTo(0.0);
      double[][] h = UnreadParametersDerivatives.unreadHessian(x, y);
      assertThat(h[0][0]).isWithin(1e-12).of(-Math.sin(x));
      assertThat(h[0][1]).isEqualTo(0.0);
      assertThat(h[1][0]).isEqualTo(0.0);
      assertThat(h[1][1]).isEqualTo(0.0);
    }
  }

  @Test
  void parameterAssignedBeforeItIsRead() {
    for (Backend backend : backends()) {
      double[] xGrad = new double[3];
      double[] yGrad = new double[3];
      UnreadParametersDerivatives.overwrittenGradBatch(XS, YS, xGrad, yGrad, backend);
      for (int i = 0; i < 3; i++) {
        assertThat(xGrad[i]).isWithin(1e-12).of(0.5 * Math.cos(XS[i]) + 1);
        assertThat(yGrad[i]).isEqualTo(0.0);
      }
    }
    for (int i = 0; i < 3; i++) {
      double[][] h = UnreadParametersDerivatives.overwrittenHessian(XS[i], YS[i]);
      assertThat(h[0][0]).isWithin(1e-12).of(-0.5 * Math.sin(XS[i]));
      assertThat(h[1]).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    }
  }

  @Test
  void parameterReadOnlyInACondition() {
    for (Backend backend : backends()) {
      double[] xGrad = new double[3];
      double[] yGrad = new double[3];
      UnreadParametersDerivatives.onlyInAConditionGradBatch(XS, YS, xGrad, yGrad, backend);
      for (int i = 0; i < 3; i++) {
        assertThat(xGrad[i]).isWithin(1e-12).of(YS[i] > 0 ? Math.cos(XS[i]) : 1.0);
        assertThat(yGrad[i]).isEqualTo(0.0);
      }
    }
    for (int i = 0; i < 3; i++) {
      double[][] h = UnreadParametersDerivatives.onlyInAConditionHessian(XS[i], YS[i]);
      assertThat(h[0][0]).isWithin(1e-12).of(YS[i] > 0 ? -Math.sin(XS[i]) : 0.0);
      assertThat(h[1]).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    }
  }
}
