package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.List;
import java.util.function.Consumer;

/** Prints IR statements as Java, those of the source and those reverse mode adds; it decides nothing. */
final class StmtWriter {
  private StmtWriter() {}

  static void write(List<Stmt> body, CodeBlock.Builder b) {
    body.forEach(s -> write(s, b));
  }

  static void write(Stmt s, CodeBlock.Builder b) {
    if (s instanceof Stmt.Assign a) {
      String decl = a.declare() ? ExprWriter.typeName(a.target().type()) + " " : "";
      b.addStatement("$L$L = $L", decl, a.target().name(), ExprWriter.wrapping(a.value()));
    } else if (s instanceof Stmt.Declare d) {
      b.addStatement("$T $L", DerivativesEmitter.typeName(d.target().type(), d.javaType()), d.target().name());
    } else if (s instanceof Stmt.ArrayWrite w) {
      b.addStatement("$L[$L] = $L", w.array().name(), ExprWriter.write(w.index()), ExprWriter.wrapping(w.value()));
    } else if (s instanceof Stmt.Effect e) {
      b.addStatement("$L", ExprWriter.wrapping(e.call()));
    } else if (s instanceof Stmt.If f) {
      ifElse(f.condition(), f.thenBody(), f.elseBody(), body -> write(body, b), b);
    } else if (s instanceof Stmt.While w) {
      braced("while (" + ExprWriter.write(w.condition()) + ") ", w.body(), body -> write(body, b), b);
    } else if (s instanceof Stmt.Block k) {
      braced("", k.body(), body -> write(body, b), b);
    } else if (s instanceof Stmt.CallRecord c) {
      // One call, every leaf read from its record.
      b.addStatement("$T $L = $L", DerivativesEmitter.resultType(c.call().callee()), c.record().name(),
          ExprWriter.wrapping(c.call()));
      for (int i = 0; i < c.leaves().size(); i++) {
        result(c.leaves().get(i), true, c.call().callee(), i, c.record().name(), Type.OBJECT, b);
      }
    } else if (s instanceof Stmt.Return r) {
      b.addStatement("return $L", ExprWriter.wrapping(r.value()));
    } else if (s instanceof Stmt.Save v) {
      b.addStatement("final $L $L = $L", v.residual().type().javaName(), v.residual().name(),
          ExprWriter.wrapping(v.value()));
    } else if (s instanceof Stmt.Push p) {
      // The tape holds booleans and ints as ints, every other number as a double.
      Type t = p.type();
      String kind = t == Type.BOOLEAN || t == Type.INT ? "Int" : t == Type.OBJECT ? "Object" : "Double";
      b.addStatement("$L.push$L($L)", p.tape(), kind,
          t == Type.BOOLEAN ? ExprWriter.write(p.value(), 3) + " ? 1 : 0" : ExprWriter.write(p.value()));
    } else if (s instanceof Stmt.Pop p) {
      pop(p, b);
    } else if (s instanceof Stmt.NewTape t) {
      b.addStatement("$T $L = new $T()", RuntimeTypes.TAPE, t.name(), RuntimeTypes.TAPE);
    } else if (s instanceof Stmt.Repeat r) {
      String i = r.counter().name();
      braced("for (int " + i + " = " + ExprWriter.write(r.from()) + "; " + ExprWriter.write(r.condition()) + "; " + i
          + "--) ", r.body(), body -> write(body, b), b);
    } else if (s instanceof Stmt.Accumulate a) {
      accumulate(a, b);
    } else if (s instanceof Stmt.Linearize l) {
      linearize(l, b);
    } else if (s instanceof Stmt.PullBack p) {
      pullBack(p, b);
    } else if (s instanceof Stmt.CheckLength c) {
      b.addStatement("$T.checkLength($L, $L, $S)", RuntimeTypes.TANGENTS, ExprWriter.write(c.primal()),
          c.tangent().name(), c.tangent().name());
    } else {
      throw new IllegalArgumentException("a residual left unplaced: " + s);
    }
  }

  private static void pop(Stmt.Pop p, CodeBlock.Builder b) {
    Type t = p.target().type();
    if (p.pullbackOf() != null) {
      b.addStatement("$T $L = $L.popObject()", vjpType(p.pullbackOf()), p.target().name(), p.reader());
      return;
    }
    // The tape holds numbers as doubles: a float or a long comes back narrowed.
    String read = t == Type.BOOLEAN ? ".popInt() != 0" : t == Type.INT ? ".popInt()" : ".popDouble()";
    String cast = t == Type.DOUBLE || t == Type.BOOLEAN || t == Type.INT ? "" : "(" + t.javaName() + ") ";
    b.addStatement("$L $L = $L$L$L", t.javaName(), p.target().name(), cast, p.reader(), read);
  }

  /** {@code if (condition) { then } else { otherwise }}, each branch printed by {@code print}; no empty else. */
  static <T> void ifElse(Expr condition, List<T> then, List<T> otherwise, Consumer<List<T>> print,
      CodeBlock.Builder b) {
    b.beginControlFlow("if ($L)", ExprWriter.write(condition));
    print.accept(then);
    if (!otherwise.isEmpty()) {
      b.nextControlFlow("else");
      print.accept(otherwise);
    }
    b.endControlFlow();
  }

  /** {@code header{ body }}, the body printed by {@code print}: a loop, or with an empty header a block. */
  static <T> void braced(String header, List<T> body, Consumer<List<T>> print, CodeBlock.Builder b) {
    b.add("$L{\n$>", header);
    print.accept(body);
    b.add("$<}\n");
  }

