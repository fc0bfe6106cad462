package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A generated class of functions {@code fI(double x, double y)}, rendered to Java on demand. */
record FuzzProgram(List<Function> functions) {
  /** The suffix of an entry point a body may call ({@link DerivativeCallShapes}), as an optional group. */
  private static final String ENTRY_POINT = "(Jvp|Grad|ValueAndGrad|Vjp|Hessian)?";
  /** A call to a generated function, {@code f3(}, or to one of its entry points, {@code FDerivatives.f3Grad(}. */
  private static final Pattern CALL = Pattern.compile("\\b(f\\d+)" + ENTRY_POINT + "\\(");
  /** The gradient record of a function, named in a local holding an entry point's result. */
  private static final Pattern GRADIENT_RECORD = Pattern.compile("\\bFDerivatives\\.(F\\d+|Vjp\\d+)Grad\\b");

  /**
   * One function: its name, its order (1, 2 or 3), its body, the number it returns and its
   * signature ({@link FuzzShape}).
   */
  record Function(String name, int order, List<FuzzStmt> body, String result, FuzzShape shape) {
    Function(String name, int order, List<FuzzStmt> body, String result) {
      this(name, order, body, result, FuzzShape.SCALAR);
    }

    String render(boolean batched) {
      // Kernels take no records or copied arrays: such functions are differentiated but not batched.
      return "  " + (batched ? "@Batched " : "") + "@Differentiable" + options() + " " + shape.header(name)
          + FuzzStmt.render(body, "    ") + shape.returns(result) + "  }\n";
    }

    /**
     * The annotation's options: {@code order = n} above 1; at order 1, every other function keeps checkpoints
     * of its loops, so that the checks compare them too (chosen by name: the programs stay the same).
     */
    private String options() {
      if (order >= 2) {
        return "(order = " + order + ")";
      }
      return Integer.parseInt(name.substring(1)) % 2 == 1 ? "(checkpointLoops = true)" : "";
    }

    /**
     * The plain twin {@code name_plain}, of the same order and not batched: the same code with each
     * call to a function with a {@code @CustomVjp} rule, or to a function in {@code reachingVjp},
     * going to its plain twin instead, so it has forward mode and its derivatives come from no rule.
     */
    String renderPlain(Set<String> reachingVjp) {
      return "  @Differentiable" + (order >= 2 ? "(order = " + order + ")" : "") + " static double " + name
          + "_plain(double x, double y) {\n" + plain(FuzzStmt.render(body, "    "), reachingVjp) + "    return "
          + plain(result, reachingVjp) + ";\n  }\n";
    }

