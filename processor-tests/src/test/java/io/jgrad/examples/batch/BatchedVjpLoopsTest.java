package io.jgrad.examples.batch;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.runtime.Backend;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gradient kernels through loops that reach a {@code @CustomVjp} rule ({@link BatchedVjpLoops}): on every
 * backend against the scalar {@code fGrad} and against central differences of the function itself. On
 * OpenCL the lane runs each loop backwards by recomputation; the CPU backends call {@code fGrad}, so the
 * recomputing lane is also run here on the JVM, lane by lane, through the kernel's {@code deviceLane}.
 */
class BatchedVjpLoopsTest {
  private static final int N = 5;

  /** A function of the lane's two numbers, and its gradient by some route. */
  private interface Scalar {
    double at(double x, double y);
  }

  /** Fills the gradient arrays of every lane. */
  private interface GradLanes {
    void fill(double[] x, double[] y, double[] xGrad, double[] yGrad);
  }

  private static double[] grid(int lanes, double lo, double step) {
    double[] a = new double[lanes];
    for (int i = 0; i < lanes; i++) {
      a[i] = lo + i * step;
    }
    return a;
  }

  private static void assertClose(double actual, double expected, double rel, String what) {
    if (!(Math.abs(actual - expected) <= rel * Math.max(1.0, Math.abs(expected)))) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual);
    }
  }

  /**
   * The gradient lanes against the scalar {@code fGrad} (components {@code gx}, {@code gy}) within
   * {@code rel}, and against central differences of {@code f}.
   */
  private static void check(String name, double[] x, double[] y, GradLanes lanes, Scalar f, Scalar gx, Scalar gy,
      double rel) {
    double[] xGrad = new double[x.length];
    double[] yGrad = new double[x.length];
    lanes.fill(x, y, xGrad, yGrad);
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      String at = name + " at (" + x[i] + ", " + y[i] + ")";
      assertClose(xGrad[i], gx.at(x[i], y[i]), rel, at + " d/dx vs fGrad");
      assertClose(yGrad[i], gy.at(x[i], y[i]), rel, at + " d/dy vs fGrad");
      double dx = (f.at(x[i] + h, y[i]) - f.at(x[i] - h, y[i])) / (2 * h);
      double dy = (f.at(x[i], y[i] + h) - f.at(x[i], y[i] - h)) / (2 * h);
      assertClose(xGrad[i], dx, 1e-6, at + " d/dx vs central difference");
      assertClose(yGrad[i], dy, 1e-6, at + " d/dy vs central difference");
    }
  }

  /** Runs {@code lane} for every lane on this thread: the recomputing lane, as OpenCL runs it. */
  private static void eachLane(int lanes, IntConsumer lane) {
    for (int i = 0; i < lanes; i++) {
      lane.accept(i);
    }
  }

  private static double tolerance(Backend backend) {
    return backend == Backend.OPENCL ? 1e-12 : 0;
  }

  // x in [-0.98, 1.42], y in [-0.61, 0.59]: 49 lanes, none on nested's branch (c > 0.5 at x = 0.5 or y = 0)
  private static final double[] X = grid(49, -0.98, 0.05);
  private static final double[] Y = grid(49, -0.61, 0.025);

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aLoopWithASharedTripCount(Backend backend) {
    OpenCl.requireIf(backend);
    check("sinTimes on " + backend, X, Y, (x, y, gx, gy) ->
            assertThat(BatchedVjpLoopsDerivatives.sinTimesGradBatch(x, y, N, gx, gy, backend)).isEqualTo(backend),
        (x, y) -> BatchedVjpLoops.sinTimes(x, y, N), (x, y) -> BatchedVjpLoopsDerivatives.sinTimesGrad(x, y, N).x(),
        (x, y) -> BatchedVjpLoopsDerivatives.sinTimesGrad(x, y, N).y(), tolerance(backend));
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void nestedLoopsWithABranch(Backend backend) {
    OpenCl.requireIf(backend);
    check("nested on " + backend, X, Y, (x, y, gx, gy) ->
            assertThat(BatchedVjpLoopsDerivatives.nestedGradBatch(x, y, N, gx, gy, backend)).isEqualTo(backend),
        (x, y) -> BatchedVjpLoops.nested(x, y, N), (x, y) -> BatchedVjpLoopsDerivatives.nestedGrad(x, y, N).x(),
        (x, y) -> BatchedVjpLoopsDerivatives.nestedGrad(x, y, N).y(), tolerance(backend));
  }

  /** ceil(3x) trips, from 0 to 5 across the lanes; no lane within 1e-3 of a change in the count. */
  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "THREADS", "OPENCL"})
  void aWhileLoopWhoseTripCountIsTheLanes(Backend backend) {
    OpenCl.requireIf(backend);
    double[] x = grid(32, -0.2, 0.0537);
    double[] y = grid(32, -0.9, 0.055);
    check("lanesOwnTrips on " + backend, x, y, (xs, ys, gx, gy) ->
            assertThat(BatchedVjpLoopsDerivatives.lanesOwnTripsGradBatch(xs, ys, gx, gy, backend)).isEqualTo(backend),
        BatchedVjpLoops::lanesOwnTrips, (a, b) -> BatchedVjpLoopsDerivatives.lanesOwnTripsGrad(a, b).x(),
        (a, b) -> BatchedVjpLoopsDerivatives.lanesOwnTripsGrad(a, b).y(), tolerance(backend));
  }

  @Test
  void theRecomputingLanesOnTheJvm() {
    double rel = 1e-13;
    check("sinTimes' deviceLane", X, Y, (x, y, gx, gy) -> eachLane(x.length,
            new BatchedVjpLoopsDerivatives.SinTimesGradBatchKernel(x.length, x, y, N, gx, gy)::deviceLane),
        (x, y) -> BatchedVjpLoops.sinTimes(x, y, N), (x, y) -> BatchedVjpLoopsDerivatives.sinTimesGrad(x, y, N).x(),
        (x, y) -> BatchedVjpLoopsDerivatives.sinTimesGrad(x, y, N).y(), rel);
    check("nested's deviceLane", X, Y, (x, y, gx, gy) -> eachLane(x.length,
            new BatchedVjpLoopsDerivatives.NestedGradBatchKernel(x.length, x, y, N, gx, gy)::deviceLane),
        (x, y) -> BatchedVjpLoops.nested(x, y, N), (x, y) -> BatchedVjpLoopsDerivatives.nestedGrad(x, y, N).x(),
        (x, y) -> BatchedVjpLoopsDerivatives.nestedGrad(x, y, N).y(), rel);
    double[] x = grid(32, -0.2, 0.0537);
    double[] y = grid(32, -0.9, 0.055);
    check("lanesOwnTrips' deviceLane", x, y, (xs, ys, gx, gy) -> eachLane(xs.length,
            new BatchedVjpLoopsDerivatives.LanesOwnTripsGradBatchKernel(xs.length, xs, ys, gx, gy)::deviceLane),
        BatchedVjpLoops::lanesOwnTrips, (a, b) -> BatchedVjpLoopsDerivatives.lanesOwnTripsGrad(a, b).x(),
        (a, b) -> BatchedVjpLoopsDerivatives.lanesOwnTripsGrad(a, b).y(), rel);
  }
}