  private static void accumulate(Stmt.Accumulate a, CodeBlock.Builder b) {
    if (a.index() == null && a.target().type().isArray()) {
      b.addStatement("$T.add($L, $L)", RuntimeTypes.ACCUMULATE, a.target().name(), ExprWriter.write(a.value()));
      return;
    }
    String into = a.index() == null ? a.target().name()
        : a.target().name() + "[" + ExprWriter.write(a.index()) + "]";
    b.addStatement("$L $L $L", into, a.subtract() ? "-=" : "+=", ExprWriter.wrapping(a.value()));
  }

  /** {@code T gVjp = GDerivatives.gVjp(args); y = gVjp.value();}: the call, its pullback kept. */
  private static void linearize(Stmt.Linearize l, CodeBlock.Builder b) {
    Callee callee = l.callee();
    CodeBlock args = ExprWriter.wrapping(String.join(", ", ExprWriter.arguments(callee, l.args())));
    String pb = l.pullback().name();
    if (callee.isFunctionObject()) {
      // A function object's reverse mode is its own vjp: a virtual call, whatever the object is.
      b.addStatement("$T $L =$W$L.vjp($L)", vjpType(callee), pb, callee.receiver(), args);
    } else {
      b.addStatement("$T $L =$W$T.$LVjp($L)", vjpType(callee), pb, RuntimeTypes.home(callee), callee.name(),
          args);
    }
    for (int i = 0; i < l.results().size(); i++) {
      result(l.results().get(i), l.declare(), callee, i, pb + ".value()", Type.DOUBLE, b);
    }
  }

  /**
   * {@code [T] local = value}: a call's one result, {@code value} of type {@code type} narrowed where
   * {@code local} is a float, or leaf {@code i} of its record result, read from the record {@code value}.
   */
  static void result(Expr.Var local, boolean declare, Callee callee, int i, String value, Type type,
      CodeBlock.Builder b) {
    RecordShape.Leaf leaf = callee.recordResult() == null ? null : callee.recordResult().shape().leaves().get(i);
    String read = leaf == null ? Terms.convert(value, type, local.type()) : leaf.read(value);
    if (declare) {
      // A reference leaf (a String, an enum) has its own Java type.
      b.addStatement("$T $L = $L", DerivativesEmitter.typeName(local.type(),
          leaf != null && local.type() == Type.OBJECT ? leaf.javaType() : null), local.name(), read);
    } else {
      b.addStatement("$L = $L", local.name(), read);
    }
  }

  /** {@code T gGrad = gVjp.pullback(yBar); xBar += gGrad.x();} for each argument with a cotangent. */
  private static void pullBack(Stmt.PullBack p, CodeBlock.Builder b) {
    Callee callee = p.callee();
    String grad = p.gradient().name();
    Callee.RecordResult record = callee.recordResult();
    // A record result's cotangent: a record of its leaves' cotangents.
    String value = p.pullback().name() + ".value()";
    Object cotangent = record == null ? p.cotangent().name() : RecordEntryEmitter.tangent(record.shape(),
        p.cotangents(), record.shape().leaves().stream().map(l -> l.read(value)).toList());
    b.addStatement("$T $L =$W$L.pullback($L)", gradType(callee), grad, p.pullback().name(), cotangent);
    List<Callee.Param> diff = callee.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      Expr.Var target = p.argCotangents().get(k);
      if (target == null) {
        continue;
      }
      Callee.Param param = diff.get(k);
      String component = callee.isPacked() ? grad + "[" + k + "]"
          : callee.hasSingleGradient() ? grad : grad + "." + param.name() + "()";
      if (param.type().isArray()) {
        b.addStatement("$T.add($L, $L)", RuntimeTypes.ACCUMULATE, target.name(), component);
      } else {
        // A ScalarVjp's pullback gives a double, a RecordVjp's the parameter's own type (gradType).
        Type componentType = callee.hasSingleGradient() && !DerivativesEmitter.returnsObject(callee) ? Type.DOUBLE
            : param.type();
        b.addStatement("$L += $L", target.name(), Terms.convert(component, componentType, target.type()));
      }
    }
  }

  /**
   * What a callee's {@code fVjp} returns: a {@code RecordVjp<T, G>} for an array or record result, a
   * {@code ScalarVjp} for one scalar gradient, else a {@code Vjp<G>}.
   */
  static TypeName vjpType(Callee callee) {
    if (DerivativesEmitter.returnsObject(callee)) {
      return ParameterizedTypeName.get(RuntimeTypes.RECORD_VJP, DerivativesEmitter.resultType(callee),
          gradType(callee).box());
    }
    if (callee.isPacked()) {
      return ParameterizedTypeName.get(RuntimeTypes.VJP, gradType(callee));
    }
    if (callee.hasSingleGradient() && !callee.differentiatedParams().get(0).type().isArray()) {
      return RuntimeTypes.SCALAR_VJP;
    }
    return ParameterizedTypeName.get(RuntimeTypes.VJP, gradType(callee).box());
  }

  /** The Java type of a callee's gradient. */
  static TypeName gradType(Callee callee) {
    if (callee.isPacked()) {
      return ArrayTypeName.of(TypeName.DOUBLE);
    }
    if (callee.isFunctionObject() && !callee.hasSingleGradient()) {
      return RuntimeTypes.GRAD2;
    }
    if (callee.hasSingleGradient()) {
      // A ScalarVjp's pullback gives a double whatever the parameter's type, a RecordVjp's the parameter's own.
      Type t = callee.differentiatedParams().get(0).type();
      return t.isArray() || DerivativesEmitter.returnsObject(callee) ? DerivativesEmitter.typeName(t) : TypeName.DOUBLE;
    }
    return RuntimeTypes.home(callee).nestedClass(callee.gradRecordName());
  }
}
