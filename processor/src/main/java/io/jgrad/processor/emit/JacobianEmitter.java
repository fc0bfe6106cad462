package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.emit.JacobianSignature.Param;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code fJacobian} of a function with an array or record result ({@code jax.jacfwd}/{@code jax.jacrev}),
 * written as ordinary code over the function's own {@code fJvp} and {@code fVjp}: with n input leaves
 * and m output leaves, n calls of {@code fJvp} along unit tangents when n ≤ m, else one {@code fVjp} and
 * m pullbacks of unit cotangents; decided while generating where no count depends on an array's length,
 * else at run time. Row i is output leaf i; each differentiated parameter has its own block of columns.
 */
final class JacobianEmitter {
  private final JacobianSignature sig;
  private final List<Param> diff;
  /** The Jacobian's element type: float where every leaf is a float. */
  private final Type element;
  private final Set<String> taken = new HashSet<>();
  /** The local of each differentiated parameter's block, in parameter order. */
  private final Map<Param, String> blocks = new LinkedHashMap<>();
  private final MethodSpec.Builder method;
  private final String i;
  private final String j;
  private final String g;
  /** The locals of the result's value and of its leaf count, the rows. */
  private final String value;
  private final String m;
  /** Whether the result's value is in a local already, named {@code value}. */
  private boolean valueDeclared;

  private JacobianEmitter(JacobianSignature sig) {
    this.sig = sig;
    this.diff = sig.differentiated();
    // A float Jacobian only where every leaf is a float: a double anywhere keeps its precision.
    this.element = sig.result().element() == Type.FLOAT
        && diff.stream().allMatch(p -> p.leaves().element() == Type.FLOAT) ? Type.FLOAT : Type.DOUBLE;
    sig.params().forEach(p -> taken.add(p.name()));
    diff.forEach(p -> blocks.put(p, fresh(diff.size() == 1 ? "jacobian"
        : "jac" + Names.capitalized(p.name()))));
    this.i = fresh("i");
    this.j = fresh("j");
    this.g = fresh("g");
    this.value = fresh("value");
    this.m = fresh("m");
    this.method = MethodSpec.methodBuilder(sig.name() + "Jacobian")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameters(sig.declared());
  }

  /** Adds {@code fJacobian}, and for several differentiated parameters its record, to {@code type}. */
  static void emit(JacobianSignature sig, TypeSpec.Builder type) {
    if (sig.differentiated().isEmpty()) {
      return;
    }
    new JacobianEmitter(sig).write(type);
  }

  private void write(TypeSpec.Builder type) {
    method.addJavadoc("The Jacobian of {@code $L} ({@code jax.jacfwd}/{@code jax.jacrev}).\n\n"
        + "<p>Row i is the result's leaf i: an array's element i, a record's leaves depth first in\n"
        + "declaration order with arrays flattened. Column j of a parameter's block is its leaf j; a\n"
        + "number parameter's block is one column.\n\n", sig.name());
    if (sig.forward()) {
      method.addJavadoc("<p>Forward mode (one {@code $LJvp} per input leaf) when there are no more input\n"
          + "leaves than output leaves, else reverse mode (one {@code $LVjp}, one pullback per output\n"
          + "leaf).\n", sig.name(), sig.name());
    } else {
      method.addJavadoc("<p>Reverse mode, as it has no forward mode: one {@code $LVjp}, one pullback per\n"
          + "output leaf.\n", sig.name());
    }
    for (Param p : diff) {
      if (!p.leaves().isNumber()) {
        method.addStatement("$T.requireNonNull($L, $S)", Objects.class, p.name(), p.name());
        p.leaves().arrays(p.name()).stream().filter(a -> !a.equals(p.name()))
            .forEach(a -> method.addStatement("$T.requireNonNull($L, $S)", Objects.class, a, a));
      }
    }
    boolean fixed = sig.result().fixedCount() && diff.stream().allMatch(p -> p.leaves().fixedCount());
    if (!sig.forward()) {
      allocateAndReverse();
    } else if (fixed) {
      // Both counts are known here: one mode, chosen now.
      int rows = Integer.parseInt(sig.result().count(""));
      method.addStatement("int $L = $L", m, rows);
      allocate();
      if (Integer.parseInt(inputCount()) <= rows) {
        forward();
      } else {
        reverse();
      }
    } else {
      if (!sig.result().fixedCount()) {
        // The value sizes the rows, whose number depends on array lengths.
        method.addStatement("$T $L = $T.$L($L)", sig.result().javaType(), value, sig.owner(), sig.name(),
            sig.args());
        valueDeclared = true;
      }
      method.addStatement("int $L = $L", m, sig.result().count(value));
      String n = fresh("n");
      method.addStatement("int $L = $L", n, inputCount());
      allocate();
      method.beginControlFlow("if ($L <= $L)", n, m);
      forward();
      method.nextControlFlow("else");
      reverse();
      method.endControlFlow();
    }
    if (diff.size() == 1) {
      method.returns(blockType(diff.get(0))).addStatement("return $L", blocks.get(diff.get(0)));
    } else {
      String record = sig.recordName();
      type.addType(DerivativesEmitter.gradRecord(record, diff.stream()
              .map(p -> ParameterSpec.builder(blockType(p), p.name()).build()).toList(),
          "The Jacobian of {@code $L}, one block per differentiated parameter, named after it: m\nrows (the"
              + " result's leaves) by the parameter's leaves; a number parameter's block is one\ncolumn.\n",
          sig.name()));
      method.returns(sig.home().nestedClass(record))
          .addStatement("return new $L($L)", record, String.join(", ", blocks.values()));
    }
    type.addMethod(method.build());
  }

