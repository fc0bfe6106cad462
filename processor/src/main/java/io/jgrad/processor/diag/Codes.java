package io.jgrad.processor.diag;

/** The stable codes of jgrad's diagnostics, printed as {@code [jgrad.Code]} before each message. */
public final class Codes {
  private Codes() {}

  public static final String NOT_STATIC = "jgrad.NotStatic";
  public static final String GENERIC = "jgrad.Generic";
  public static final String RECURSION = "jgrad.Recursion";
  public static final String LAMBDA = "jgrad.Lambda";
  public static final String TRY_CATCH = "jgrad.TryCatch";
  public static final String SWITCH = "jgrad.Switch";
  public static final String SYNCHRONIZED = "jgrad.Synchronized";
  public static final String FIELD_WRITE = "jgrad.FieldWrite";
  public static final String ARRAY_WRITE = "jgrad.ArrayWrite";
  public static final String UNSUPPORTED_MATH = "jgrad.UnsupportedMath";
  public static final String NOT_DIFFERENTIABLE = "jgrad.NotDifferentiable";
  public static final String UNSUPPORTED_STATEMENT = "jgrad.UnsupportedStatement";
  public static final String UNSUPPORTED_EXPRESSION = "jgrad.UnsupportedExpression";
  public static final String UNSUPPORTED_TYPE = "jgrad.UnsupportedType";
  public static final String RETURN_IN_LOOP = "jgrad.ReturnInLoop";
  public static final String UNSUPPORTED_RETURN = "jgrad.UnsupportedReturn";
  public static final String BAD_WRT = "jgrad.BadWrt";
  public static final String NOTHING_TO_DIFFERENTIATE = "jgrad.NothingToDifferentiate";
  public static final String OVERLOAD = "jgrad.Overload";
  public static final String INACCESSIBLE = "jgrad.Inaccessible";
  public static final String NOT_DIFFERENTIATED = "jgrad.NotDifferentiated";
  public static final String NON_DIFF_ARGUMENT = "jgrad.NonDiffArgument";
  public static final String CAPTURED_TANGENT = "jgrad.CapturedTangent";
  public static final String INSTANCE_CALL = "jgrad.InstanceCall";
  public static final String UNINFERRED_VAR = "jgrad.UninferredVar";
  public static final String PARENTHESIZED_ARGUMENT = "jgrad.ParenthesizedArgument";
  public static final String RULE_MISSING = "jgrad.RuleMissing";
  public static final String RULE_SIGNATURE = "jgrad.RuleSignature";
  public static final String RULE_RETURN = "jgrad.RuleReturn";
  public static final String RULE_NOT_STATIC = "jgrad.RuleNotStatic";
  public static final String NON_LINEAR_TANGENT = "jgrad.NonLinearTangent";
  public static final String NO_FORWARD_MODE = "jgrad.NoForwardMode";
  /** A call to a generated method that an option would make: {@code fHessian} without order 2, {@code fBatch} without {@code @Batched}. */
  public static final String NOT_GENERATED = "jgrad.NotGenerated";
  /** A call to a generated entry point in a differentiable body that jgrad does not differentiate. */
  public static final String DERIVATIVE_CALL = "jgrad.DerivativeCall";
  public static final String UNSUPPORTED_ORDER = "jgrad.UnsupportedOrder";
  public static final String RULE_SKIPS_PRIMAL = "jgrad.RuleSkipsPrimal";
  public static final String NOT_BATCHABLE = "jgrad.NotBatchable";
  public static final String CPU_ONLY_BATCH = "jgrad.CpuOnlyBatch";
  public static final String NEVER_RETURNS = "jgrad.NeverReturns";
  public static final String CONFLICTING_ANNOTATIONS = "jgrad.ConflictingAnnotations";
  public static final String NAME_CLASH = "jgrad.NameClash";
  public static final String CHECKED_THROWS = "jgrad.CheckedThrows";
  public static final String TOO_MANY_PARAMETERS = "jgrad.TooManyParameters";
  public static final String TOO_LARGE = "jgrad.TooLarge";
  public static final String LOCAL_CLASS = "jgrad.LocalClass";
  /** A compiler without javac's Tree API (Eclipse's ecj): jgrad cannot read method bodies there. */
  public static final String UNSUPPORTED_COMPILER = "jgrad.UnsupportedCompiler";
  /** A differentiable method whose body javac had not resolved when jgrad read it, and got no derivatives. */
  public static final String UNRESOLVED = "jgrad.Unresolved";
  public static final String INTERNAL = "jgrad.Internal";
}
