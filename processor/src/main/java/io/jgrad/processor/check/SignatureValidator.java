package io.jgrad.processor.check;

import io.jgrad.annotations.NonDiff;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks what a differentiable method's declaration must satisfy before its body is read. */
public final class SignatureValidator {
  private SignatureValidator() {}

  /** Whether {@code method} may be differentiated; reports each problem at the method. */
  public static boolean validate(ExecutableElement method, List<ExecutableElement> siblings, Report report) {
    int before = report.errorCount();
    String name = method.getSimpleName().toString();
    DiffSpec spec = DiffSpec.of(method).orElseThrow();
    String annotation = spec.annotation();
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      report.error(Codes.NOT_STATIC, annotation + " method " + name + " must be static;"
          + " hint: pass the object's state as parameters", method);
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(Codes.GENERIC, annotation + " method " + name + " must not be generic", method);
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Codes.INACCESSIBLE, annotation + " method " + name + " must not be private:"
          + " its generated derivatives live in another class; hint: make it package-private", method);
    }
    if (siblings.stream().filter(m -> m.getSimpleName().contentEquals(name)).count() > 1) {
      report.error(Codes.OVERLOAD, "differentiable methods may not be overloaded (" + name
          + "): the generated names would clash; hint: give each its own name", method);
    }
    // f and F would both generate the gradient record FGrad.
    siblings.stream().map(m -> m.getSimpleName().toString())
        .filter(other -> !other.equals(name) && Names.capitalized(other).equals(Names.capitalized(name)))
        .findFirst()
        .ifPresent(other -> report.error(Codes.OVERLOAD, "differentiable methods " + name + " and "
            + other + " differ only in the case of their first letter: both would generate "
            + Names.capitalized(name) + "Grad; hint: rename one", method));
    if (DiffSpec.annotationCount(method) > 1) {
      report.error(Codes.CONFLICTING_ANNOTATIONS, name + " carries more than one of @Differentiable,"
          + " @CustomJvp and @CustomVjp, so its derivatives would come from two places; hint: keep one",
          method);
    }
    checkedExceptions(method, name, report);
    privateClass(method.getEnclosingElement()).ifPresent(c -> report.error(Codes.INACCESSIBLE, "the class "
        + c.getSimpleName() + " that holds " + name + " is private, and the generated derivatives"
        + " live in another class; hint: make it package-private", method));
    Type returnType = TypeMapper.map(method.getReturnType());
    RecordShape resultShape = RecordShape.of(method.getReturnType());
    if (resultShape != null && !resultShape.differentiable()) {
      report.error(Codes.UNSUPPORTED_TYPE, annotation + " method " + name + " returns the record "
          + method.getReturnType() + ", which has no double or float component to differentiate", method);
    } else if (resultShape == null && (returnType == null || !(returnType.isScalar()
        || returnType == Type.DOUBLE_ARRAY || returnType == Type.FLOAT_ARRAY))) {
      report.error(Codes.UNSUPPORTED_TYPE, annotation + " method " + name + " must return double or"
          + " float (or an array or a record of them), not " + method.getReturnType(), method);
    }
    // Records are packed and unpacked in the generated class, which lives in the method's package.
    String pkg = RecordShape.packageName(method);
    Stream.concat(Stream.of(method.getReturnType()), method.getParameters().stream().map(VariableElement::asType))
        .map(t -> RecordShape.inaccessibleFrom(t, pkg)).filter(Objects::nonNull).findFirst()
        .ifPresent(hidden -> report.error(Codes.INACCESSIBLE, "the record " + hidden + " is not public and lives"
            + " in another package, so the generated derivatives of " + name + " cannot build it; hint: make it"
            + " public", method));
    boolean anyDifferentiable = false;
    for (VariableElement p : method.getParameters()) {
      Type t = TypeMapper.map(p.asType());
      RecordShape shape = RecordShape.of(p.asType());
      if (shape != null) {
        anyDifferentiable |= shape.differentiable() && p.getAnnotation(NonDiff.class) == null;
      } else if (RecordShape.isRecord(p.asType())) {
        report.error(Codes.UNSUPPORTED_TYPE, "parameter " + p.getSimpleName() + " is the record " + p.asType()
            + ", which jgrad cannot scalarize: its components must be double, float, int, long, boolean,"
            + " String, enums or such records, and it must not be generic or private", p);
      } else if (t == null) {
        report.error(Codes.UNSUPPORTED_TYPE, "parameter " + p.getSimpleName() + " of type " + p.asType()
            + " is not supported yet (double, float, double[], float[], int[], int, long, boolean, String, enums,"
            + " interfaces without type arguments such as DoubleUnaryOperator, DiffFn1, DiffFn2)", p);
      } else if (t.isDifferentiable() && p.getAnnotation(NonDiff.class) == null) {
        anyDifferentiable = true;
      } else if (t == Type.OBJECT && p.asType() instanceof DeclaredType d && privateClass(d.asElement()).isPresent()) {
        report.error(Codes.INACCESSIBLE, "parameter " + p.getSimpleName() + " has the private type "
            + p.asType() + ", which the generated derivatives cannot name; hint: make it package-private", p);
      }
      if (Names.GENERATED.contains(p.getSimpleName().toString())) {
        report.error(Codes.NAME_CLASH, "parameter " + p.getSimpleName() + " has a name that the"
            + " generated reverse mode declares itself (" + String.join(", ", Names.GENERATED)
            + "); hint: rename the parameter", p);
      }
    }
    for (String w : spec.wrt()) {
      VariableElement p = method.getParameters().stream()
          .filter(q -> q.getSimpleName().contentEquals(w)).findFirst().orElse(null);
      if (p == null) {
        report.error(Codes.BAD_WRT, "wrt names " + w + ", which is not a parameter of " + name, method);
        continue;
      }
      Type t = TypeMapper.map(p.asType());
      if (t != null && (!t.isDifferentiable() || p.getAnnotation(NonDiff.class) != null)) {
        report.error(Codes.BAD_WRT, "wrt names " + w + ", which is " + (t.isDifferentiable()
            ? "@NonDiff" : "of type " + p.asType()) + " and has no derivative; hint: list only double,"
            + " float or array parameters without @NonDiff", method);
      }
    }
    int order = spec.order();
    if (order < 1) {
      report.error(Codes.UNSUPPORTED_ORDER, "order must be at least 1 (the order of the highest derivative"
          + " to generate), not " + order, method);
    }
    if (!anyDifferentiable && report.errorCount() == before) {
      report.error(Codes.NOTHING_TO_DIFFERENTIATE, name + " has no differentiable parameter"
          + " (double, float or an array of them)", method);
    }
    return report.errorCount() == before;
  }

  /** The innermost private class among {@code e} and the classes around it, which generated code cannot name. */
  private static Optional<TypeElement> privateClass(Element e) {
    for (; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Reports each checked exception {@code method} declares, {@code what} naming it in the message:
   * generated code calls it in lambdas (pullbacks, function objects) that cannot throw them, and a
   * clause carried onto some generated methods but not others would be an error in generated code.
   * Unchecked ones need nothing.
   */
  static void checkedExceptions(ExecutableElement method, String what, Report report) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      // An unresolved type is javac's error already.
      if (thrown.getKind() == TypeKind.DECLARED && !isUnchecked(thrown)) {
        report.error(Codes.CHECKED_THROWS, what + " declares the checked exception "
            + ((DeclaredType) thrown).asElement().getSimpleName() + ", which the"
            + " generated derivatives cannot throw (their pullbacks and function objects are lambdas); hint:"
            + " catch it inside and rethrow it as an unchecked exception (UncheckedIOException)", method);
      }
    }
  }

  /** Whether {@code thrown} is a {@code RuntimeException} or an {@code Error}, or a subclass of one. */
  private static boolean isUnchecked(TypeMirror thrown) {
    for (TypeMirror t = thrown; t instanceof DeclaredType d; ) {
      TypeElement e = (TypeElement) d.asElement();
      String name = e.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return true;
      }
      t = e.getSuperclass();
    }
    return false;
  }
}
