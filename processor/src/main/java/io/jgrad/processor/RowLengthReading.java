package io.jgrad.processor;

import io.jgrad.annotations.Batched;
import io.jgrad.processor.ir.RowLengths;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the rows' lengths a {@code @Batched} function fixes at compile time: its {@code rowLength}
 * and its parameters' {@code @Batched.RowLength}.
 */
final class RowLengthReading {
  private RowLengthReading() {}

  /** {@code method}'s {@code @Batched(rowLength)} and each parameter's {@code @Batched.RowLength}, by name. */
  static RowLengths read(ExecutableElement method) {
    Map<String, Integer> own = new LinkedHashMap<>();
    for (VariableElement p : method.getParameters()) {
      Batched.RowLength length = p.getAnnotation(Batched.RowLength.class);
      if (length != null) {
        own.put(p.getSimpleName().toString(), length.value());
      }
    }
    return new RowLengths(method.getAnnotation(Batched.class).rowLength(), own);
  }
}
