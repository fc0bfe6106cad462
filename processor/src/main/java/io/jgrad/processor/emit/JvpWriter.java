package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/** Prints a linearized program as the body of {@code fJvp}: primal and tangent statements interleaved. */
final class JvpWriter {
  private final Names names;
  private final java.util.function.BiConsumer<Linear.Return, CodeBlock.Builder> returns;
  private final java.util.function.BiConsumer<Linear.RecordReturn, CodeBlock.Builder> recordReturns;

  JvpWriter(Names names) {
    this(names, JvpWriter::returnDual, JvpWriter::returnRecord);
  }

  /**
   * A writer whose final {@link Linear.Return} is printed by {@code returns}, and a record's by
   * {@code recordReturns} (kernels store them instead).
   */
  JvpWriter(Names names, java.util.function.BiConsumer<Linear.Return, CodeBlock.Builder> returns,
      java.util.function.BiConsumer<Linear.RecordReturn, CodeBlock.Builder> recordReturns) {
    this.names = names;
    this.returns = returns;
    this.recordReturns = recordReturns;
  }

  CodeBlock write(List<Linear> program) {
    CodeBlock.Builder b = CodeBlock.builder();
    stmts(program, b);
    return b.build();
  }

  private void stmts(List<Linear> program, CodeBlock.Builder b) {
    program.forEach(l -> stmt(l, b));
  }

  private void stmt(Linear l, CodeBlock.Builder b) {
    if (l instanceof Linear.Primal p) {
      StmtWriter.write(p.stmt(), b);
    } else if (l instanceof Linear.Tangent t) {
      b.addStatement("$L$L = $L", t.declare() ? ExprWriter.typeName(t.target().type()) + " " : "",
          t.target().name(), ExprWriter.wrapping(t.value()));
    } else if (l instanceof Linear.DeclareTangent d) {
      b.addStatement("$L $L", ExprWriter.typeName(d.target().type()), d.target().name());
    } else if (l instanceof Linear.TangentArray a) {
      b.addStatement("$L $L = new $L[$L]", ExprWriter.typeName(a.target().type()), a.target().name(),
          a.target().type().element().javaName(), ExprWriter.write(a.length()));
    } else if (l instanceof Linear.TangentWrite w) {
      Type element = w.target().type().element();
      b.addStatement("$L[$L] = $L", w.target().name(), ExprWriter.write(w.index()), w.source() == null
          ? Terms.zero(element) : Terms.convert(w.source().name(), w.source().type(), element));
    } else if (l instanceof Linear.Call c) {
      call(c, b);
    } else if (l instanceof Linear.If f) {
      StmtWriter.ifElse(f.condition(), f.thenBody(), f.elseBody(), body -> stmts(body, b), b);
    } else if (l instanceof Linear.While w) {
      StmtWriter.braced("while (" + ExprWriter.write(w.condition()) + ") ", w.body(), body -> stmts(body, b), b);
    } else if (l instanceof Linear.Block k) {
      StmtWriter.braced("", k.body(), body -> stmts(body, b), b);
    } else if (l instanceof Linear.Return r) {
      returns.accept(r, b);
    } else if (l instanceof Linear.RecordReturn r) {
      recordReturns.accept(r, b);
    }
  }

  /** {@code return new Jvp<>(new R(values...), new R(tangents...))}. */
  private static void returnRecord(Linear.RecordReturn r, CodeBlock.Builder b) {
    RecordShape shape = r.value().shape();
    List<String> values = r.value().leaves().stream().map(ExprWriter::write).toList();
    b.addStatement("return new $T<>($L,$W$L)", RuntimeTypes.JVP, RecordEntryEmitter.build(shape, values.iterator()),
        RecordEntryEmitter.tangent(shape, r.tangents(), values));
  }

  private static void returnDual(Linear.Return r, CodeBlock.Builder b) {
    Type t = r.value().type();
    String value = ExprWriter.write(r.value());
    // An array result comes as a Jvp, its tangent an array of the same length.
    String tangent = r.tangent() == null ? Terms.zeroLike(t, value) : r.tangent().name();
    b.addStatement("return $T.of($L, $L)", t.isArray() ? RuntimeTypes.JVP : RuntimeTypes.dual(t), value, tangent);
  }

  private void call(Linear.Call c, CodeBlock.Builder b) {
    Callee callee = c.callee();
    // An array or record result comes as a Jvp<T>, with the same value() and tangent().
    com.palantir.javapoet.TypeName dual = DerivativesEmitter.jvpType(callee);
    String r = names.temp(callee.name() + "Jvp");
    List<String> args = new ArrayList<>(ExprWriter.arguments(callee, c.args()));
    int k = 0;
    for (int i = 0; i < callee.params().size(); i++) {
      Callee.Param p = callee.params().get(i);
      if (p.differentiated()) {
        // A missing tangent is zero: for an array, zeros of the argument's length.
        Expr.Var tangent = c.argTangents().get(k++);
        args.add(tangent != null ? tangent.name() : Terms.zeroLike(p.type(), ExprWriter.write(c.args().get(i), 100)));
      }
    }
    assert k == callee.differentiatedParams().size();
    if (callee.isPacked()) {
      // DiffFnN.jvp takes the point and the tangent as two vectors.
      int n = callee.params().size();
      b.addStatement("$T $L = $L.jvp(new double[] {$L}, new double[] {$L})", dual, r, callee.receiver(),
          String.join(", ", args.subList(0, n)), String.join(", ", args.subList(n, args.size())));
    } else if (callee.isFunctionObject()) {
      // A function object's forward mode is its own jvp: a virtual call, whatever the object is.
      b.addStatement("$T $L =$W$L.jvp($L)", dual, r, callee.receiver(), ExprWriter.wrapping(String.join(", ", args)));
    } else {
      b.addStatement("$T $L =$W$T.$LJvp($L)", dual, r, RuntimeTypes.home(callee), callee.name(),
          ExprWriter.wrapping(String.join(", ", args)));
    }
    // The result and its tangent, or each leaf of a record result and its tangent where it has one.
    for (int i = 0; i < c.results().size(); i++) {
      StmtWriter.result(c.results().get(i), c.declare(), callee, i, r + ".value()", callee.returnType(), b);
      if (c.resultDots().get(i) != null) {
        StmtWriter.result(c.resultDots().get(i), c.declare(), callee, i, r + ".tangent()", callee.returnType(), b);
      }
    }
  }
}
