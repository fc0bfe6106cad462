package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Reverse;
import java.util.ArrayList;
import java.util.List;

/**
 * The two sweeps of reverse mode as printed code, and what {@code fVjp}, {@code fGrad} and
 * {@code fValueAndGrad} put around them: the value, its type and the gradient.
 */
record Sweeps(CodeBlock forward, CodeBlock reverse, CodeBlock value, String gradient) {

  /** Prints placed reverse-mode IR of {@code signature}. */
  static Sweeps print(Reverse placed, Callee signature) {
    CodeBlock.Builder forward = CodeBlock.builder();
    CodeBlock.Builder backward = CodeBlock.builder();
    if (placed.usesTape()) {
      forward.addStatement("$T tape = new $T()", RuntimeTypes.TAPE, RuntimeTypes.TAPE);
      backward.addStatement("$T reader = tape.reader()", RuntimeTypes.TAPE.nestedClass("Reader"));
    }
    StmtWriter.write(placed.forward(), forward);
    StmtWriter.write(placed.backward(), backward);
    List<String> components = new ArrayList<>();
    placed.gradient().forEach(v -> components.add(v.name()));
    String gradient = signature.hasSingleGradient() ? components.get(0)
        : "new " + signature.gradRecordName() + "(" + String.join(", ", components) + ")";
    return new Sweeps(forward.build(), backward.build(), value(placed.value()), gradient);
  }

  /** The value {@code fVjp} returns: a record result built with its type imported, else the expression. */
  static CodeBlock value(Expr value) {
    if (value instanceof Expr.RecordValue r) {
      return RecordEntryEmitter.build(r.shape(), r.leaves().stream().map(ExprWriter::write).iterator());
    }
    return CodeBlock.of("$L", ExprWriter.write(value));
  }
}
