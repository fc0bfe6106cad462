package io.jgrad.examples.batch;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.runtime.Backend;
import io.jgrad.runtime.Batch;

/** OpenCL tests run for real under CI=true (and fail there without a device); elsewhere they skip with the reason. */
final class OpenCl {
  private OpenCl() {}

  static void requireIf(Backend backend) {
    if (backend != Backend.OPENCL || Batch.openClAvailable()) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true requires an OpenCL device: " + Batch.openClStatus());
    }
    System.out.println("OpenCL test skipped: " + Batch.openClStatus());
    assumeTrue(false, Batch.openClStatus());
  }
}