    private static String plain(String code, Set<String> reachingVjp) {
      String rules = VJP_CALL.matcher(code).replaceAll("$1_plain$2(");
      String calls = CALL.matcher(rules).replaceAll(m -> reachingVjp.contains(m.group(1))
          ? m.group(1) + "_plain" + (m.group(2) == null ? "" : m.group(2)) + "(" : m.group());
      // The twin's entry points return the twin's records: FDerivatives.F3_plainGrad.
      return GRADIENT_RECORD.matcher(calls).replaceAll(m -> m.group(1).startsWith("Vjp")
          || reachingVjp.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))
          ? "FDerivatives." + m.group(1) + "_plainGrad" : m.group());
    }

    /** The body and the result as Java. */
    String code() {
      return FuzzStmt.render(body, "") + result;
    }

    /** The generated functions this one calls. */
    Set<String> callees() {
      Set<String> out = new LinkedHashSet<>();
      Matcher m = CALL.matcher(code());
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }

    /**
     * Whether its own code allows batched kernels: no record, no copied or read-only-called array
     * and no derivative call (a local array of a literal size is a lane's own).
     */
    boolean batchable() {
      String text = code();
      return shape == FuzzShape.SCALAR && !(text.contains("new P(") || text.contains("look(")
          || text.contains(".clone()") || text.contains("java.util.Arrays.") || text.contains("System.arraycopy")
          || text.contains(DerivativeCallShapes.DERIVATIVES));
    }
  }

  /** Whether {@code f} has batched kernels: batchable, and calling only functions of numbers. */
  boolean batched(Function f) {
    return f.batchable() && f.callees().stream().allMatch(c -> function(c).shape() == FuzzShape.SCALAR);
  }

  /** The functions that call a {@code @CustomVjp} function, directly or through generated functions. */
  Set<String> reachingVjp() {
    Set<String> out = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Function f : functions) {
        if (!out.contains(f.name())
            && (VJP_CALL.matcher(f.code()).find() || f.callees().stream().anyMatch(out::contains))) {
          out.add(f.name());
          grew = true;
        }
      }
    }
    return out;
  }

  /**
   * The first batched function that reaches a {@code @CustomVjp} rule with no call to a
   * {@code @CustomJvp} function in it or in any function it calls: its {@code fGradBatch} is the
   * transposed body with the rules spliced in, its loops run backwards by recomputation, which runs on
   * OpenCL, so the fuzzer sends it there. (A custom JVP rule, which kernels expand only in forward mode,
   * keeps such kernels on the CPU: javac warns {@code [jgrad.CpuOnlyBatch]} and OPENCL refuses them, as
   * documented.)
   */
  java.util.Optional<String> openClVjpFunction() {
    Set<String> vjp = reachingVjp();
    return functions.stream()
        .filter(f -> vjp.contains(f.name()) && batched(f)
            && onlyWithCallees(f.name()).functions().stream()
                .noneMatch(g -> JVP_CALL.matcher(g.code()).find()))
        .map(Function::name)
        .findFirst();
  }

  /**
   * Functions with custom JVP rules that are their true derivatives, in every program for the random
   * functions to call: a {@code jvp} rule calling its primal (order 3, so callers of order 2 and 3
   * may call it), a second one, and a {@code jvps} pair (order 1); with the record {@code P}, the field
   * {@code rate} that is not final (order-1 functions read it), {@code look}, a call that only reads
   * the array it is given, and {@code scale}, one that writes it ({@code [jgrad.ArrayWrite]} wherever
   * a function calls it).
   */
  static final String RULES = ""
      + "  record P(double a, double b) {}\n"
      + "  static double rate = 0.75;\n"
      + "  static double seen;\n"
      + "  static void look(double[] a) {\n"
      + "    double s = 0;\n"
      + "    for (double v : a) {\n      s += v;\n    }\n"
      + "    seen = s;\n  }\n"
      + "  static void scale(double[] a, double k) {\n"
      + "    for (int i = 0; i < a.length; i++) {\n      a[i] *= k;\n    }\n  }\n"
      + "  @CustomJvp(jvp = \"c0Jvp\", order = 3) static double c0(double x, double y) { return Math.sin(x) * y; }\n"
      + "  static io.jgrad.runtime.Dual c0Jvp(double x, double y, double xDot, double yDot) {\n"
      + "    double ans = c0(x, y);\n"
      + "    return io.jgrad.runtime.Dual.of(ans, Math.cos(x) * y * xDot + Math.sin(x) * yDot);\n  }\n"
      + "  @CustomJvp(jvp = \"c1Jvp\", order = 3) static double c1(double x, double y) { return x / (1 + y * y); }\n"
      + "  static io.jgrad.runtime.Dual c1Jvp(double x, double y, double xDot, double yDot) {\n"
      + "    double d = 1 + y * y;\n"
      + "    double ans = c1(x, y);\n"
      + "    return io.jgrad.runtime.Dual.of(ans, xDot / d - 2 * y * ans / d * yDot);\n  }\n"
      + "  @CustomJvp(jvps = {\"c2JvpX\", \"c2JvpY\"}) static double c2(double x, double y) {\n"
      + "    return Math.atan(x) * Math.cos(y);\n  }\n"
      + "  static double c2JvpX(double xDot, double ans, double x, double y) { return Math.cos(y) / (1 + x * x) * xDot; }\n"
      + "  static double c2JvpY(double yDot, double ans, double x, double y) { return -Math.atan(x) * Math.sin(y) * yDot; }\n";

  /** A call to a function with a {@code @CustomJvp} rule: {@code c0(} .. {@code c2(}. */
  private static final Pattern JVP_CALL = Pattern.compile("\\bc\\d+\\(");

  /** A call to a function with a {@code @CustomVjp} rule: {@code vjp0(} .. {@code vjp4(}. */
  static final Pattern VJP_CALL = Pattern.compile("\\b(vjp\\d+)" + ENTRY_POINT + "\\(");

  /**
   * Functions with {@code @CustomVjp} rules that are their true derivatives, one of each shape the
   * rules may take, in {@code className} (the {@code bwd} of a two-parameter function returns the
   * generated {@code <className>Derivatives.VjpNGrad} record):
   * <ul>
   *   <li>{@code vjp0}: a scalar residual ({@code Fwd<Double>}), a {@code double} gradient;
   *   <li>{@code vjp1}: residuals in {@code new double[] {...}} read at constant indices, the gradient
   *       record, and {@code fwd} calls {@code vjp0} (at order 2 its derivative comes from that rule);
   *   <li>{@code vjp2}: {@code fwd} calls the primal and saves its value;
   *   <li>{@code vjp3}: a record residual, and branches in both {@code fwd} and {@code bwd};
   *   <li>{@code vjp4}: {@code bwd} returns {@code null} (a zero gradient) where the function is flat;
   *   <li>{@code vjp5}: order 1 only (order-2 functions never call it), locals in {@code bwd}.
   * </ul>
   * Each has a plain twin {@code vjpN_plain} (order 2), the same function with no rule: the program's
   * plain twins call them, so a rule's derivatives can be checked against forward mode and against
   * the twin's {@code fHessian}.
   */
  static String vjpRules(String className) {
    String d = className + "Derivatives.";
    return ""
        + "  @CustomVjp(fwd = \"vjp0Fwd\", bwd = \"vjp0Bwd\", order = 2) static double vjp0(double x) { return Math.sin(x); }\n"
        + "  static io.jgrad.runtime.Fwd<Double> vjp0Fwd(double x) { return io.jgrad.runtime.Fwd.of(Math.sin(x), Math.cos(x)); }\n"
        + "  static double vjp0Bwd(Double cos, double g) { return cos * g; }\n"
        + "  @CustomVjp(fwd = \"vjp1Fwd\", bwd = \"vjp1Bwd\", order = 2) static double vjp1(double x, double y) { return Math.sin(x) * y; }\n"
        + "  static io.jgrad.runtime.Fwd<double[]> vjp1Fwd(double x, double y) {\n"
        + "    double s = vjp0(x);\n"
        + "    return io.jgrad.runtime.Fwd.of(s * y, new double[] {Math.cos(x), s, y});\n  }\n"
        + "  static " + d + "Vjp1Grad vjp1Bwd(double[] res, double g) {\n"
        + "    return new " + d + "Vjp1Grad(res[0] * res[2] * g, res[1] * g);\n  }\n"
        + "  @CustomVjp(fwd = \"vjp2Fwd\", bwd = \"vjp2Bwd\", order = 2) static double vjp2(double x) { return Math.tanh(x); }\n"
        + "  static io.jgrad.runtime.Fwd<Double> vjp2Fwd(double x) {\n"
        + "    double t = vjp2(x);\n"
        + "    return io.jgrad.runtime.Fwd.of(t, t);\n  }\n"
        + "  static double vjp2Bwd(Double t, double g) { return (1 - t * t) * g; }\n"
        + "  @CustomVjp(fwd = \"vjp3Fwd\", bwd = \"vjp3Bwd\", order = 2) static double vjp3(double x, double y) {\n"
        + "    return Math.abs(x) * x + x * y;\n  }\n"
        + "  static io.jgrad.runtime.Fwd<P> vjp3Fwd(double x, double y) {\n"
        + "    if (x < 0) {\n"
        + "      return io.jgrad.runtime.Fwd.of(-x * x + x * y, new P(x, y));\n    }\n"
        + "    return io.jgrad.runtime.Fwd.of(x * x + x * y, new P(x, y));\n  }\n"
        + "  static " + d + "Vjp3Grad vjp3Bwd(P r, double g) {\n"
        + "    if (r.a() < 0) {\n"
        + "      return new " + d + "Vjp3Grad((r.b() - 2 * r.a()) * g, r.a() * g);\n    }\n"
        + "    return new " + d + "Vjp3Grad((2 * r.a() + r.b()) * g, r.a() * g);\n  }\n"
        + "  @CustomVjp(fwd = \"vjp4Fwd\", bwd = \"vjp4Bwd\", order = 2) static double vjp4(double x, double y) {\n"
        + "    double r = 0;\n"
        + "    if (x > 0) {\n"
        + "      r = x * y;\n    }\n"
        + "    return r;\n  }\n"
        + "  static io.jgrad.runtime.Fwd<P> vjp4Fwd(double x, double y) {\n"
        + "    return io.jgrad.runtime.Fwd.of(vjp4(x, y), new P(x, y));\n  }\n"
        + "  static " + d + "Vjp4Grad vjp4Bwd(P r, double g) {\n"
        + "    if (r.a() <= 0) {\n"
        + "      return null;\n    }\n"
        + "    return new " + d + "Vjp4Grad(r.b() * g, r.a() * g);\n  }\n"
        + "  @CustomVjp(fwd = \"vjp5Fwd\", bwd = \"vjp5Bwd\") static double vjp5(double x, double y) { return x / (1 + y * y); }\n"
        + "  static io.jgrad.runtime.Fwd<double[]> vjp5Fwd(double x, double y) {\n"
        + "    double d = 1 + y * y;\n"
        + "    double ans = x / d;\n"
        + "    return io.jgrad.runtime.Fwd.of(ans, new double[] {d, ans, y});\n  }\n"
        + "  static " + d + "Vjp5Grad vjp5Bwd(double[] res, double g) {\n"
        + "    double d = res[0];\n"
        + "    double gy = -2 * res[2] * res[1] / d * g;\n"
        + "    return new " + d + "Vjp5Grad(g / d, gy);\n  }\n"
        + "  @Differentiable(order = 2) static double vjp0_plain(double x) { return Math.sin(x); }\n"
        + "  @Differentiable(order = 2) static double vjp1_plain(double x, double y) { return Math.sin(x) * y; }\n"
        + "  @Differentiable(order = 2) static double vjp2_plain(double x) { return Math.tanh(x); }\n"
        + "  @Differentiable(order = 2) static double vjp3_plain(double x, double y) { return Math.abs(x) * x + x * y; }\n"
        + "  @Differentiable(order = 2) static double vjp4_plain(double x, double y) {\n"
        + "    double r = 0;\n"
        + "    if (x > 0) {\n"
        + "      r = x * y;\n    }\n"
        + "    return r;\n  }\n"
        + "  @Differentiable static double vjp5_plain(double x, double y) { return x / (1 + y * y); }\n";
  }

  /** The class {@code pkg.className}. */
  String source(String pkg, String className) {
    StringBuilder s = new StringBuilder("package " + pkg + ";\nimport io.jgrad.annotations.*;\nfinal class "
        + className + " {\n");
    s.append(RULES).append(vjpRules(className));
    functions.forEach(f -> s.append(f.render(batched(f))));
    Set<String> reachingVjp = reachingVjp();
    functions.stream().filter(f -> reachingVjp.contains(f.name())).forEach(f -> s.append(f.renderPlain(reachingVjp)));
    return named(s.append("}\n").toString(), className);
  }

  /**
   * The class with, for each function, a plain twin {@code fI_overflow} (not differentiated) that sets
   * {@code overflowed} when any local or parameter it assigns, or any callee's, leaves double's
   * range. A value that overflows without reaching the output poisons reverse mode (0 · ∞ = NaN), as
   * in JAX; the checks use the twin to tell that documented case from a wrong derivative.
   */
  String sourceWithOverflowTwins(String pkg, String className) {
    String plain = source(pkg, className);
    StringBuilder twins = new StringBuilder("  static boolean overflowed;\n");
    // The twins call Math through M, which also flags an argument or result out of range: a
    // saturating function (atan2(a, ∞) = 0, tanh(∞) = 1) hides an overflow from the assigned value.
    twins.append("  static final class M {\n")
        .append("    static double f(double v) { if (!Double.isFinite(v)) overflowed = true; return v; }\n");
    for (String unary : UNARY_MATH) {
      twins.append("    static double ").append(unary).append("(double a) { return f(Math.").append(unary)
          .append("(f(a))); }\n");
    }
    for (String binary : BINARY_MATH) {
      twins.append("    static double ").append(binary).append("(double a, double b) { return f(Math.")
          .append(binary).append("(f(a), f(b))); }\n");
    }
    twins.append("  }\n");
    for (Function f : functions) {
      String body = FuzzStmt.render(withOverflowChecks(f.body()), "    ");
      twins.append("  ").append(f.shape().header(f.name() + "_overflow")).append(twin(body))
          .append(twin(f.shape().returns(f.result()))).append("  }\n");
    }
    return plain.substring(0, plain.lastIndexOf('}')) + named(twins.toString(), className) + "}\n";
  }

  private static final List<String> UNARY_MATH =
      List.of("sin", "cos", "tan", "tanh", "exp", "atan", "sqrt", "log", "log1p", "abs", "cbrt");
  private static final List<String> BINARY_MATH = List.of("max", "min", "hypot", "atan2", "pow");

  /** {@code code} with derivative calls naming the generated class of {@code className}. */
  private static String named(String code, String className) {
    return code.replaceAll("\\bFDerivatives\\.", className + "Derivatives.");
  }

  /**
   * Code of the twin: calls go to the callees' twins and Math calls through the checking M; calls
   * to entry points stay as they are (the callees' derivatives, computed by the generated code).
   */
  private static String twin(String code) {
    return CALL.matcher(code).replaceAll(m -> m.group(2) == null ? m.group(1) + "_overflow(" : m.group())
        .replace("Math.", "M.");
  }

  private static List<FuzzStmt> withOverflowChecks(List<FuzzStmt> stmts) {
    List<FuzzStmt> out = new ArrayList<>();
    for (FuzzStmt s : stmts) {
      if (s instanceof FuzzStmt.Line l) {
        out.add(l);
        String[] words = l.text().split("\\s+");
        if (words[0].equals("double[]") || words[0].contains("(") || words[0].contains(".")) {
          // an array (zeros, or a copy of checked values), a copy into one, a fill, a call, an entry point's result
          continue;
        }
        String target = words[0].equals("double") || words[0].equals("P") ? words[1] : words[0];
        String check = words[0].equals("P") ? "Double.isFinite(" + target + ".a()) && Double.isFinite(" + target
            + ".b())" : "Double.isFinite(" + target + ")";
        out.add(new FuzzStmt.Line("if (!(" + check + ")) overflowed = true;"));
      } else if (s instanceof FuzzStmt.If f) {
        out.add(new FuzzStmt.If(f.condition(), withOverflowChecks(f.then()), withOverflowChecks(f.otherwise())));
      } else {
        FuzzStmt.For f = (FuzzStmt.For) s;
        out.add(new FuzzStmt.For(f.index(), f.trips(), withOverflowChecks(f.body())));
      }
    }
    return out;
  }

  Function function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  /** {@code name} and the functions it reaches through calls, in their original order. */
  FuzzProgram onlyWithCallees(String name) {
    Set<String> keep = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(name));
    while (!todo.isEmpty()) {
      String n = todo.remove(todo.size() - 1);
      if (keep.add(n)) {
        todo.addAll(function(n).callees());
      }
    }
    return new FuzzProgram(functions.stream().filter(f -> keep.contains(f.name())).toList());
  }

  /** This program with {@code name}'s body replaced. */
  FuzzProgram withBody(String name, List<FuzzStmt> body) {
    List<Function> out = new ArrayList<>();
    for (Function f : functions) {
      out.add(f.name().equals(name) ? new Function(f.name(), f.order(), body, f.result(), f.shape()) : f);
    }
    return new FuzzProgram(out);
  }
}
