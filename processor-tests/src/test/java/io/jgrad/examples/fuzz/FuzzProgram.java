package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A generated class of functions {@code fI(double x, double y)}, rendered to Java on demand. */
record FuzzProgram(List<Function> functions) {
  private static final Pattern CALL = Pattern.compile("\\b(f\\d+)\\(");

  /** One function: its name, its order (1 or 2), its body and the expression it returns. */
  record Function(String name, int order, List<FuzzStmt> body, String result) {
    String render() {
      // Kernels take no local arrays or records: such functions are differentiated but not batched.
      String text = FuzzStmt.render(body, "");
      boolean containers = text.contains("new double[") || text.contains("new P(");
      return "  " + (containers ? "" : "@Batched ") + "@Differentiable" + (order == 2 ? "(order = 2)" : "")
          + " static double " + name
          + "(double x, double y) {\n" + FuzzStmt.render(body, "    ") + "    return " + result + ";\n  }\n";
    }

    /** The generated functions this one calls. */
    Set<String> callees() {
      Set<String> out = new LinkedHashSet<>();
      Matcher m = CALL.matcher(render().substring(render().indexOf('{')));
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }
  }

  /**
   * Functions with custom JVP rules that are their true derivatives, in every program for the random
   * functions to call: a {@code jvp} rule calling its primal (order 2, so order-2 callers may call
   * it), a second one, and a {@code jvps} pair (order 1).
   */
  static final String RULES = ""
      + "  record P(double a, double b) {}\n"
      + "  @CustomJvp(jvp = \"c0Jvp\", order = 2) static double c0(double x, double y) { return Math.sin(x) * y; }\n"
      + "  static io.jgrad.runtime.Dual c0Jvp(double x, double y, double xDot, double yDot) {\n"
      + "    double ans = c0(x, y);\n"
      + "    return io.jgrad.runtime.Dual.of(ans, Math.cos(x) * y * xDot + Math.sin(x) * yDot);\n  }\n"
      + "  @CustomJvp(jvp = \"c1Jvp\", order = 2) static double c1(double x, double y) { return x / (1 + y * y); }\n"
      + "  static io.jgrad.runtime.Dual c1Jvp(double x, double y, double xDot, double yDot) {\n"
      + "    double d = 1 + y * y;\n"
      + "    double ans = c1(x, y);\n"
      + "    return io.jgrad.runtime.Dual.of(ans, xDot / d - 2 * y * ans / d * yDot);\n  }\n"
      + "  @CustomJvp(jvps = {\"c2JvpX\", \"c2JvpY\"}) static double c2(double x, double y) {\n"
      + "    return Math.atan(x) * Math.cos(y);\n  }\n"
      + "  static double c2JvpX(double xDot, double ans, double x, double y) { return Math.cos(y) / (1 + x * x) * xDot; }\n"
      + "  static double c2JvpY(double yDot, double ans, double x, double y) { return -Math.atan(x) * Math.sin(y) * yDot; }\n";

  /** The class {@code pkg.className}. */
  String source(String pkg, String className) {
    StringBuilder s = new StringBuilder("package " + pkg + ";\nimport io.jgrad.annotations.*;\nfinal class "
        + className + " {\n");
    s.append(RULES);
    functions.forEach(f -> s.append(f.render()));
    return s.append("}\n").toString();
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
      twins.append("  static double ").append(f.name()).append("_overflow(double x, double y) {\n")
          .append(twin(body)).append("    return ").append(twin(f.result())).append(";\n  }\n");
    }
    return plain.substring(0, plain.lastIndexOf('}')) + twins + "}\n";
  }

  private static final List<String> UNARY_MATH =
      List.of("sin", "cos", "tan", "tanh", "exp", "atan", "sqrt", "log", "log1p", "abs", "cbrt");
  private static final List<String> BINARY_MATH = List.of("max", "min", "hypot", "atan2", "pow");

  /** Code of the twin: calls go to the callees' twins and Math calls through the checking M. */
  private static String twin(String code) {
    return CALL.matcher(code).replaceAll("$1_overflow(").replace("Math.", "M.");
  }

  private static List<FuzzStmt> withOverflowChecks(List<FuzzStmt> stmts) {
    List<FuzzStmt> out = new ArrayList<>();
    for (FuzzStmt s : stmts) {
      if (s instanceof FuzzStmt.Line l) {
        out.add(l);
        String[] words = l.text().split("\\s+");
        if (words[0].equals("double[]")) {
          continue; // new double[3]: zeros; its elements are checked where they are assigned
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
      out.add(f.name().equals(name) ? new Function(f.name(), f.order(), body, f.result()) : f);
    }
    return new FuzzProgram(out);
  }
}
