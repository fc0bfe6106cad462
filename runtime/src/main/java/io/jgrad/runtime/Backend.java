package io.jgrad.runtime;

/**
 * Where a batched kernel ({@code fBatch}, {@code fJvpBatch}, {@code fGradBatch}) runs. A requested
 * backend that cannot run is a {@link BackendUnavailableException}, never a silent fallback; {@link
 * #AUTO} chooses, and {@link Batch#backend()} says what it chose.
 */
public enum Backend {
  /** Every lane in order on the calling thread. */
  JAVA,
  /** Lanes split over all cores (the common fork-join pool). */
  THREADS,
  /**
   * The generated Aparapi kernel on an OpenCL device: a GPU if present, else any OpenCL device (PoCL on
   * CPU). Needs the {@code io.jgrad:jgrad-opencl} artifact when the kernel is compiled and when it runs;
   * without it OPENCL throws {@link BackendUnavailableException} naming the artifact.
   */
  OPENCL,
  /**
   * OPENCL when an OpenCL GPU runs the kernel, else THREADS for large batches, else JAVA; without
   * {@code jgrad-opencl} it chooses between THREADS and JAVA alone.
   */
  AUTO
}
