package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jgrad.bench.jmh.BenchmarkClasses;
import io.jgrad.bench.jmh.SmokeRun;
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
        .map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> assertFalse(SmokeRun.run(c).isEmpty())));
  }
}
