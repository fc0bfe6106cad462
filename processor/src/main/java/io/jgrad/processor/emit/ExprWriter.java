package io.jgrad.processor.emit;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Type;
import java.util.stream.Collectors;

/**
 * Prints IR expressions as Java source with the fewest parentheses Java's precedence allows, so
 * that generated code reads like hand-written code.
 */
public final class ExprWriter {
  private static final int ATOM = 100;
  private static final int UNARY = 14;
  private static final int CAST = 13;
  private static final int TERNARY = 2;
  private static final int LAMBDA = 1;

  private ExprWriter() {}

  /** Java source for {@code e}. */
  public static String write(Expr e) {
    return write(e, 0);
  }

  /** Java source for {@code e}, parenthesized when it binds looser than {@code context}. */
  public static String write(Expr e, int context) {
    String s = bare(e);
    return precedence(e) < context ? "(" + s + ")" : s;
  }

  /**
   * Java source for {@code e} that JavaPoet may break at any space outside a literal, so that no
   * generated line runs past its column limit.
   */
  public static com.palantir.javapoet.CodeBlock wrapping(Expr e) {
    return wrapping(write(e));
  }

  /** {@code code} with each space outside a string or character literal a place to break the line. */
  static com.palantir.javapoet.CodeBlock wrapping(String code) {
    com.palantir.javapoet.CodeBlock.Builder b = com.palantir.javapoet.CodeBlock.builder();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        word.append(c);
        if (c == '\\' && i + 1 < code.length()) {
          word.append(code.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == ' ') {
        b.add("$L$W", word.toString());
        word.setLength(0);
      } else {
        if (c == '"' || c == '\'') {
          quote = c;
        }
        word.append(c);
      }
    }
    return b.add("$L", word.toString()).build();
  }

  /** How tightly {@code e} binds. */
  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    }
    if (e instanceof Expr.Prim p && p.primitive().isOperator()) {
      return p.primitive() == Primitive.NEG ? UNARY : (p.primitive() == Primitive.ADD || p.primitive() == Primitive.SUB ? 11 : 12);
    }
    if (e instanceof Expr.Unary || e instanceof Expr.Const c && c.value() instanceof Number n && n.doubleValue() < 0) {
      return UNARY;
    }
    return e instanceof Expr.Cast ? CAST : e instanceof Expr.Conditional ? TERNARY : e instanceof Expr.Lambda ? LAMBDA
        : ATOM;
  }

  private static String bare(Expr e) {
    if (e instanceof Expr.Const c) {
      return literal(c);
    }
    if (e instanceof Expr.Var v) {
      return v.name();
    }
    if (e instanceof Expr.StaticField f) {
      return f.owner() + "." + f.name();
    }
    if (e instanceof Expr.Binary b) {
      return infix(b.op().symbol, b.op().precedence, b.left(), b.right());
    }
    if (e instanceof Expr.Unary u) {
      return u.op().symbol + write(u.operand(), UNARY + (u.operand() instanceof Expr.Unary ? 1 : 0));
    }
    if (e instanceof Expr.Prim p) {
      Primitive prim = p.primitive();
      if (prim == Primitive.NEG) {
        return "-" + write(p.args().get(0), UNARY + 1);
      }
      if (prim.isOperator()) {
        return infix(prim.javaName(), precedence(p), p.args().get(0), p.args().get(1));
      }
      return (p.strict() ? "StrictMath." : "Math.") + prim.javaName() + "(" + args(p.args()) + ")";
    }
    if (e instanceof Expr.ArrayRead r) {
      return write(r.array(), ATOM) + "[" + write(r.index()) + "]";
    }
    if (e instanceof Expr.ArrayLength l) {
      return write(l.array(), ATOM) + ".length";
    }
    if (e instanceof Expr.Cast c) {
      return "(" + c.type().javaName() + ") " + write(c.operand(), CAST);
    }
    if (e instanceof Expr.Conditional c) {
      return write(c.condition(), TERNARY + 1) + " ? " + write(c.ifTrue(), TERNARY + 1) + " : "
          + write(c.ifFalse(), TERNARY);
    }
    if (e instanceof Expr.NewArray n) {
      return "new " + n.type().element().javaName() + "[" + write(n.length()) + "]";
    }
    if (e instanceof Expr.Lambda l) {
      return l.source();
    }
    if (e instanceof Expr.Call c && c.callee().isFunctionObject()) {
      return c.callee().receiver() + ".value(" + args(c.args()) + ")";
    }
    if (e instanceof Expr.RecordValue r) {
      return RecordEntryEmitter.build(r.shape(), r.leaves().stream().map(ExprWriter::write).iterator()).toString();
    }
    if (e instanceof Expr.Call c) {
      // A flat function of a record function (f_flat), like a tangent or pullback function, has its
      // primal in the generated class's Internal: for f_flat the user's function on packed records,
      // of which a call may read one leaf.
      Callee callee = c.callee();
      Callee.RecordResult read = callee.recordResult();
      return (callee.internal() ? RuntimeTypes.home(callee).canonicalName() : callee.ownerQualifiedName()) + "."
          + callee.name() + "(" + String.join(", ", arguments(callee, c.args())) + ")"
          + (read == null || read.leaf() < 0 ? "" : read.selected().read(""));
    }
    if (e instanceof Expr.PrimalCall c) {
      return c.receiver() + "." + c.method() + "(" + args(c.args()) + ")";
    }
    throw new IllegalArgumentException("cannot print " + e);
  }

  /**
   * The arguments of a call to {@code callee} (its primal or a generated derivative), each cast to a
   * {@code char}, {@code byte} or {@code short} parameter's type: the IR carries those values as
   * {@code int}, and the user's call compiled, so each value fits and the cast keeps it; a parameter
   * of the printed function declared with that type already is passed as it is.
   */
  public static java.util.List<String> arguments(io.jgrad.processor.ir.Callee callee, java.util.List<Expr> args) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String narrow = i < callee.params().size() ? callee.params().get(i).javaType() : null;
      boolean cast = narrow != null && io.jgrad.processor.ir.TypeMapper.NARROW_INTS.contains(narrow)
          && !NarrowParams.declaredAs(args.get(i), narrow);
      out.add(cast ? "(" + narrow + ") " + write(args.get(i), UNARY + 1) : write(args.get(i)));
    }
    return out;
  }

  private static String args(java.util.List<Expr> args) {
    return args.stream().map(ExprWriter::write).collect(Collectors.joining(", "));
  }

  /** Left-associative infix: the right operand needs parentheses at equal precedence. */
  private static String infix(String op, int p, Expr left, Expr right) {
    return write(left, p) + " " + op + " " + write(right, p + 1);
  }

  /** Java source for a literal, exact to the last bit. */
  public static String literal(Expr.Const c) {
    Object v = c.value();
    if (v instanceof Double || v instanceof Float) {
      String box = v instanceof Double ? "Double" : "Float";
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return box + ".NaN";
      }
      if (Double.isInfinite(d)) {
        return box + (d > 0 ? ".POSITIVE_INFINITY" : ".NEGATIVE_INFINITY");
      }
      return v + (v instanceof Float ? "f" : "");
    }
    if (v instanceof Long l) {
      return l + "L";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
    return String.valueOf(v);
  }

  /** The declared type of a local of IR type {@code t}. */
  public static String typeName(Type t) {
    return t == Type.OBJECT ? "String" : t.javaName();
  }
}
