package io.jgrad.processor.parse;

import io.jgrad.annotations.Batched;
import io.jgrad.processor.ir.RecordShape;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Which derivative calls a {@code @Batched} function's kernels take: a kernel lane inlines the
 * tangent functions, rule primals and pullback functions a derivative call reads as, which it
 * writes as code for a function of numbers (or records of numbers: its flat function's), with
 * forward mode or reaching a {@code @CustomVjp} rule; the other shapes are refused at the call.
 */
final class KernelDerivativeCalls {
  private KernelDerivativeCalls() {}

  /**
   * Why the kernels of the function {@code cx} reads cannot take the derivative call {@code spelled}
   * of {@code f}, as the whole message; empty when they can, or when that function is not batched.
   */
  static Optional<String> refusal(ReadContext cx, ExecutableElement f, String spelled) {
    if (cx.method.getAnnotation(Batched.class) == null) {
      return Optional.empty();
    }
    String why;
    if (RecordShape.isRecord(f.getReturnType())) {
      why = f.getSimpleName() + " returns a record, whose leaves' functions lanes do not inline";
    } else if (!FlatDerivativeCall.of(f, cx.callees).callee().numbersOnly()) {
      why = f.getSimpleName() + " is differentiated in arrays, whose tangents in a lane would be arrays of a"
          + " size only the run knows";
    } else {
      return Optional.empty();
    }
    return Optional.of("kernels of a @Batched function take derivative calls of functions of numbers and"
        + " records of numbers, not yet " + spelled + ": " + why + "; hint: batch " + f.getSimpleName() + " itself, or"
        + " leave @Batched off " + cx.method.getSimpleName());
  }
}
