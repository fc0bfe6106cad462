package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random functions of (x, y) in the differentiable subset: nested Math primitives, locals,
 * compound assignment to parameters and locals, if/else on primal values, counted loops, and calls
 * to earlier generated functions. Every primitive stays inside its domain by construction ({@code @}
 * repeats the previous operand, so {@code sqrt(1 + a·a)}, {@code log1p(a·a)}), so no NaN arises, not
 * even in unused branches. Every third function has {@code order = 2}, or {@code order = 3} for
 * every sixth that calls no {@code @CustomVjp} function (whose rules here have order 2); a
 * function calls only earlier functions that call no generated function themselves and have order 2
 * or 3 (order-3 functions only those of order 3), so calls never chain and every callee has the order
 * its callers need.
 *
 * <p>About four functions in ten (leaves included) call functions with {@code @CustomVjp} rules
 * ({@link FuzzProgram#vjpRules}), and only those call leaves that do. Reverse over reverse, and a
 * kernel through a rule on OpenCL, take straight-line code and if/else only (a loop is a
 * {@code [jgrad.UnsupportedOrder]} error at order 2, by design), so such functions of order 2 have
 * no loop, and half of those of order 1 have none either, for their kernels to run on OpenCL.
 *
 * <p>Functions that may call also call the generated entry points of the leaves, of the
 * {@code @CustomJvp} functions of order 3 and, where they may reach rules, of the {@code @CustomVjp}
 * functions ({@link DerivativeCallShapes}), on the call or through a local declared at the top of the
 * body, {@code fHessian(a, b)[i][j]} of those of order 3 among them; a caller of order k calls the
 * entry points of functions of order k + 1 and above (order-2 callers those of order 3, without
 * rules of their own to reach). Their checks (forward mode, or the plain twin's, against finite
 * differences of the value, and the caller's Hessian against finite differences of its gradient)
 * then cover derivatives of derivative calls, nested ones included.
 *
 * <p>In each ten functions ({@link #shape}), one takes a {@code double[]} and one a record {@code P}
 * (order 2 or 3): other bodies call their entry points ({@link ContainerCallShapes}) and the checks
 * compare their own gradients and Hessians with finite differences ({@link ContainerFunctionCheck});
 * one returns an array or a record, which bodies of every order call and read, its body taken into
 * theirs. One order-1 function in four builds a local array and a record and copies the array
 * (never batched), and one in four of the others fills a local array of a literal size, which its
 * {@code @Batched} kernels give each lane.
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

  /** A derivative call, or a read of a local holding one's result ({@code d12.x()}). */
  private static final java.util.regex.Pattern GENERATED_TYPE =
      java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(DerivativeCallShapes.DERIVATIVES) + "|\\bd\\d+\\.");

  private final Random random;
  private int names;
  /** The functions generated so far that later ones may call. */
  private final List<String> callable = new ArrayList<>();
  private boolean callsAllowed;
  /** Whether the function being generated may call {@code @CustomVjp} functions and leaves that do. */
  private boolean vjp;
  /** Whether the function being generated may have loops. */
  private boolean loopsAllowed;
  /** The leaves that reach a {@code @CustomVjp} rule: only functions with {@link #vjp} call them. */
  private final List<String> vjpLeaves = new ArrayList<>();
  /** The order of the function being generated: order-2 and order-3 functions call only rules of theirs. */
  private int order;
  /** The leaves of order 3, which order-3 functions may call. */
  private final List<String> orderThreeLeaves = new ArrayList<>();
  /** How many loops enclose the statement being generated. */
  private int loops;
  /** Values that expressions may read but statements may not assign: record components. */
  private final List<String> readOnly = new ArrayList<>();

  /** Writes the calls to other functions' generated entry points. */
  private final DerivativeCallShapes derivativeCalls;
  /** Writes the calls to the entry points of functions of an array or a record. */
  private final ContainerCallShapes containerCalls;
  /** The functions of an array or a record generated so far, whose entry points later ones may call. */
  private final List<ContainerCallShapes.Target> containerTargets = new ArrayList<>();
  /** The functions with an array or record result generated so far, which later ones may call. */
  private final List<FuzzProgram.Function> resultFunctions = new ArrayList<>();

  RandomPrograms(long seed) {
    this.random = new Random(seed);
    this.derivativeCalls = new DerivativeCallShapes(random);
    this.containerCalls = new ContainerCallShapes(random);
  }

  /**
   * The signature of function {@code i}: in each ten, the fifth takes an array, the eighth a record
   * (targets of derivative calls), and the ninth returns an array or a record (called in bodies).
   */
  private static FuzzShape shape(int i) {
    return switch (i % 10) {
      case 4 -> FuzzShape.ARRAY_PARAM;
      case 7 -> FuzzShape.RECORD_PARAM;
      case 8 -> i / 10 % 2 == 0 ? FuzzShape.ARRAY_RESULT : FuzzShape.RECORD_RESULT;
      default -> FuzzShape.SCALAR;
    };
  }

  /**
   * A function of an array or a record (order 2 or 3), or with an array or record result (order 1:
   * its callers take its body in), calling nothing, its body over the numbers x and y read from
   * its parameter.
   */
  private FuzzProgram.Function containerFunction(int i, FuzzShape shape) {
    order = shape.isTarget() ? 2 + random.nextInt(2) : 1;
    callsAllowed = false;
    vjp = false;
    loopsAllowed = true;
    readOnly.clear();
    List<String> vars = new ArrayList<>(List.of("x", "y"));
    List<FuzzStmt> body = statements(vars, 0, 4);
    FuzzProgram.Function f = new FuzzProgram.Function("f" + i, order, body, expr(vars, 2) + " * 0.5 + x", shape);
    if (shape.isTarget()) {
      containerTargets.add(new ContainerCallShapes.Target(f.name(), shape, order));
    } else {
      resultFunctions.add(f);
    }
    return f;
  }

  /** A program of {@code count} functions {@code f0 .. f(count-1)}. */
  FuzzProgram program(int count) {
    List<FuzzProgram.Function> functions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (shape(i) != FuzzShape.SCALAR) {
        functions.add(containerFunction(i, shape(i)));
        continue;
      }
      order = i % 3 == 0 ? 2 : 1;
      // Leaves (order 2 or 3, no calls) may be called; the others may call them.
      callsAllowed = !(order == 2 && random.nextBoolean());
      boolean containers = order == 1 && i % 4 == 1;
      vjp = random.nextDouble() < 0.4;
      // The containers' array is filled in a loop, so they keep their loops.
      loopsAllowed = containers || !(vjp && (order == 2 || random.nextBoolean()));
      if (order == 2 && i % 6 == 0 && !vjp) {
        order = 3; // drawn after the same random numbers as at order 2, so the other functions stay as they were
      }
      List<String> vars = new ArrayList<>(List.of("x", "y"));
      readOnly.clear();
      List<FuzzStmt> body = new ArrayList<>();
      if (containers) {
        body.addAll(containers(vars)); // a local array and a record: reverse mode only, never batched
      } else if (i % 4 == 3 && !vjp) {
        body.addAll(laneArray(vars)); // a local array of a literal size: batched, the lane's own
      }
      body.addAll(statements(vars, 0, 5));
      String result = expr(vars, 2) + " * 0.5 + x";
      FuzzProgram.Function f = new FuzzProgram.Function("f" + i, order, body, result);
      if (vjp && !new FuzzProgram(List.of(f)).reachingVjp().contains(f.name())
          && f.callees().stream().noneMatch(vjpLeaves::contains)) {
        // No rule was drawn: the result calls one, so every such function reaches a rule.
        f = new FuzzProgram.Function(f.name(), order, body, vjpCall(vars, 2) + " * 0.5 + " + result);
      }
      functions.add(f);
      if (!callsAllowed && order >= 2) {
        callable.add(f.name());
        if (order == 3) {
          orderThreeLeaves.add(f.name());
        }
        if (vjp) {
          vjpLeaves.add(f.name());
        }
      }
    }
    return new FuzzProgram(functions);
  }

  /**
   * {@code double[] aN = new double[3]} filled in a loop, and {@code P pM = new P(…, …)} (the
   * program's record, {@link FuzzProgram#RULES}); their elements and components become values the
   * rest of the body reads, and the elements targets it may update.
   */
  private List<FuzzStmt> containers(List<String> vars) {
    List<FuzzStmt> out = new ArrayList<>();
    String a = "a" + names++;
    String k = "k" + names++;
    out.add(new FuzzStmt.Line("double[] " + a + " = new double[3];"));
    out.add(new FuzzStmt.For(k, 3, List.of(new FuzzStmt.Line(a + "[" + k + "] = " + expr(vars, 2) + ";"))));
    String p = "p" + names++;
    out.add(new FuzzStmt.Line("P " + p + " = new P(" + argument(vars, 2) + ", " + argument(vars, 2) + ");"));
    for (int j = 0; j < 3; j++) {
      vars.add(a + "[" + j + "]");
    }
    out.addAll(copies(a, vars));
    readOnly.add(p + ".a()");
    readOnly.add(p + ".b()");
    return out;
  }

  /**
   * {@code double[] aN = new double[3]} filled in a loop, its elements values and targets of the
   * rest of the body: a function with it is still {@code @Batched} (each lane has its own array).
   */
  private List<FuzzStmt> laneArray(List<String> vars) {
    String a = "a" + names++;
    String k = "k" + names++;
    List<FuzzStmt> out = new ArrayList<>();
    out.add(new FuzzStmt.Line("double[] " + a + " = new double[3];"));
    out.add(new FuzzStmt.For(k, 3, List.of(new FuzzStmt.Line(a + "[" + k + "] = " + expr(vars, 2) + ";"))));
    for (int j = 0; j < 3; j++) {
      vars.add(a + "[" + j + "]");
    }
    return out;
  }

  /**
   * A copy {@code bN} of the array {@code a} (length 3) by {@code clone()}, {@code Arrays.copyOf} or
   * {@code copyOfRange}, then copies and fills into it ({@code System.arraycopy}, overlapping ones
   * within {@code bN} included, and {@code Arrays.fill}) and a call that only reads it ({@code look},
   * kept as written): what jgrad differentiates as loops, and what it must show writes nothing.
   */
  private List<FuzzStmt> copies(String a, List<String> vars) {
    List<FuzzStmt> out = new ArrayList<>();
    String b = "b" + names++;
    int length = switch (random.nextInt(3)) {
      case 0 -> {
        out.add(new FuzzStmt.Line("double[] " + b + " = " + a + ".clone();"));
        yield 3;
      }
      case 1 -> {
        out.add(new FuzzStmt.Line("double[] " + b + " = java.util.Arrays.copyOf(" + a + ", 4);"));
        yield 4;
      }
      default -> {
        out.add(new FuzzStmt.Line("double[] " + b + " = java.util.Arrays.copyOfRange(" + a + ", 1, 4);"));
        yield 3;
      }
    };
    for (int k = random.nextInt(3); k > 0; k--) {
      double r = random.nextDouble();
      if (r < 0.6) {
        String src = random.nextBoolean() ? a : b;
        int srcLength = src.equals(a) ? 3 : length;
        int from = random.nextInt(srcLength);
        int to = random.nextInt(length);
        int count = random.nextInt(Math.min(srcLength - from, length - to) + 1);
        out.add(new FuzzStmt.Line("System.arraycopy(" + src + ", " + from + ", " + b + ", " + to + ", " + count + ");"));
      } else if (r < 0.8) {
        int from = random.nextInt(length);
        int to = from + random.nextInt(length - from + 1);
        out.add(new FuzzStmt.Line("java.util.Arrays.fill(" + b + ", " + from + ", " + to + ", " + argument(vars, 2) + ");"));
      } else {
        out.add(new FuzzStmt.Line("java.util.Arrays.fill(" + b + ", " + argument(vars, 2) + ");"));
      }
    }
    out.add(new FuzzStmt.Line("look(" + b + ");"));
    for (int j = 0; j < length; j++) {
      vars.add(b + "[" + j + "]");
    }
    return out;
  }

  private List<FuzzStmt> statements(List<String> vars, int depth, int n) {
    List<FuzzStmt> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (depth == 0 && !derivativeTargets(2).isEmpty() && random.nextDouble() < 0.1) {
        // A local holding an entry point's result, at the top so that every later statement may read it.
        List<DerivativeCallShapes.Target> targets = derivativeTargets(2);
        DerivativeCallShapes.Held held = derivativeCalls.hold(targets.get(random.nextInt(targets.size())),
            "d" + names++, () -> argument(vars, 1));
        out.add(new FuzzStmt.Line(held.declaration()));
        held.reads().forEach(read -> readOnly.add("Math.tanh(" + read + ")"));
        continue;
      }
      List<ContainerCallShapes.Target> arrays = containerTargets(FuzzShape.ARRAY_PARAM);
      if (depth == 0 && !arrays.isEmpty() && random.nextDouble() < 0.1) {
        // A call of a function of an array on local arrays: its gradient array or a JVP, read later.
        List<String> reads = new ArrayList<>();
        out.addAll(containerCalls.callArray(arrays.get(random.nextInt(arrays.size())), "w" + names++, "u" + names++,
            "d" + names++, () -> argument(vars, 1), order, reads));
        reads.forEach(read -> readOnly.add("Math.tanh(" + read + ")"));
        continue;
      }
      if (depth == 0 && callsAllowed && !resultFunctions.isEmpty() && (order == 1 || !vjp)
          && random.nextDouble() < 0.1) {
        // A call of a function with an array or record result, its elements or components read.
        FuzzProgram.Function callee = resultFunctions.get(random.nextInt(resultFunctions.size()));
        String local = "r" + names++;
        String call = callee.name() + "(" + argument(vars, 1) + ", " + argument(vars, 1) + ")";
        if (callee.shape() == FuzzShape.ARRAY_RESULT) {
          out.add(new FuzzStmt.Line("double[] " + local + " = " + call + ";"));
          for (int j = 0; j < 3; j++) {
            readOnly.add("Math.tanh(" + local + "[" + j + "])");
          }
        } else {
          out.add(new FuzzStmt.Line("P " + local + " = " + call + ";"));
          readOnly.add("Math.tanh(" + local + ".a())");
          readOnly.add("Math.tanh(" + local + ".b())");
        }
        continue;
      }
      double r = random.nextDouble();
      if (r < 0.4) {
        String v = "v" + names++;
        out.add(new FuzzStmt.Line("double " + v + " = " + expr(vars, 3) + ";"));
        vars.add(v);
      } else if (r < 0.6) {
        String target = vars.get(random.nextInt(vars.size()));
        String op = new String[] {"+=", "-=", "*=", "="}[random.nextInt(4)];
        // *= scales by tanh(·), and inside a loop every other update goes through atan(·), so values
        // carried around a loop stay bounded (y = hypot(a, 1 + (x - y)²) squares y at each trip): an
        // overflow to infinity in a value that never reaches the output would poison reverse mode
        // (0 · ∞), as it does in JAX (seed 22 before this bound).
        String rhs = op.equals("*=") ? "Math.tanh(" + argument(vars, 2) + ")"
            : loops > 0 ? "Math.atan(" + argument(vars, 2) + ")" : expr(vars, 2);
        out.add(new FuzzStmt.Line(target + " " + op + " " + rhs + ";"));
      } else if (r < 0.8 && depth < 2) {
        String cond = expr(vars, 2) + " > " + expr(vars, 1);
        List<FuzzStmt> a = statements(new ArrayList<>(vars), depth + 1, 2);
        List<FuzzStmt> b = statements(new ArrayList<>(vars), depth + 1, 2);
        out.add(new FuzzStmt.If(cond, a, b));
      } else if (depth < 2 && !loopsAllowed) {
        String v = "v" + names++; // a declaration where a loop would have been
        out.add(new FuzzStmt.Line("double " + v + " = " + expr(vars, 3) + ";"));
        vars.add(v);
      } else if (depth < 2) {
        String i = "k" + names++;
        loops++;
        List<FuzzStmt> body = statements(new ArrayList<>(vars), depth + 1, 2);
        loops--;
        out.add(new FuzzStmt.For(i, 1 + random.nextInt(3), body));
      }
    }
    return out;
  }

  private String expr(List<String> vars, int depth) {
    if (depth == 0 || random.nextDouble() < 0.3) {
      if (random.nextDouble() < 0.25) {
        return String.valueOf(Math.round((random.nextDouble() * 4 - 2) * 100) / 100.0);
      }
      if (!readOnly.isEmpty() && random.nextDouble() < 0.2) {
        return readOnly.get(random.nextInt(readOnly.size()));
      }
      if (order == 1 && random.nextDouble() < 0.1) {
        // A field that is not final (FuzzProgram.RULES): FuzzCheck changes it between fVjp and pullback.
        return "rate";
      }
      return vars.get(random.nextInt(vars.size()));
    }
    if (vjp && random.nextDouble() < 0.05) {
      return vjpCall(vars, depth);
    }
    if (callsAllowed && random.nextDouble() < 0.04) {
      // A function with a custom JVP rule (FuzzProgram.RULES), its rule the true derivative.
      String rule = order >= 2 ? "c" + random.nextInt(2) : "c" + random.nextInt(3);
      return "Math.tanh(" + rule + "(" + argument(vars, depth - 1) + ", " + argument(vars, depth - 1) + "))";
    }
    if (!derivativeTargets(1).isEmpty() && random.nextDouble() < 0.03) {
      // A derivative of another function, squashed by tanh as the calls are.
      List<DerivativeCallShapes.Target> targets = derivativeTargets(1);
      return "Math.tanh(" + derivativeCalls.read(targets.get(random.nextInt(targets.size())),
          () -> argument(vars, depth - 1), order) + ")";
    }
    List<ContainerCallShapes.Target> records = containerTargets(FuzzShape.RECORD_PARAM);
    if (!records.isEmpty() && random.nextDouble() < 0.03) {
      // A derivative of a function of a record, squashed by tanh as the calls are.
      return "Math.tanh(" + containerCalls.readRecord(records.get(random.nextInt(records.size())),
          () -> argument(vars, depth - 1)) + ")";
    }
    if (callsAllowed && !callable.isEmpty() && random.nextDouble() < 0.08) {
      // A call squashed by tanh, so a callee's growth cannot push its caller out of range.
      List<String> allowed = order == 3 ? orderThreeLeaves
          : vjp ? callable : callable.stream().filter(c -> !vjpLeaves.contains(c)).toList();
      if (allowed.isEmpty()) {
        return primitive(vars, depth);
      }
      String callee = allowed.get(random.nextInt(allowed.size()));
      return "Math.tanh(" + callee + "(" + argument(vars, depth - 1) + ", " + argument(vars, depth - 1) + "))";
    }
    return primitive(vars, depth);
  }

  /**
   * A call to a function with a {@code @CustomVjp} rule ({@link FuzzProgram#vjpRules}, its rule the
   * true derivative): order-2 functions call the five of order 2, others any of the six. Unbounded
   * ones are squashed by tanh, as the other calls are.
   */
  private String vjpCall(List<String> vars, int depth) {
    int rule = random.nextInt(order == 2 ? 5 : 6);
    String a = argument(vars, depth - 1);
    return switch (rule) {
      case 0, 2 -> "vjp" + rule + "(" + a + ")";
      default -> "Math.tanh(vjp" + rule + "(" + a + ", " + argument(vars, depth - 1) + "))";
    };
  }

  /**
   * The functions of at least {@code params} parameters whose entry points the function being
   * generated may call: none unless it is of order 1 (a derivative call in a function of order n
   * needs its callee at order n + 2) and may call; else the leaves (order 2 or 3) it may call, the
   * {@code @CustomJvp} functions of order 3, and, where it may reach {@code @CustomVjp} rules, those of
   * order 2 (reverse mode only, as are the leaves that call them).
   */
  private List<DerivativeCallShapes.Target> derivativeTargets(int params) {
    List<DerivativeCallShapes.Target> out = new ArrayList<>();
    if (order == 3 || order == 2 && vjp || !callsAllowed) {
      return out;
    }
    for (String leaf : callable) {
      if (vjp || !vjpLeaves.contains(leaf)) {
        out.add(new DerivativeCallShapes.Target(leaf, 2, !vjpLeaves.contains(leaf),
            orderThreeLeaves.contains(leaf) ? 3 : 2));
      }
    }
    out.add(new DerivativeCallShapes.Target("c0", 2, true, 3));
    out.add(new DerivativeCallShapes.Target("c1", 2, true, 3));
    if (vjp) {
      for (int rule = 0; rule < 5; rule++) {
        out.add(new DerivativeCallShapes.Target("vjp" + rule, rule == 0 || rule == 2 ? 1 : 2, false, 2));
      }
    }
    // A caller of order k needs its target of order k + 1.
    return out.stream().filter(t -> t.params() >= params && t.order() > order).toList();
  }

  /**
   * The functions of {@code shape} (an array or a record parameter) whose entry points the function
   * being generated may call: those of a higher order than its own, where it may call and reaches
   * no {@code @CustomVjp} rule.
   */
  private List<ContainerCallShapes.Target> containerTargets(FuzzShape shape) {
    if (!callsAllowed || vjp) {
      return List.of();
    }
    return containerTargets.stream().filter(t -> t.shape() == shape && t.order() > order).toList();
  }

  /** An expression passed as a whole argument of a call. */
  private String argument(List<String> vars, int depth) {
    return unwrapped(expr(vars, depth));
  }

  /**
   * {@code e} without the parentheses around it where it holds a derivative call or a local holding
   * one's result: javac crashes (NullPointerException in Flow) on a parenthesized argument holding a
   * call to a generated class, {@code Math.sin((FDerivatives.f3Grad(x, y).x()))}, in a class jgrad
   * attributes before generating that class (a bug this fuzzer found, not fixed yet).
   */
  private static String unwrapped(String e) {
    if (!GENERATED_TYPE.matcher(e).find() || !e.startsWith("(") || !e.endsWith(")")) {
      return e;
    }
    int depth = 0;
    for (int i = 0; i < e.length() - 1; i++) {
      depth += e.charAt(i) == '(' ? 1 : e.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return e; // (a) + (b): the first parenthesis closes before the end
      }
    }
    return e.substring(1, e.length() - 1);
  }

  private String primitive(List<String> vars, int depth) {
    String pattern = random.nextBoolean()
        ? UNARY[random.nextInt(UNARY.length)] : BINARY[random.nextInt(BINARY.length)];
    StringBuilder out = new StringBuilder("(");
    String last = null;
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '#') {
        last = expr(vars, depth - 1);
        // A whole argument of a Math call (# between "(" or ", " and ")" or ","), as a user would write it.
        boolean whole = i > 0 && (pattern.charAt(i - 1) == '(' || pattern.charAt(i - 1) == ' ' && pattern.charAt(i - 2) == ',')
            && i + 1 < pattern.length() && (pattern.charAt(i + 1) == ')' || pattern.charAt(i + 1) == ',');
        out.append(whole ? unwrapped(last) : last);
      } else if (ch == '@') {
        out.append(last);
      } else {
        out.append(ch);
      }
    }
    return out.append(")").toString();
  }
}
