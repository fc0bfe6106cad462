package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random functions of (x, y) in the differentiable subset: nested Math primitives, locals,
 * compound assignment to parameters and locals, if/else on primal values and counted loops. Every
 * primitive stays inside its domain by construction ({@code @} repeats the previous operand, so
 * {@code sqrt(1 + a·a)}, {@code log1p(a·a)}), so no NaN arises, not even in unused branches.
 */
final class RandomPrograms {
  private static final String[] UNARY = {
    "Math.sin(#)", "Math.cos(#)", "Math.tanh(#)", "Math.exp(0.3 * #)", "Math.atan(#)",
    "Math.sqrt(1 + # * @)", "Math.log1p(# * @)", "Math.abs(#)", "-(#)", "Math.cbrt(2 + Math.sin(#))"
  };
  private static final String[] BINARY = {
    "# + #", "# - #", "# * #", "# / (1.5 + Math.abs(#))", "Math.max(#, #)", "Math.hypot(#, 1 + # * @)",
    "Math.atan2(#, 1 + # * @)", "Math.pow(1.5 + Math.sin(#), #)"
  };

  private final Random random;
  private int names;

  RandomPrograms(long seed) {
    this.random = new Random(seed);
  }

  /** A class {@code pkg.F} with {@code count} functions {@code f0 .. f(count-1)}. */
  String source(String pkg, int count) {
    StringBuilder s = new StringBuilder("package " + pkg + ";\nimport io.jgrad.annotations.*;\nfinal class F {\n");
    for (int i = 0; i < count; i++) {
      List<String> vars = new ArrayList<>(List.of("x", "y"));
      s.append("  @Differentiable static double f").append(i).append("(double x, double y) {\n");
      for (String line : statements(vars, 0, 5)) {
        s.append("    ").append(line).append('\n');
      }
      s.append("    return ").append(expr(vars, 2)).append(" * 0.5 + x;\n  }\n");
    }
    return s.append("}\n").toString();
  }

  private List<String> statements(List<String> vars, int depth, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double r = random.nextDouble();
      if (r < 0.4) {
        String v = "v" + names++;
        out.add("double " + v + " = " + expr(vars, 3) + ";");
        vars.add(v);
      } else if (r < 0.6) {
        String target = vars.get(random.nextInt(vars.size()));
        String op = new String[] {"+=", "-=", "*=", "="}[random.nextInt(4)];
        // *= scales by tanh(·) so repeated products stay bounded: an overflow to infinity in a value
        // that never reaches the output would poison reverse mode (0 · ∞), as it does in JAX.
        String rhs = op.equals("*=") ? "Math.tanh(" + expr(vars, 2) + ")" : expr(vars, 2);
        out.add(target + " " + op + " " + rhs + ";");
      } else if (r < 0.8 && depth < 2) {
        String cond = expr(vars, 2) + " > " + expr(vars, 1);
        List<String> a = statements(new ArrayList<>(vars), depth + 1, 2);
        List<String> b = statements(new ArrayList<>(vars), depth + 1, 2);
        out.add("if (" + cond + ") { " + String.join(" ", a) + " } else { " + String.join(" ", b) + " }");
      } else if (depth < 2) {
        String i = "k" + names++;
        List<String> body = statements(new ArrayList<>(vars), depth + 1, 2);
        out.add("for (int " + i + " = 0; " + i + " < " + (1 + random.nextInt(3)) + "; " + i + "++) { "
            + String.join(" ", body) + " }");
      }
    }
    return out;
  }

  private String expr(List<String> vars, int depth) {
    if (depth == 0 || random.nextDouble() < 0.3) {
      if (random.nextDouble() < 0.25) {
        return String.valueOf(Math.round((random.nextDouble() * 4 - 2) * 100) / 100.0);
      }
      return vars.get(random.nextInt(vars.size()));
    }
    String pattern = random.nextBoolean()
        ? UNARY[random.nextInt(UNARY.length)] : BINARY[random.nextInt(BINARY.length)];
    StringBuilder out = new StringBuilder("(");
    String last = null;
    for (char ch : pattern.toCharArray()) {
      if (ch == '#') {
        last = expr(vars, depth - 1);
        out.append(last);
      } else if (ch == '@') {
        out.append(last);
      } else {
        out.append(ch);
      }
    }
    return out.append(")").toString();
  }
}
