package io.jgrad.processor.ir;

import java.util.List;

/**
 * The kernels of a {@code @Batched} function, lowered and ready to print: by forward mode, by reverse
 * mode where the function reaches {@code @CustomVjp} rules whose passes kernels can run, or as lanes
 * that call the scalar generated code on the CPU where they cannot.
 */
public sealed interface Kernels {
  /** The function batched. */
  Callee signature();

  /** The non-differentiated parameters the kernels take one value per lane ({@code @Batched(perLane)}). */
  List<String> perLane();

  /** Whether the kernels take {@code p} as an array, one element per lane, rather than shared by all lanes. */
  default boolean perLane(Callee.Param p) {
    return p.differentiated() || perLane().contains(p.name());
  }

  /**
   * {@code fBatch}, {@code fJvpBatch} (tangents per lane) and {@code fGradBatch} (one tangent per
   * parameter); {@code grad} null for a record result, which has no gradient (an output per leaf).
   */
  record Forward(Callee signature, List<String> perLane, Lane value, Lane jvp, Lane grad) implements Kernels {}

  /**
   * {@code fBatch}, and {@code fGradBatch} by reverse mode with the {@code @CustomVjp} rules' passes run
   * as code ({@code grad} null for a record result, which has no gradient: {@code fBatch} only);
   * {@code recomputes} when the gradient lane runs loops backwards by recomputation (O(trips²) trips
   * run, no memory), which only OpenCL runs: the CPU backends call the scalar {@code fGrad}, whose
   * tape keeps them at O(trips). {@code rowLengths} are the lengths of the
   * differentiated rows fixed at compile time ({@code @Batched(rowLength)}, {@code @Batched.RowLength}):
   * the gradient lane holds each row's cotangent as a private array of that size, and the entry points
   * check it.
   */
  record Reverse(Callee signature, List<String> perLane, Lane value, Lane grad, boolean recomputes,
      RowLengths rowLengths) implements Kernels {}

  /**
   * {@code fBatch} and {@code fGradBatch} as lanes that call the scalar code on the CPU, each row given
   * per lane copied into an array; {@code reason} says why; {@code rowLengths} as for {@link Reverse}.
   */
  record CpuOnly(Callee signature, List<String> perLane, String reason, RowLengths rowLengths)
      implements Kernels {
    /** The warning at the function: which entry points run where, and why. */
    public String warning() {
      return signature.name() + "Batch and " + signature.name() + "GradBatch run on the JAVA and THREADS backends"
          + " only: " + reason + "; OPENCL throws BackendUnavailableException";
    }
  }
}
