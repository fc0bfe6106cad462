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
 * <p>BATCHED KERNELS — NOT YET MEASURED. {@code fGradBatch} over 10^6 and 10^7 lanes on the
 * JAVA, THREADS and OPENCL backends belongs in a {@code BatchedBench} here ({@code @Workload(order = 6)},
 * {@code @Param} over lanes and backend, reference: a plain loop over the hand-written gradient)
 * once the batched-kernels issue lands; nothing in this module stands in for it today.
 */
package io.jgrad.bench.jmh;
