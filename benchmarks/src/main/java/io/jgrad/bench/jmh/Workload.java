package io.jgrad.bench.jmh;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the workload a benchmark class measures, so the report puts classes that split one
 * workload (a slow peer, a native peer) in the same rows.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Workload {
  /** The workload's name in the report. */
  String value();

  /** Where the workload's rows go in the report, smallest first. */
  int order();
}
