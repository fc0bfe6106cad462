package io.jgrad.examples.fuzz;

/**
 * The signature of a generated function. Every body computes with numbers {@code x} and {@code y}:
 * the parameters themselves, or locals read from an array or record parameter; an array or record
 * result is built from the returned number and the final {@code x} and {@code y}.
 */
enum FuzzShape {
  /** {@code double f(double x, double y)}: the functions the checks differentiate directly. */
  SCALAR("double", "double x, double y", ""),
  /** {@code double f(double[] w)}, {@code w} of length 3: a target of derivative calls. */
  ARRAY_PARAM("double", "double[] w", "double x = w[0] + 0.5 * w[2];\n    double y = w[1] - 0.25 * w[2];\n"),
  /** {@code double f(P p)}: a target of derivative calls. */
  RECORD_PARAM("double", "P p", "double x = p.a();\n    double y = p.b();\n"),
  /** {@code double[] f(double x, double y)} of length 3: called by bodies of any order. */
  ARRAY_RESULT("double[]", "double x, double y", ""),
  /** {@code P f(double x, double y)}: called by bodies of any order. */
  RECORD_RESULT("P", "double x, double y", "");

  private final String result;
  private final String parameters;
  private final String prelude;

  FuzzShape(String result, String parameters, String prelude) {
    this.result = result;
    this.parameters = parameters;
    this.prelude = prelude;
  }

  /** The declaration of {@code name} up to its opening brace and the locals x and y, indented. */
  String header(String name) {
    return "static " + result + " " + name + "(" + parameters + ") {\n" + (prelude.isEmpty() ? "" : "    " + prelude);
  }

  /** The statements that return the function's result, given the number {@code e} it computes. */
  String returns(String e) {
    return switch (this) {
      case ARRAY_RESULT -> "    double[] r = new double[3];\n    r[0] = " + e + ";\n"
          + "    r[1] = Math.sin(x) + 0.5 * y;\n    r[2] = x * y;\n    return r;\n";
      case RECORD_RESULT -> "    return new P(" + e + ", Math.sin(x) + 0.5 * y);\n";
      default -> "    return " + e + ";\n";
    };
  }

  /** Whether callers read it through its generated entry points (a derivative call's target). */
  boolean isTarget() {
    return this == ARRAY_PARAM || this == RECORD_PARAM;
  }
}
