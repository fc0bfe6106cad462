package io.jgrad.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.TypeMapper;
import java.util.List;
import javax.lang.model.element.VariableElement;

/**
 * What differs between the methods a {@link BodyParser} reads (a body, a custom JVP rule, a pass of a
 * {@code @CustomVjp} rule): what a {@code return} gives, and how a parameter is bound and read.
 */
interface ReadMode {
  /**
   * The value a {@code return value;} gives; {@code out} takes the statements that must run before
   * it (a forward pass's residuals).
   */
  Expr readReturn(ReadContext cx, ExpressionTree value, TreePath path, List<Stmt> out);

  /** Binds parameter {@code index}, named {@code name}, after a record one got its leaves. */
  default void bindParameter(ReadContext cx, int index, VariableElement p, String name) {}

  /** What {@code e} reads when it names a parameter this mode binds itself, else null. */
  default Expr readParameter(ReadContext cx, ExpressionTree e, TreePath path) {
    return null;
  }

  /** The body read, completed with what the mode declares (a forward pass's residual locals). */
  default List<Stmt> finish(List<Stmt> body) {
    return body;
  }

  /** A body: a value, or a record whole. */
  ReadMode BODY = (cx, value, path, out) -> {
    RecordShape shape = RecordShape.of(cx.method.getReturnType());
    return shape != null ? cx.records.recordResult(value, path, shape)
        : ReadContext.widen(cx.expr(value, path), TypeMapper.map(cx.method.getReturnType()));
  };
}
