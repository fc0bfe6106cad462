package io.jgrad.runtime.internal;

/** Lanes compiled for an OpenCL device, holding their buffers there between runs. */
public interface DeviceLanes {
  /** The device, described. */
  String device();

  /**
   * Copies {@code changedInputs} to the device, runs {@code size} lanes there and copies
   * {@code outputs} back; outputs are {@code double[]} or {@code float[]}, inputs also {@code int[]},
   * {@code long[]} or {@code boolean[]}.
   */
  void run(int size, Iterable<Object> changedInputs, Object[] outputs);

  /** Releases the device's resources; the lanes do not run again. */
  void dispose();
}