  /** Reverse mode alone, the rows counted from the value {@code fVjp} gives. */
  private void allocateAndReverse() {
    method.addComment("Reverse mode only ($L has no forward mode): each output leaf's gradient is a row.",
        sig.name());
    String vjp = vjp();
    method.addStatement("int $L = $L", m, sig.result().count(value));
    allocate();
    pullbacks(vjp);
  }

  /**
   * {@code var vjp = fVjp(...)}, and the value it holds in the local {@code value} where the unit
   * cotangents or the row count read it and it is not there yet.
   */
  private String vjp() {
    String vjp = fresh("vjp");
    method.addStatement("var $L = $LVjp($L)", vjp, sig.name(), sig.args());
    if (!valueDeclared && (!sig.result().fixedCount() || sig.result().unitReadsValue())) {
      method.addStatement("$T $L = $L.value()", sig.result().javaType(), value, vjp);
      valueDeclared = true;
    }
    return vjp;
  }

  /** The blocks: m rows by each parameter's leaf count; one column for a number parameter. */
  private void allocate() {
    for (Param p : diff) {
      if (p.leaves().isNumber()) {
        method.addStatement("$L[] $L = new $L[$L]", element.javaName(), blocks.get(p), element.javaName(), m);
      } else {
        method.addStatement("$L[][] $L = new $L[$L][$L]", element.javaName(), blocks.get(p), element.javaName(), m,
            p.leaves().count(p.name()));
      }
    }
  }

  /** Column j of a parameter's block is the tangent along its leaf j's unit vector. */
  private void forward() {
    method.addComment("Forward mode: the tangent along each input leaf's unit vector is a column.");
    for (Param p : diff) {
      if (p.leaves().isNumber()) {
        CodeBlock column = column(p, CodeBlock.of("$L", Terms.one(p.leaves().type())));
        method.addStatement("$T.setColumn($L,$W$L)", TangentLeaves.JACOBIANS, blocks.get(p), column);
        continue;
      }
      method.beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, p.leaves().count(p.name()), j);
      CodeBlock column = column(p, p.leaves().unit(p.name(), j));
      method.addStatement("$T.setColumn($L, $L,$W$L)", TangentLeaves.JACOBIANS, blocks.get(p), j, column);
      method.endControlFlow();
    }
  }

  /** The result's tangent along {@code unit} in parameter {@code p}, zero in the others, flattened. */
  private CodeBlock column(Param p, CodeBlock unit) {
    List<CodeBlock> args = new ArrayList<>(sig.params().stream().map(q -> CodeBlock.of("$L", q.name())).toList());
    for (Param q : diff) {
      args.add(q == p ? unit : q.leaves().isNumber() ? CodeBlock.of("$L", Terms.zero(q.leaves().type()))
          : q.leaves().zero(q.name()));
    }
    String tangent = fresh("tangent");
    method.addStatement("$T $L =$W$LJvp($L).tangent()", sig.result().javaType(), tangent, sig.name(),
        CodeBlock.join(args, ",$W"));
    // An array tangent of the Jacobian's element type is a column as it is: setColumn copies it.
    return sig.result().shape() == null && sig.result().element() == element ? CodeBlock.of("$L", tangent)
        : sig.result().flatten(tangent, element);
  }

  /** One {@code fVjp}, then the pullback of each output leaf's unit cotangent as a row. */
  private void reverse() {
    method.addComment("Reverse mode: the gradient of each output leaf, pulled back from its unit cotangent, is a row.");
    pullbacks(vjp());
  }

  private void pullbacks(String vjp) {
    method.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, m, i);
    method.addStatement("var $L =$W$L.pullback($L)", g, vjp, sig.result().unit(value, i));
    for (Param p : diff) {
      String gradient = diff.size() == 1 ? g : g + "." + p.name() + "()";
      method.addStatement("$L[$L] =$W$L", blocks.get(p), i,
          p.leaves().isNumber() ? gradient : p.leaves().flatten(gradient, element));
    }
    method.endControlFlow();
  }

  /** The number of differentiated input leaves: the numbers summed, then the arrays' lengths. */
  private String inputCount() {
    int numbers = 0;
    List<String> arrays = new ArrayList<>();
    for (Param p : diff) {
      for (String term : p.leaves().count(p.name()).split(" \\+ ")) {
        if (term.chars().allMatch(Character::isDigit)) {
          numbers += Integer.parseInt(term);
        } else {
          arrays.add(term);
        }
      }
    }
    List<String> terms = new ArrayList<>();
    if (numbers > 0 || arrays.isEmpty()) {
      terms.add(Integer.toString(numbers));
    }
    terms.addAll(arrays);
    return String.join(" + ", terms);
  }

  /** A parameter's block: {@code double[m]} for a number, else {@code double[m][leaves]}. */
  private TypeName blockType(Param p) {
    TypeName row = ArrayTypeName.of(DerivativesEmitter.typeName(element));
    return p.leaves().isNumber() ? row : ArrayTypeName.of(row);
  }

  private String fresh(String base) {
    return Names.fresh(base, taken);
  }
}
