package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jgrad.bench.jmh.BenchmarkClasses;
import io.jgrad.bench.jmh.SmokeRun;
import io.jgrad.runtime.Batch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every benchmark runs once and its set-up's cross-check against the hand-written derivative
 * passes. Speed is never asserted here: that is benchmarks/run's job.
 */
class BenchmarksSmokeTest {
  @TestFactory
  Stream<DynamicTest> everyBenchmarkRunsAndAgreesWithTheReference() {
    List<Class<?>> classes = BenchmarkClasses.all();
    assertFalse(classes.isEmpty(), "JMH's annotation processor found no benchmarks");
    return classes.stream()
        .map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
          if (c.getSimpleName().contains("OpenCl") && !Batch.openClAvailable()) {
            // Under CI=true there must be a device (PoCL); elsewhere the OpenCL benchmark is skipped.
            assumeFalse(!"true".equals(System.getenv("CI")), "no OpenCL device: " + Batch.openClStatus());
          }
          assertFalse(SmokeRun.run(c).isEmpty());
        }));
  }
}
