package io.jgrad.runtime.internal;

/**
 * The body of a batched kernel, one lane at a time. Generated kernels implement it (next to
 * Aparapi's {@code run()} where they are compiled with jgrad-opencl), so the CPU backends call the
 * same code directly, without Aparapi and without reflection.
 */
public interface Lanes {
  /** Computes lane {@code i}: reads the inputs at {@code i} and writes the outputs at {@code i}. */
  void lane(int i);
}
