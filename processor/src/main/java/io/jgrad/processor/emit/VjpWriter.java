package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as the transpose of the linearized program. The forward sweep runs the primal
 * statements and keeps what the linear statements need: coefficients that later statements would
 * overwrite, the branch taken, the trip count of each loop, callees' pullbacks. The reverse sweep
 * walks the linear statements backwards and transposes each: {@code ẏ = a·ẋ + b·u̇} becomes
 * {@code x̄ += a·ȳ; ū += b·ȳ}. Values that stay valid (parameters, locals assigned once at the top
 * level, literals) are read directly; the rest are saved in final locals at the top level and on a
 * {@code Tape} inside branches and loops.
 */
final class VjpWriter {
  /** The two sweeps and what the pullback needs around them. */
  record Sweeps(CodeBlock forward, CodeBlock reverse, String value, Type valueType, String gradient) {}

  private final Names names;
  private final Map<String, Expr.Var> bars = new LinkedHashMap<>();
  private final Map<String, Integer> assignCount = new HashMap<>();
  private final Set<String> assignedInLoop = new HashSet<>();
  private final Set<String> topDeclared = new HashSet<>();
  private final Set<String> params = new HashSet<>();
  /** Local arrays the function writes into: their elements change, so a read is not stable. */
  private final Set<String> writtenArrays = new HashSet<>();
  private boolean usesTape;

  /**
   * Every value the reverse sweep reads goes through the tape, even at the top level: then the
   * pullback closure captures only the parameters and the tape, whatever the body's length (a Java
   * lambda captures at most 255 slots: 127 doubles). {@link #write} switches to it when needed.
   */
  private final boolean tapeEverything;

  VjpWriter(Names names) {
    this(names, false);
  }

  private VjpWriter(Names names, boolean tapeEverything) {
    this.names = names;
    this.tapeEverything = tapeEverything;
  }

