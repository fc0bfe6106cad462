package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Type;

/** The runtime classes generated code names, and the generated classes of other functions. */
final class RuntimeTypes {
  private RuntimeTypes() {}

  private static final String RUNTIME = "io.jgrad.runtime";
  /** Types only generated code uses: apart from the API, as Dagger's {@code dagger.internal}. */
  private static final String INTERNAL = "io.jgrad.runtime.internal";
  static final ClassName DUAL = ClassName.get(RUNTIME, "Dual");
  static final ClassName FLOAT_DUAL = ClassName.get(RUNTIME, "FloatDual");
  static final ClassName SCALAR_VJP = ClassName.get(RUNTIME, "ScalarVjp");
  static final ClassName VJP = ClassName.get(RUNTIME, "Vjp");
  static final ClassName VALUE_AND_GRAD = ClassName.get(RUNTIME, "ValueAndGrad");
  static final ClassName VALUE_AND_DERIVATIVE = ClassName.get(RUNTIME, "ValueAndDerivative");
  static final ClassName TAPE = ClassName.get(INTERNAL, "Tape");
  static final ClassName ACCUMULATE = ClassName.get(INTERNAL, "Accumulate");
  static final ClassName BACKEND = ClassName.get(RUNTIME, "Backend");
  static final ClassName BATCH = ClassName.get(RUNTIME, "Batch");
  static final ClassName LANES = ClassName.get(INTERNAL, "Lanes");
  static final ClassName LANE_ARRAYS = ClassName.get(INTERNAL, "LaneArrays");
  static final ClassName KERNEL = ClassName.get("com.aparapi", "Kernel");
  static final ClassName TANGENTS = ClassName.get(INTERNAL, "Tangents");
  static final ClassName DIFF_FN1 = ClassName.get(RUNTIME, "DiffFn1");
  static final ClassName DIFF_FN2 = ClassName.get(RUNTIME, "DiffFn2");
  static final ClassName DIFF_FN_N = ClassName.get(RUNTIME, "DiffFnN");
  static final ClassName GRAD2 = ClassName.get(RUNTIME, "Grad2");
  static final ClassName JVP = ClassName.get(RUNTIME, "Jvp");
  static final ClassName RULE_CHECKS = ClassName.get(INTERNAL, "RuleChecks");
  static final ClassName PARTIALS = ClassName.get(INTERNAL, "Partials");
  static final ClassName FLOAT_VECTORS = ClassName.get(INTERNAL, "FloatVectors");
  static final ClassName RECORD_VJP = ClassName.get(RUNTIME, "RecordVjp");

  /** The dual number of a value of type {@code t}: a {@code FloatDual} for a float, else a {@code Dual}. */
  static ClassName dual(Type t) {
    return t == Type.FLOAT ? FLOAT_DUAL : DUAL;
  }

  /** The generated {@code ...Derivatives} class of a function. */
  static ClassName derivatives(Callee callee) {
    String q = callee.derivativesQualifiedName();
    int dot = q.lastIndexOf('.');
    return dot < 0 ? ClassName.get("", q) : ClassName.get(q.substring(0, dot), q.substring(dot + 1));
  }

  /**
   * The class that holds the generated members of {@code callee}: its derivatives class, or the class
   * {@code Internal} nested in it for members only generated code calls ({@link Callee#internal}).
   */
  static ClassName home(Callee callee) {
    return callee.internal() ? internal(callee) : derivatives(callee);
  }

  /** The class {@code Internal} nested in the derivatives class of {@code callee}. */
  static ClassName internal(Callee callee) {
    return derivatives(callee).nestedClass(Callee.INTERNAL_CLASS);
  }
}
