package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.dummy;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A custom JVP rule, whose returns are {@code Dual.of(value, tangent)} (or {@code Jvp.of} for an
 * array or record result, a record's value and tangent read whole).
 */
record JvpRuleMode() implements ReadMode {
  @Override
  public boolean jvpRule() {
    return true;
  }

  /** Whether {@code ownerName} is the runtime's pair of a value and its tangent. */
  static boolean isDual(String ownerName) {
    return ownerName.equals("io.jgrad.runtime.Dual") || ownerName.equals("io.jgrad.runtime.FloatDual");
  }

  /** {@code Dual.of(value, tangent)} or {@code new Dual(value, tangent)} returned by a rule. */
  @Override
  public Expr readReturn(ReadContext cx, ExpressionTree e, TreePath parent, List<Stmt> out) {
    TreePath path = new TreePath(parent, e);
    List<? extends ExpressionTree> args = null;
    Element target = cx.trees.getElement(path);
    if (e instanceof MethodInvocationTree m && target != null && target.getSimpleName().contentEquals("of")) {
      args = m.getArguments();
    } else if (e instanceof NewClassTree n) {
      args = n.getArguments();
    }
    Element owner = target == null ? null : target.getEnclosingElement();
    String ownerName = owner instanceof TypeElement te ? te.getQualifiedName().toString() : "";
    // The result is Jvp<R>: R a record, an array, or none for a Dual.
    TypeMirror result = cx.method.getReturnType() instanceof DeclaredType d && d.getTypeArguments().size() == 1
        ? d.getTypeArguments().get(0) : null;
    RecordShape record = result == null ? null : RecordShape.of(result);
    if (record != null) {
      return cx.records.rulePair(e, args, ownerName, path, record);
    }
    Type arrayResult = result == null ? null : TypeMapper.map(result);
    if (arrayResult != null && arrayResult.isArray()) {
      if (args == null || args.size() != 2 || !ownerName.equals("io.jgrad.runtime.Jvp")) {
        cx.error(Codes.RULE_RETURN, "a custom JVP rule of a function with an array result must end each path with"
            + " return Jvp.of(value, tangent)", e);
        return dummy();
      }
      // Jvp.of(value, tangent): both arrays of the result's length.
      return new Expr.Pair(cx.expr(args.get(0), path), cx.expr(args.get(1), path), arrayResult);
    }
    if (args == null || args.size() != 2 || !isDual(ownerName)) {
      cx.error(Codes.RULE_RETURN, "a custom JVP rule must end each path with return Dual.of(value, tangent)", e);
      return dummy();
    }
    Expr value = cx.expr(args.get(0), path);
    Expr tangent = cx.expr(args.get(1), path);
    Type type = ownerName.endsWith("FloatDual") ? Type.FLOAT : Type.DOUBLE;
    return new Expr.Pair(coerce(value, type), coerce(tangent, type), type);
  }
}
