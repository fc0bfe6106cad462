package io.jgrad.runtime.internal;

import io.jgrad.runtime.BackendUnavailableException;

/**
 * The OpenCL backend as the core runtime sees it: {@code jgrad-opencl} implements it and registers
 * it for {@link java.util.ServiceLoader}, so that the core runtime itself needs neither Aparapi nor
 * its native libraries.
 */
public interface OpenClBackend {
  /** The OpenCL device kernels would run on, described, or null when there is none. */
  String device();

  /** Why there is no device (null when there is one). */
  String reason();

  /** Whether the device is a GPU: only then does AUTO choose OPENCL. */
  boolean gpu();

  /**
   * Compiles {@code lanes} for the device. Throws {@link BackendUnavailableException} when there is no
   * device, when {@code lanes} has no OpenCL translation (it was generated without Aparapi on the
   * compile class path) or when the translation fails.
   */
  DeviceLanes compile(String name, Lanes lanes);
}
