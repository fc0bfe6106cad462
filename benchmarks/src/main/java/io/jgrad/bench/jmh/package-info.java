/**
 * The JMH benchmarks, one class per workload (plus classes that split a workload: the O(n²)
 * methods, the native peers under {@code -Ppeers}).
 *
 * <p>Conventions every class follows, which the cross-check, the smoke test and the report rely on:
 * benchmark methods are named {@code <implementation>_<operation>} and return their result; the
 * hand-written reference for an operation is {@code hand_<operation>}; {@code hand_value} is the
 * primal; {@code @Setup} prepares the inputs from {@link io.jgrad.bench.Inputs} and ends with
 * {@link io.jgrad.bench.check.CrossCheck#verify}; {@link io.jgrad.bench.jmh.Workload} names the row.
 *
 * <p>Batched kernels: {@link io.jgrad.bench.jmh.BatchedBench} (JAVA and THREADS) and
 * {@link io.jgrad.bench.jmh.BatchedOpenClBench} (OPENCL, one-shot and session) time
 * {@code log1pexpGradBatch} over 10^6 and 10^7 lanes against a loop over the hand-written gradient.
 */
package io.jgrad.bench.jmh;
