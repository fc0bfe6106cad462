package io.jgrad.sample;

import io.jgrad.runtime.Batch;

/** Prints the OpenCL device kernels would run on (name, type, platform), or why there is none. */
public final class OpenClStatus {
  private OpenClStatus() {}

  /** Prints one line. */
  public static void main(String[] args) {
    System.out.println(Batch.openClStatus());
  }
}
