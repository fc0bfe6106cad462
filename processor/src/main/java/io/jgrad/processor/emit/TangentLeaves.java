package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves with a tangent of a value of one type (a number, an array, a record), in the order in
 * which {@code fJacobian} numbers them: an array's elements in order, a record's leaves depth first
 * in declaration order with arrays inside flattened. Prints their count, their unit and zero
 * tangents and their flattening into a row or a column.
 */
record TangentLeaves(Type type, RecordShape shape) {
  static final ClassName JACOBIANS = ClassName.get("io.jgrad.runtime.internal", "Jacobians");

  /** The leaves of a number or an array. */
  static TangentLeaves of(Type type) {
    return new TangentLeaves(type, null);
  }

  /** The leaves of a record. */
  static TangentLeaves of(RecordShape shape) {
    return new TangentLeaves(null, shape);
  }

  /** One leaf with a tangent: how Java reads it from the value, and its type. */
  private record Leaf(String read, Type type) {}

  private List<Leaf> leaves(String base) {
    if (shape == null) {
      return List.of(new Leaf(base, type));
    }
    return shape.leaves().stream().filter(RecordShape.Leaf::differentiable)
        .map(l -> new Leaf(l.read(base), l.type())).toList();
  }

  /** The Java type of the value. */
  TypeName javaType() {
    return shape != null ? ClassName.bestGuess(shape.qualifiedName()) : DerivativesEmitter.typeName(type);
  }

  /** Whether the value is one number: its Jacobian block is a column, not a matrix. */
  boolean isNumber() {
    return shape == null && type.isScalar();
  }

  /** Whether the number of leaves is known without a value (no array among them). */
  boolean fixedCount() {
    return leaves("").stream().noneMatch(l -> l.type().isArray());
  }

  /** {@code FLOAT} where every leaf is a float or a float array, else {@code DOUBLE}. */
  Type element() {
    return leaves("").stream().allMatch(l -> (l.type().isArray() ? l.type().element() : l.type()) == Type.FLOAT)
        ? Type.FLOAT : Type.DOUBLE;
  }

  /** Whether {@link #unit} reads the value it is shaped like: its arrays' lengths, its leaves without a tangent. */
  boolean unitReadsValue() {
    return shape == null ? type.isArray()
        : shape.leaves().stream().anyMatch(l -> !l.differentiable() || l.type().isArray());
  }

  /** The arrays among the leaves of {@code base}, as Java reads them, for null checks. */
  List<String> arrays(String base) {
    return leaves(base).stream().filter(l -> l.type().isArray()).map(Leaf::read).toList();
  }

  /** How many leaves {@code base} has: {@code 3}, {@code x.length}, {@code 1 + p.w().length}. */
  String count(String base) {
    return sum(leaves(base));
  }

  /** The leaves of {@code base} as a new array of {@code element}s: {@code double[]} or {@code float[]}. */
  CodeBlock flatten(String base, Type element) {
    return CodeBlock.of("$T.$L($L)", JACOBIANS, element == Type.FLOAT ? "floatLeaves" : "leaves",
        CodeBlock.join(leaves(base).stream().map(l -> CodeBlock.of("$L", l.read())).toList(), ",$W"));
  }

  /**
   * The tangent that is one at leaf {@code index} (a Java int expression) and zero elsewhere, shaped
   * like {@code like}: an array of its length, a record whose leaves without a tangent are its.
   */
  CodeBlock unit(String like, String index) {
    List<Leaf> leaves = leaves(like);
    List<CodeBlock> units = new ArrayList<>();
    for (int k = 0; k < leaves.size(); k++) {
      Leaf l = leaves.get(k);
      String offset = sum(leaves.subList(0, k));
      if (l.type().isArray()) {
        String shifted = offset.equals("0") ? index : index + " - " + offset.replace(" + ", " - ");
        units.add(CodeBlock.of("$T.$L($L.length, $L)", JACOBIANS,
            l.type().element() == Type.FLOAT ? "floatUnit" : "unit", l.read(), shifted));
      } else {
        units.add(CodeBlock.of("$L == $L ? $L : $L", index, offset, Terms.one(l.type()), Terms.zero(l.type())));
      }
    }
    return shape == null ? units.get(0) : withOthers(like, units);
  }

  /** The zero tangent shaped like {@code like}. */
  CodeBlock zero(String like) {
    List<CodeBlock> zeros = leaves(like).stream().map(l -> CodeBlock.of("$L", Terms.zeroLike(l.type(), l.read())))
        .toList();
    return shape == null ? zeros.get(0) : withOthers(like, zeros);
  }

  /** The record of {@code shape} from its leaves with a tangent, the others read from {@code like}. */
  private CodeBlock withOthers(String like, List<CodeBlock> tangents) {
    List<Object> all = new ArrayList<>();
    int k = 0;
    for (RecordShape.Leaf l : shape.leaves()) {
      all.add(l.differentiable() ? tangents.get(k++) : l.read(like));
    }
    return RecordEntryEmitter.build(shape, all.iterator());
  }

  /** {@code 2 + a.length + b.length}: the numbers counted once, then each array's length. */
  private static String sum(List<Leaf> leaves) {
    List<String> terms = new ArrayList<>();
    long numbers = leaves.stream().filter(l -> !l.type().isArray()).count();
    if (numbers > 0 || leaves.stream().allMatch(l -> !l.type().isArray())) {
      terms.add(Long.toString(numbers));
    }
    leaves.stream().filter(l -> l.type().isArray()).forEach(l -> terms.add(l.read() + ".length"));
    return String.join(" + ", terms);
  }
}