  Sweeps write(List<Linear> program, Map<String, Expr.Var> tangents, Callee signature) {
    signature.params().forEach(p -> params.add(p.name()));
    Map<String, String> primalOfTangent = new HashMap<>();
    tangents.forEach((primal, tangent) -> primalOfTangent.put(tangent.name(), primal));
    tangents.forEach((primal, tangent) ->
        bars.put(tangent.name(), new Expr.Var(names.fresh(primal + "Bar"), tangent.type())));
    // A parameter's tangent arrives with a value: an assignment to it overwrites, like a second one.
    for (Callee.Param p : signature.params()) {
      Expr.Var tangent = tangents.get(p.name());
      if (tangent != null) {
        assignCount.merge(tangent.name(), 1, Integer::sum);
      }
    }
    count(program, false);
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && a.declare()) {
        topDeclared.add(a.target().name());
      } else if (l instanceof Linear.Call c && c.declare()) {
        topDeclared.add(c.result().name());
      }
    }

    CodeBlock.Builder forward = CodeBlock.builder();
    List<CodeBlock> reverse = new ArrayList<>();
    sweep(program, !tapeEverything, forward, reverse);
    Linear.Return ret = (Linear.Return) program.get(program.size() - 1);

    CodeBlock.Builder rev = CodeBlock.builder();
    if (usesTape) {
      rev.addStatement("$T reader = tape.reader()", RuntimeTypes.TAPE.nestedClass("Reader"));
    }
    Map<String, Expr> tangentArrayLengths = new HashMap<>();
    tangentArrays(program, tangentArrayLengths);
    for (Map.Entry<String, Expr.Var> e : bars.entrySet()) {
      Expr.Var bar = e.getValue();
      String primal = primalOfTangent.get(e.getKey());
      String init;
      if (bar.type().isArray() && ret.tangent() != null && ret.tangent().name().equals(e.getKey())) {
        // The returned array's cotangent starts as a copy of outBar: the sweep clears it as it goes.
        rev.addStatement("$T.checkLength($L, outBar, $S)", RuntimeTypes.TANGENTS, ExprWriter.write(ret.value()), "outBar");
        init = "outBar.clone()";
      } else if (bar.type().isArray() && tangentArrayLengths.containsKey(e.getKey())) {
        // A tangent array a custom rule creates has no primal array: its length is the one it was made with.
        init = "new " + bar.type().element().javaName() + "[" + ExprWriter.write(tangentArrayLengths.get(e.getKey())) + "]";
      } else if (bar.type().isArray()) {
        init = Terms.zeroLike(bar.type(), primal);
      } else if (ret.tangent() != null && ret.tangent().name().equals(e.getKey())) {
        init = Terms.convert("outBar", Type.DOUBLE, bar.type(), false);
      } else {
        init = Terms.zero(bar.type());
      }
      rev.addStatement("$L $L = $L", ExprWriter.typeName(bar.type()), bar.name(), init);
    }
    List<CodeBlock> reversed = new ArrayList<>(reverse);
    Collections.reverse(reversed);
    reversed.forEach(rev::add);

    CodeBlock.Builder fwd = CodeBlock.builder();
    if (usesTape) {
      fwd.addStatement("$T tape = new $T()", RuntimeTypes.TAPE, RuntimeTypes.TAPE);
    }
    fwd.add(forward.build());
    List<String> grads = new ArrayList<>();
    for (Callee.Param p : signature.differentiatedParams()) {
      Expr.Var tangent = tangents.get(p.name());
      grads.add(bars.get(tangent.name()).name());
    }
    String gradient = signature.hasSingleGradient() ? grads.get(0)
        : "new " + signature.gradRecordName() + "(" + String.join(", ", grads) + ")";
    Sweeps sweeps = new Sweeps(fwd.build(), rev.build(), ExprWriter.write(ret.value()), ret.value().type(), gradient);
    if (!tapeEverything && capturesTooMuch(signature, sweeps)) {
      return new VjpWriter(names, true).write(program, tangents, signature);
    }
    return sweeps;
  }

  // ---------------------------------------------------------------- analysis

  private void count(List<Linear> program, boolean inLoop) {
    for (Linear l : program) {
      if (l instanceof Linear.Tangent t) {
        note(t.target().name(), inLoop);
      } else if (l instanceof Linear.Call c) {
        note(c.resultDot().name(), inLoop);
        note(c.result().name(), inLoop);
      } else if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a) {
        note(a.target().name(), inLoop);
      } else if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.ArrayWrite w) {
        writtenArrays.add(w.array().name());
      } else if (l instanceof Linear.TangentWrite w) {
        // Each write clears the element's cotangent in reverse: the array itself stays one local.
        writtenArrays.add(w.target().name());
      } else if (l instanceof Linear.If f) {
        count(f.thenBody(), inLoop);
        count(f.elseBody(), inLoop);
      } else if (l instanceof Linear.While w) {
        count(w.body(), true);
      } else if (l instanceof Linear.Block b) {
        count(b.body(), inLoop);
      }
    }
  }

  private void note(String name, boolean inLoop) {
    assignCount.merge(name, 1, Integer::sum);
    if (inLoop) {
      assignedInLoop.add(name);
    }
  }

  /** A top-level declaration of the forward sweep: a value the pullback may capture. */
  private static final java.util.regex.Pattern DECLARATION =
      java.util.regex.Pattern.compile("(final )?[A-Za-z_][\\w.<>\\[\\]]* [A-Za-z_]\\w* (=|;)");

  /**
   * Whether {@code fVjp}'s pullback lambda could capture more than the JVM's 255 parameter slots:
   * the parameters and every top-level local of the forward sweep, each counted as a double.
   */
  private static boolean capturesTooMuch(Callee sig, Sweeps sweeps) {
    int slots = 2 * sig.params().size();
    for (String line : sweeps.forward().toString().split("\n")) {
      if (!line.startsWith(" ") && DECLARATION.matcher(line).lookingAt()) {
        slots += 2;
      }
    }
    return slots > 250;
  }

  /** The length each tangent array is created with ({@link Linear.TangentArray}), by name. */
  private static void tangentArrays(List<Linear> program, Map<String, Expr> out) {
    for (Linear l : program) {
      if (l instanceof Linear.TangentArray a) {
        out.put(a.target().name(), a.length());
      } else if (l instanceof Linear.If f) {
        tangentArrays(f.thenBody(), out);
        tangentArrays(f.elseBody(), out);
      } else if (l instanceof Linear.While w) {
        tangentArrays(w.body(), out);
      } else if (l instanceof Linear.Block b) {
        tangentArrays(b.body(), out);
      }
    }
  }

  /** Whether a local keeps its value from its assignment to the end of the reverse sweep. */
  private boolean stable(String name) {
    int n = assignCount.getOrDefault(name, 0);
    if (tapeEverything) {
      return params.contains(name) && n == 0;
    }
    return params.contains(name) ? n == 0 : topDeclared.contains(name) && n == 1;
  }

  private boolean readableLater(Expr e) {
    if (e instanceof Expr.StaticField f) {
      // A field that is not final may change before the pullback runs: keep what this sweep read.
      return !f.mutable();
    }
    if (e == null || e instanceof Expr.Const) {
      return true;
    }
    if (e instanceof Expr.Var v) {
      return stable(v.name());
    }
    if (e instanceof Expr.Prim p) {
      return p.args().stream().allMatch(this::readableLater);
    }
    if (e instanceof Expr.Binary b) {
      return readableLater(b.left()) && readableLater(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return readableLater(u.operand());
    }
    if (e instanceof Expr.Cast c) {
      return readableLater(c.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return readableLater(c.condition()) && readableLater(c.ifTrue()) && readableLater(c.ifFalse());
    }
    if (e instanceof Expr.ArrayLength l) {
      return readableLater(l.array());
    }
    if (e instanceof Expr.ArrayRead r) {
      // Array parameters are never written, so an element read is as stable as its index; an
      // element of a local array the function writes into is not.
      return r.array() instanceof Expr.Var v && !writtenArrays.contains(v.name())
          && readableLater(r.array()) && readableLater(r.index());
    }
    return false;
  }

  private boolean hasLinear(List<Linear> program) {
    for (Linear l : program) {
      if (l instanceof Linear.Tangent || l instanceof Linear.Call || l instanceof Linear.TangentWrite) {
        return true;
      }
      if (l instanceof Linear.If f && (hasLinear(f.thenBody()) || hasLinear(f.elseBody()))) {
        return true;
      }
      if (l instanceof Linear.While w && hasLinear(w.body())) {
        return true;
      }
      if (l instanceof Linear.Block b && hasLinear(b.body())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- sweeps

  /**
   * Writes the forward sweep of {@code program} into {@code fwd} and appends the reverse-sweep
   * fragments, in forward order, to {@code rev}; the caller reverses them.
   */
  private void sweep(List<Linear> program, boolean top, CodeBlock.Builder fwd, List<CodeBlock> rev) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p) {
        JvpWriter.PrimalWriter.write(p.stmt(), fwd);
      } else if (l instanceof Linear.DeclareTangent || l instanceof Linear.TangentArray) {
        // Cotangents are declared once, at the start of the reverse sweep.
      } else if (l instanceof Linear.TangentWrite w) {
        rev.add(transposeWrite(w, top, fwd));
      } else if (l instanceof Linear.Tangent t) {
        rev.add(transpose(t, top, fwd));
      } else if (l instanceof Linear.Call c) {
        rev.add(call(c, top, fwd));
      } else if (l instanceof Linear.If f) {
        ifStmt(f, top, fwd, rev);
      } else if (l instanceof Linear.While w) {
        whileStmt(w, fwd, rev);
      } else if (l instanceof Linear.Block b) {
        fwd.add("{\n$>");
        List<CodeBlock> inner = new ArrayList<>();
        sweep(b.body(), false, fwd, inner);
        fwd.add("$<}\n");
        rev.add(joinReversed(inner));
      }
      // Linear.Return: the caller seeds the cotangent of the returned value.
    }
  }

  private static CodeBlock joinReversed(List<CodeBlock> fragments) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = fragments.size() - 1; i >= 0; i--) {
      b.add(fragments.get(i));
    }
    return b.build();
  }

  /** A value the reverse sweep reads at this point: the expression itself, a final local, or the tape. */
  private Expr keep(Expr e, Type type, boolean top, CodeBlock.Builder fwd, List<String> pops, String base) {
    if (readableLater(e)) {
      return e;
    }
    String name = names.temp(base);
    if (top) {
      fwd.addStatement("final $L $L = $L", type.javaName(), name, ExprWriter.write(e));
    } else {
      usesTape = true;
      if (type == Type.INT) {
        fwd.addStatement("tape.pushInt($L)", ExprWriter.write(e));
        pops.add("int " + name + " = reader.popInt()");
      } else {
        fwd.addStatement("tape.pushDouble($L)", ExprWriter.write(e));
        pops.add(type.javaName() + " " + name + " = " + (type == Type.FLOAT ? "(float) " : "") + "reader.popDouble()");
      }
    }
    return new Expr.Var(name, type);
  }

  private CodeBlock transpose(Linear.Tangent t, boolean top, CodeBlock.Builder fwd) {
    Expr.Var bar = bars.get(t.target().name());
    List<String> pops = new ArrayList<>();
    List<CodeBlock> updates = new ArrayList<>();
    // b·b (or the same index twice): the value is saved once and read by both terms.
    Map<Expr, Expr> kept = new HashMap<>();
    for (Linear.Term term : t.terms()) {
      Expr factorExpr = null;
      if (term.factor() != null) {
        Type ft = term.factor().type() == Type.FLOAT ? Type.FLOAT : Type.DOUBLE;
        factorExpr = kept.get(term.factor());
        if (factorExpr == null) {
          factorExpr = keep(term.factor(), ft, top, fwd, pops, "coef");
          kept.put(term.factor(), factorExpr);
        }
      }
      Expr index = null;
      if (term.index() != null) {
        index = kept.get(term.index());
        if (index == null) {
          index = keep(term.index(), Type.INT, top, fwd, pops, "index");
          kept.put(term.index(), index);
        }
      }
      Expr.Var target = bars.get(term.source().name());
      if (index == null && target.type().isArray()) {
        // An array copied by reference (a record's array component from a parameter): element-wise.
        updates.add(CodeBlock.of("$T.add($L, $L)", RuntimeTypes.ACCUMULATE, target.name(), bar.name()));
        continue;
      }
      String into = index == null ? target.name() : target.name() + "[" + ExprWriter.write(index) + "]";
      Type targetType = term.index() == null ? target.type() : target.type().element();
      Linear.Term printed = new Linear.Term(factorExpr, term.divide(), false, term.source(), null);
      String value = Terms.product(printed, bar.name());
      Type valueType = Terms.type(printed, bar.type());
      updates.add(CodeBlock.of("$L", into + (term.negate() ? " -= " : " += ")
          + Terms.convert(value, valueType, targetType, true)));
    }
    CodeBlock.Builder b = CodeBlock.builder();
    // Pops run in the reverse order of the pushes.
    for (int i = pops.size() - 1; i >= 0; i--) {
      b.addStatement("$L", pops.get(i));
    }
    updates.forEach(b::addStatement);
    zero(t.target().name(), bar, b);
    return b.build();
  }

  /**
   * {@code yDot[i] = vDot} transposed: the element's cotangent moves into {@code v}'s and is
   * cleared, since the write overwrote what the element held before.
   */
  private CodeBlock transposeWrite(Linear.TangentWrite w, boolean top, CodeBlock.Builder fwd) {
    Expr.Var bar = bars.get(w.target().name());
    List<String> pops = new ArrayList<>();
    Expr index = keep(w.index(), Type.INT, top, fwd, pops, "index");
    String element = bar.name() + "[" + ExprWriter.write(index) + "]";
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = pops.size() - 1; i >= 0; i--) {
      b.addStatement("$L", pops.get(i));
    }
    if (w.source() != null) {
      Expr.Var target = bars.get(w.source().name());
      b.addStatement("$L += $L", target.name(),
          Terms.convert(element, bar.type().element(), target.type(), false));
    }
    b.addStatement("$L = $L", element, Terms.zero(bar.type().element()));
    return b.build();
  }

  private void zero(String tangentName, Expr.Var bar, CodeBlock.Builder b) {
    if (assignCount.getOrDefault(tangentName, 0) > 1 || assignedInLoop.contains(tangentName)) {
      b.addStatement("$L = $L", bar.name(), Terms.zero(bar.type()));
    }
  }

  private CodeBlock call(Linear.Call c, boolean top, CodeBlock.Builder fwd) {
    Callee callee = c.callee();
    TypeName vjpType = vjpType(callee);
    String pb = names.temp(callee.name() + "Vjp");
    List<String> args = new ArrayList<>(ExprWriter.arguments(callee, c.args()));
    if (callee.isFunctionObject()) {
      // A function object's reverse mode is its own vjp: a virtual call, whatever the object is.
      fwd.addStatement("$T $L = $L.vjp($L)", vjpType, pb, callee.receiver(), String.join(", ", args));
    } else {
      fwd.addStatement("$T $L = $T.$LVjp($L)", vjpType, pb, RuntimeTypes.derivatives(callee), callee.name(),
          String.join(", ", args));
    }
    String decl = c.declare() ? ExprWriter.typeName(c.result().type()) + " " : "";
    fwd.addStatement("$L$L = $L", decl, c.result().name(),
        Terms.convert(pb + ".value()", Type.DOUBLE, c.result().type(), false));
    CodeBlock.Builder b = CodeBlock.builder();
    String saved = pb;
    if (!top) {
      usesTape = true;
      fwd.addStatement("tape.pushObject($L)", pb);
      // At the top level a lambda local may not take the name of the method's own.
      saved = tapeEverything ? names.temp(callee.name() + "Vjp") : pb;
      b.addStatement("$T $L = reader.popObject()", vjpType, saved);
    }
    Expr.Var bar = bars.get(c.resultDot().name());
    List<Callee.Param> diff = callee.differentiatedParams();
    String grad = names.temp(callee.name() + "Grad");
    b.addStatement("$T $L = $L.pullback($L)", gradType(callee), grad, saved, bar.name());
    int k = 0;
    for (Callee.Param p : diff) {
      Expr.Var argTangent = c.argTangents().get(k++);
      if (argTangent == null) {
        continue;
      }
      Expr.Var target = bars.get(argTangent.name());
      String component = callee.isPacked() ? grad + "[" + (k - 1) + "]"
          : callee.hasSingleGradient() ? grad : grad + "." + p.name() + "()";
      if (p.type().isArray()) {
        b.addStatement("$T.add($L, $L)", RuntimeTypes.ACCUMULATE, target.name(), component);
      } else {
        Type componentType = callee.hasSingleGradient() ? Type.DOUBLE : p.type();
        b.addStatement("$L += $L", target.name(), Terms.convert(component, componentType, target.type(), false));
      }
    }
    zero(c.resultDot().name(), bar, b);
    return b.build();
  }

  /** The Java type of a callee's {@code fVjp} result. */
  static TypeName vjpType(Callee callee) {
    if (callee.returnType() != null && callee.returnType().isArray()) {
      return ParameterizedTypeName.get(RuntimeTypes.RECORD_VJP, DerivativesEmitter.typeName(callee.returnType()),
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
      return com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE);
    }
    if (callee.isFunctionObject() && !callee.hasSingleGradient()) {
      return RuntimeTypes.GRAD2;
    }
    if (callee.hasSingleGradient()) {
      Type t = callee.differentiatedParams().get(0).type();
      return t.isArray() ? DerivativesEmitter.typeName(t) : TypeName.DOUBLE;
    }
    return RuntimeTypes.derivatives(callee).nestedClass(callee.gradRecordName());
  }

  private void ifStmt(Linear.If f, boolean top, CodeBlock.Builder fwd, List<CodeBlock> rev) {
    if (!hasLinear(f.thenBody()) && !hasLinear(f.elseBody())) {
      sweepPlainIf(f, fwd);
      return;
    }
    String flag = names.temp("branch");
    fwd.addStatement("$Lboolean $L = $L", top ? "final " : "", flag, ExprWriter.write(f.condition()));
    List<CodeBlock> thenRev = new ArrayList<>();
    List<CodeBlock> elseRev = new ArrayList<>();
    fwd.beginControlFlow("if ($L)", flag);
    sweep(f.thenBody(), false, fwd, thenRev);
    if (!f.elseBody().isEmpty()) {
      fwd.nextControlFlow("else");
      sweep(f.elseBody(), false, fwd, elseRev);
    }
    fwd.endControlFlow();
    CodeBlock.Builder b = CodeBlock.builder();
    String test = flag;
    if (!top) {
      usesTape = true;
      fwd.addStatement("tape.pushInt($L ? 1 : 0)", flag);
      test = "reader.popInt() != 0";
    }
    CodeBlock thenCode = joinReversed(thenRev);
    CodeBlock elseCode = joinReversed(elseRev);
    if (thenCode.isEmpty()) {
      b.beginControlFlow("if (!($L))", test);
      b.add(elseCode);
    } else {
      b.beginControlFlow("if ($L)", test);
      b.add(thenCode);
      if (!elseCode.isEmpty()) {
        b.nextControlFlow("else");
        b.add(elseCode);
      }
    }
    b.endControlFlow();
    rev.add(b.build());
  }

  private void sweepPlainIf(Linear.If f, CodeBlock.Builder fwd) {
    fwd.beginControlFlow("if ($L)", ExprWriter.write(f.condition()));
    sweep(f.thenBody(), false, fwd, new ArrayList<>());
    if (!f.elseBody().isEmpty()) {
      fwd.nextControlFlow("else");
      sweep(f.elseBody(), false, fwd, new ArrayList<>());
    }
    fwd.endControlFlow();
  }

  private void whileStmt(Linear.While w, CodeBlock.Builder fwd, List<CodeBlock> rev) {
    if (!hasLinear(w.body())) {
      fwd.beginControlFlow("while ($L)", ExprWriter.write(w.condition()));
      sweep(w.body(), false, fwd, new ArrayList<>());
      fwd.endControlFlow();
      return;
    }
    usesTape = true;
    String count = names.temp("trips");
    fwd.addStatement("int $L = 0", count);
    fwd.beginControlFlow("while ($L)", ExprWriter.write(w.condition()));
    List<CodeBlock> inner = new ArrayList<>();
    sweep(w.body(), false, fwd, inner);
    fwd.addStatement("$L++", count);
    fwd.endControlFlow();
    fwd.addStatement("tape.pushInt($L)", count);
    String iter = names.temp("trip");
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("for (int $L = reader.popInt(); $L > 0; $L--)", iter, iter, iter);
    b.add(joinReversed(inner));
    b.endControlFlow();
    rev.add(b.build());
  }
}
