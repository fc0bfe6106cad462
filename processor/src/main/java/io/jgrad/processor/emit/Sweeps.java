package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import java.util.List;

/**
 * The two sweeps of reverse mode as printed code, and what {@code fVjp}, {@code fGrad} and
 * {@code fValueAndGrad} put around them: the value, its type and the gradient.
 */
record Sweeps(CodeBlock forward, CodeBlock reverse, CodeBlock value, String gradient, boolean readsSeed) {

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
    List<String> components = placed.gradient().stream().map(Expr.Var::name).toList();
    String gradient = signature.hasSingleGradient() ? components.get(0)
        : "new " + signature.gradRecordName() + "(" + String.join(", ", components) + ")";
    // The value fVjp returns: a record result built with its type imported, else the expression.
    CodeBlock value = placed.value() instanceof Expr.RecordValue r
        ? RecordEntryEmitter.build(r.shape(), r.leaves().stream().map(ExprWriter::write).iterator())
        : CodeBlock.of("$L", ExprWriter.write(placed.value()));
    boolean readsSeed = Rewrite.anyMatch(placed.backward(), s -> Rewrite.operands(s).stream()
        .anyMatch(e -> Exprs.mentions(e, Reverse.SEED)));
    return new Sweeps(forward.build(), backward.build(), value, gradient, readsSeed);
  }

  /** The same with {@code tail} printed after the forward sweep. */
  Sweeps withForwardTail(CodeBlock tail) {
    return new Sweeps(CodeBlock.builder().add(forward).add(tail).build(), reverse, value, gradient, readsSeed);
  }
}
