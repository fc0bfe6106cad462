package io.jgrad.runtime;

/**
 * The body of a batched kernel, one lane at a time. Generated kernels implement it next to
 * Aparapi's {@code run()}, so the CPU backends call the same code directly, without Aparapi and
 * without reflection.
 */
public interface Lanes {
  /** Computes lane {@code i}: reads the inputs at {@code i} and writes the outputs at {@code i}. */
  void lane(int i);
}
