package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.RecordSignature.UserParam;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the rules of a {@code @CustomJvp} function: a {@code jvp} rule's body, with the primal
 * parameters named as the function names them (with records in the signature, read once into the
 * flat function, records scalarized), or the {@code jvps} rules it calls. The processor's
 * entry finds and checks the rules before this reads them, and checks linearity after.
 */
public final class CustomJvpReader {
  private CustomJvpReader() {}

  /**
   * A {@code @CustomJvp} rule's body read into the function it defines, with the source position of
   * each expression of that body, so that checks after reading (linearity) report in the rule.
   */
  public record ReadRule(Function.JvpRule function, Map<Expr, Tree> positions, CompilationUnitTree unit,
      ExecutableElement rule) {}

  /** The function {@code rule}'s body defines for {@code sig}, or empty after reporting what is not read. */
  public static Optional<ReadRule> read(Callee sig, ExecutableElement rule, Trees trees, Report report,
      CalleeResolver callees) {
    // A plain parameter is a user parameter without a record shape.
    List<UserParam> diff = sig.differentiatedParams().stream().map(p -> new UserParam(p.name(), null, p, true))
        .toList();
    return read(sig, sig.paramNames(), tangents(rule, sig.params().size(), diff), rule, trees, report, callees);
  }

  /**
   * The flat function of a {@code @CustomJvp} with records: the body of {@code rule} read once, record
   * parameters and tangents scalarized, returning the whole record and its tangent; empty after
   * reporting what is not read.
   */
  public static Optional<ReadRule> readRecord(RecordSignature sig, ExecutableElement rule, Trees trees,
      Report report, CalleeResolver callees) {
    List<String> primalNames = sig.params().stream().map(UserParam::name).toList();
    return read(sig.flat(), primalNames, tangents(rule, primalNames.size(), sig.differentiatedParams()), rule, trees,
        report, callees);
  }

  /**
   * The rule's tangent parameters, which follow its {@code primals} primal ones: one per parameter of
   * {@code diff}, a record's read leaf by leaf (one per differentiable leaf), named as the rule names it.
   */
  private static List<Callee.Param> tangents(ExecutableElement rule, int primals, List<UserParam> diff) {
    List<Callee.Param> out = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      String name = rule.getParameters().get(primals + i).getSimpleName().toString();
      UserParam p = diff.get(i);
      if (p.shape() == null) {
        out.add(new Callee.Param(name, p.param().type(), true));
      } else {
        // Its leaves named as a record parameter's are (name_x, name_y), the differentiable ones only.
        new UserParam(name, p.shape(), null, true).flat().stream().filter(Callee.Param::differentiated)
            .forEach(out::add);
      }
    }
    return out;
  }

  /**
   * The function {@code sig} that {@code rule}'s body defines, its primal parameters named
   * {@code primalNames} and its tangents {@code tangentParams} (a record's read leaf by leaf), or empty
   * after reporting what is not read.
   */
  private static Optional<ReadRule> read(Callee sig, List<String> primalNames, List<Callee.Param> tangentParams,
      ExecutableElement rule, Trees trees, Report report, CalleeResolver callees) {
    BodyParser parser = new BodyParser(trees, report, callees, rule, primalNames, new Mode(), null);
    return parser.parse().map(parsed -> new ReadRule(new Function.JvpRule(sig, parsed.body(),
        rule.getSimpleName().toString(), tangentParams.stream().map(Callee.Param::name).toList(),
        Activity.of(parsed.body(), tangentParams)), parser.positions(), parser.unit(), rule));
  }

  /** Whether {@code ownerName} is the runtime's pair of a value and its tangent. */
  static boolean isDual(String ownerName) {
    return ownerName.equals("io.jgrad.runtime.Dual") || ownerName.equals("io.jgrad.runtime.FloatDual");
  }

  /**
   * How a custom JVP rule is read: its returns are {@code Dual.of(value, tangent)} (or {@code Jvp.of}
   * for an array or record result, a record's value and tangent read whole).
   */
  static final class Mode implements ReadMode {
    /** {@code Dual.of(value, tangent)} or {@code new Dual(value, tangent)} returned by a rule. */
    @Override
    public Expr readReturn(ReadContext cx, ExpressionTree e, TreePath parent, List<Stmt> out) {
      TreePath path = new TreePath(parent, e);
      Element target = cx.trees.getElement(path);
      List<? extends ExpressionTree> args = e instanceof MethodInvocationTree m && target != null
          && target.getSimpleName().contentEquals("of") ? m.getArguments()
          : e instanceof NewClassTree n ? n.getArguments() : null;
      Element owner = target == null ? null : target.getEnclosingElement();
      String ownerName = owner instanceof TypeElement te ? te.getQualifiedName().toString() : "";
      boolean pair = args != null && args.size() == 2;
      // The result is Jvp<R>: R a record, an array, or none for a Dual.
      TypeMirror result = cx.method.getReturnType() instanceof DeclaredType d && d.getTypeArguments().size() == 1
          ? d.getTypeArguments().get(0) : null;
      RecordShape record = result == null ? null : RecordShape.of(result);
      Type type = result == null ? null : TypeMapper.map(result);
      if (record != null || type != null && type.isArray()) {
        if (!pair || !ownerName.equals("io.jgrad.runtime.Jvp")) {
          return cx.failed(Codes.RULE_RETURN, "a custom JVP rule of " + (record != null ? "a record function"
              : "a function with an array result") + " must end each path with return Jvp.of(value, tangent)", e);
        }
        // Jvp.of(value, tangent): both records whole, or both arrays of the result's length.
        return record != null ? new Expr.Pair(cx.records.recordResult(args.get(0), path, record),
            cx.records.recordResult(args.get(1), path, record), Type.OBJECT)
            : new Expr.Pair(cx.expr(args.get(0), path), cx.expr(args.get(1), path), type);
      }
      if (!pair || !isDual(ownerName)) {
        return cx.failed(Codes.RULE_RETURN, "a custom JVP rule must end each path with return Dual.of(value,"
            + " tangent)", e);
      }
      Type dual = ownerName.endsWith("FloatDual") ? Type.FLOAT : Type.DOUBLE;
      return new Expr.Pair(coerce(cx.expr(args.get(0), path), dual), coerce(cx.expr(args.get(1), path), dual), dual);
    }
  }
}
