package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Kernels;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RowLengths;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.TransformException;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lowers a {@code @Batched} function ({@code vmap}) to the lanes of its kernels: flat primitive code,
 * calls inlined, no objects, gradients by vector forward mode (no tape), or by reverse mode where the
 * function reaches a {@code @CustomVjp} rule; KernelEmitter prints them.
 */
public final class KernelLowering {
  /** The JVP kernel stores the value; the gradient kernel does not, so what computes only it is dropped. */
  private static final boolean VALUE_LIVE = true;

  /**
   * A body ready for a lane: normalized, inlined, in kernel form, with its constants and the rows of
   * the arrays given per lane, by parameter.
   */
  private record Prepared(Names names, String index, List<Stmt> body, List<Lane.Constant> constants,
      Map<String, Lane.Row> rows) {
    Lane lane(List<Linear> program, List<Expr.Var> tangentsIn, List<Expr.Var> seeds, List<Expr.Var> gradients) {
      return new Lane(names, index, program, constants, tangentsIn, seeds, gradients, List.copyOf(rows.values()),
          List.of());
    }
  }

  private final Function function;
  private final Callee sig;
  private final List<String> perLane;
  private final KernelSources sources;
  /** {@code @Batched(rowLength)}, {@code @Batched.RowLength}: each differentiated row's length, 0 for the run's. */
  private final RowLengths rowLengths;

  private KernelLowering(Function function, List<String> perLane, KernelSources sources, RowLengths rowLengths) {
    this.function = function;
    this.sig = function.signature();
    this.perLane = perLane;
    this.sources = sources;
    this.rowLengths = rowLengths;
  }

  /**
   * The kernels of {@code f}, which take the parameters {@code perLane} names one per lane (the
   * differentiated ones always); {@code sources} finds the code to inline. {@code reverseOnly} is the
   * path to a {@code @CustomVjp} rule when {@code f} reaches one: the kernels run its {@code fwd} and
   * {@code bwd} as code where they are in the subset, else the lanes call the scalar generated code
   * on CPU backends, and there is no {@code fJvpBatch} either way.
   *
   * @throws NotBatchable when {@code f} cannot be batched at all
   */
  public static Kernels lower(Function f, List<String> perLane, String reverseOnly, KernelSources sources) {
    return lower(f, perLane, reverseOnly, sources, RowLengths.NONE);
  }

  /**
   * The same, each differentiated row as long as {@code rowLengths} says where that is not 0
   * ({@code @Batched(rowLength)}, {@code @Batched.RowLength}): a function that reaches a
   * {@code @CustomVjp} rule then holds each row's cotangent in a private array of that size.
   */
  public static Kernels lower(Function f, List<String> perLane, String reverseOnly, KernelSources sources,
      RowLengths rowLengths) {
    checkParameters(f.signature());
    KernelLowering lowering = new KernelLowering(f, perLane, sources, rowLengths);
    boolean differentiatedRows = lowering.rowParams().anyMatch(Callee.Param::differentiated);
    int rowLength = rowLengths.all();
    if (rowLength != 0 && (rowLength < 0 || reverseOnly == null || !differentiatedRows)) {
      throw new NotBatchable("@Batched(rowLength = " + rowLength + ") fixes the length of the differentiated"
          + " rows of a function that reaches a @CustomVjp rule, and " + f.signature().name() + (rowLength < 0
          ? "'s is negative" : reverseOnly == null ? " reaches none" : " has no differentiated row")
          + "; hint: " + (rowLength < 0 ? "give the rows' length, at least 1" : "remove rowLength (the rows'"
          + " length is the entry points' argument)"));
    }
    rowLengths.own().forEach((name, length) -> checkOwnRowLength(f.signature(), name, length, reverseOnly));
    if (reverseOnly == null) {
      return new Kernels.Forward(f.signature(), perLane, lowering.value(), lowering.jvp(),
          f.signature().recordResult() == null ? lowering.grad() : null);
    }
    if (f.signature().recordResult() != null) {
      // A record result has no gradient, and without forward mode no JVP: its kernel is the value's.
      return new Kernels.Reverse(f.signature(), perLane, lowering.value(), null, false, rowLengths);
    }
    Optional<Callee.Param> unsized = lowering.rowParams().filter(Callee.Param::differentiated)
        .filter(p -> rowLengths.of(p.name()) == 0).findFirst();
    Kernels.Reverse reverse;
    try {
      // A differentiated row without rowLength: lowered at a nominal length, only to learn whether the
      // lanes can run the reverse mode as code (then the length is needed) or call the scalar code.
      reverse = (unsized.isPresent() ? new KernelLowering(f, perLane, sources, new RowLengths(1, rowLengths.own()))
          : lowering).reverse();
    } catch (NotBatchable | TransformException e) {
      // The CPU lanes call the scalar code with a copy of each row given per lane.
      return new Kernels.CpuOnly(f.signature(), perLane, "it reaches a @CustomVjp rule (" + reverseOnly + ") and "
          + e.getMessage(), rowLengths);
    }
    unsized.ifPresent(p -> {
      throw new NotBatchable("parameter " + p.name() + " is an array given per lane, whose gradient row in a"
          + " function that reaches a @CustomVjp rule (" + reverseOnly + ") is a cotangent array of the row's"
          + " length in the lane, which only the run knows, and a lane's arrays have a size fixed at compile"
          + " time; hint: fix the rows' length, @Batched(rowLength = N) with a static final int N (or"
          + " @Batched.RowLength(N) on the parameter), or share it between lanes (@NonDiff, not in perLane)");
    });
    // Where it runs loops backwards by recomputation, its CPU lanes call the scalar code with copies of the rows.
    return reverse;
  }

  /**
   * The kernels of a reverse-only function: its value, and its gradient's lane, its transposed body
   * with the rules' passes spliced in.
   */
  private Kernels.Reverse reverse() {
    List<String> params = sig.paramNames();
    Names names;
    ReverseBody.Gradient gradient;
    if (function instanceof Function.VjpRule rule) {
      List<Function> pullbacks = rule.pullbacks();
      if (pullbacks.isEmpty()) {
        throw new NotBatchable("its fwd or bwd is outside the differentiable subset, which kernels run as code");
      }
      names = Names.of(params, List.of());
      List<Stmt> body = new ArrayList<>();
      List<Expr.Var> components = new ArrayList<>();
      for (Function pullback : pullbacks) {
        List<Expr> args = new ArrayList<>(sig.paramVars());
        args.add(Exprs.lit(sig.returnType(), 1));
        Expr.Var component = names.var(pullback.signature().name(), pullback.signature().returnType());
        body.addAll(Inliner.spliceCall(pullback, args, component, names, null));
        components.add(component);
      }
      body.add(new Stmt.Return(components.get(0)));
      gradient = new ReverseBody.Gradient(body, components, false);
    } else {
      names = Names.of(params, function.body());
      List<Stmt> body = Normalizer.normalize(function, names);
      body = sources.inline(List.of(sig.name()), body, names, c -> {
        if (hasJvpRule(c)) {
          throw new NotBatchable("it also calls " + c.name() + ", whose @CustomJvp rule kernels expand only in"
              + " forward mode", c.name());
        }
        return sources.functions().apply(c) instanceof Function.VjpRule;
      });
      gradient = ReverseBody.gradient(sig, body, names,
          c -> sources.functions().apply(c) instanceof Function.VjpRule rule ? rule.pullbacks() : null);
    }
    List<Lane.Constant> constants = new ArrayList<>();
    String lane = names.fresh("lane");
    // Arrays per lane are read at the lane's row; a differentiated row has its fixed length (lower
    // checked), so that its cotangent, made as new double[x.length], is a private array of that size.
    Map<String, Lane.Row> rows = rows(names);
    Map<String, Integer> rowSizes = new HashMap<>();
    rowParams().filter(Callee.Param::differentiated).forEach(p -> rowSizes.put(p.name(), rowLengths.of(p.name())));
    // The passes may call the function itself (a fwd computing its value): that call runs its primal body.
    List<Stmt> flat = KernelForm.of(sources.inline(List.of(sig.name() + "'s reverse mode"), gradient.body(), names,
        c -> false), names, constants, sig.params(), sources.staticValues(), rowSizes);
    Set<String> outputNames = new HashSet<>(gradient.components().stream().map(Expr.Var::name).toList());
    List<Linear> program = DeadCode.eliminate(Jvp.transform(flat, List.of(), names).program(), true, outputNames);
    return new Kernels.Reverse(sig, perLane, value(), new Lane(names, lane, LaneRows.place(program, rows), constants,
        List.of(), List.of(), gradient.components(), List.copyOf(rows.values()), List.of()), gradient.recomputes(),
        rowLengths);
  }

  /** The value's lane: the body as a linear program without tangents, primal statements in their control flow. */
  private Lane value() {
    Prepared p = prepare(false);
    List<Linear> program = DeadCode.eliminate(Jvp.transform(p.body(), List.of(), p.names()).program(), true, Set.of());
    return p.lane(LaneRows.place(program, p.rows()), List.of(), List.of(), List.of());
  }

  /**
   * The JVP's lane: forward mode with one tangent per lane, the custom JVP rules expanded; an array's
   * tangent is the kernel's flat array of tangent rows, read at the lane's row as the array is.
   */
  private Lane jvp() {
    Prepared p = prepare(true);
    Linearized jvp = Jvp.transform(p.body(), sig.differentiatedParams(), p.names(), true);
    problems(jvp.problems());
    List<Linear> program = DeadCode.eliminate(expandRules(jvp.program(), p), VALUE_LIVE, Set.of());
    List<Expr.Var> tangentsIn = sig.differentiatedParams().stream().map(d -> jvp.tangents().get(d.name())).toList();
    Map<String, Lane.Row> rows = new LinkedHashMap<>(p.rows());
    for (int k = 0; k < tangentsIn.size(); k++) {
      Lane.Row row = p.rows().get(sig.differentiatedParams().get(k).name());
      if (row != null) {
        Expr.Var t = tangentsIn.get(k);
        rows.put(t.name(), new Lane.Row(t.name(), row.start(), row.length()));
      }
    }
    return new Lane(p.names(), p.index(), LaneRows.place(program, rows), p.constants(), tangentsIn, List.of(),
        List.of(), List.copyOf(rows.values()), List.of());
  }

  /** The gradient's lane: forward mode with one tangent per parameter, seeded with one. */
  private Lane grad() {
    Prepared p = prepare(true);
    if (sig.differentiatedParams().stream().anyMatch(d -> d.type().isArray())) {
      return gradByPasses(p);
    }
    VectorJvp.Result jvp = VectorJvp.transform(p.body(), sig.differentiatedParams(), p.names());
    problems(jvp.problems());
    Set<String> gradients = new HashSet<>(jvp.tangents().stream().filter(t -> t != null).map(Expr.Var::name).toList());
    List<Linear> program = DeadCode.eliminate(expandRules(jvp.program(), p), !VALUE_LIVE, gradients);
    return p.lane(LaneRows.place(program, p.rows()), List.of(), jvp.seeds(), jvp.tangents());
  }

  /**
   * The gradient's lane where a differentiated parameter is an array, whose row's length only the
   * call knows, so that a tangent per element cannot be unrolled: the JVP's program runs once per
   * pass, each pass seeding one scalar parameter or one element of a row with one (the others zero),
   * and stores the output tangent as that parameter's or element's gradient.
   */
  private Lane gradByPasses(Prepared p) {
    Names names = p.names();
    List<Callee.Param> wrt = sig.differentiatedParams();
    Linearized jvp = Jvp.transform(p.body(), wrt, names, true);
    problems(jvp.problems());
    List<Linear> program = DeadCode.eliminate(expandRules(jvp.program(), p), !VALUE_LIVE, Set.of());
    Expr.Var seed = names.var("seed", Type.INT);
    Expr.Var index = new Expr.Var(p.index(), Type.INT);
    List<Linear> body = new ArrayList<>();
    Map<String, LaneRows.Seeded> seeded = new LinkedHashMap<>();
    List<Lane.Pass> passes = new ArrayList<>();
    Expr first = Exprs.lit(Type.INT, 0);
    for (Callee.Param d : wrt) {
      Expr.Var t = jvp.tangents().get(d.name());
      Lane.Row row = p.rows().get(d.name());
      if (row == null) {
        Type tt = t.type();
        Expr seeding = Exprs.compare(Expr.BinaryOp.EQ, seed, first);
        body.add(new Linear.Primal(new Stmt.Assign(t, new Expr.Conditional(seeding, Exprs.lit(tt, 1), Exprs.lit(tt, 0),
            tt), true)));
        passes.add(new Lane.Pass(seeding, index));
        first = LaneRows.sum(first, Exprs.lit(Type.INT, 1));
      } else {
        seeded.put(t.name(), new LaneRows.Seeded(first, row.length()));
        Expr end = LaneRows.sum(first, row.length());
        Expr before = Exprs.compare(Expr.BinaryOp.LT, seed, end);
        Expr when = Exprs.isZero(first) ? before : new Expr.Binary(Expr.BinaryOp.AND,
            Exprs.compare(Expr.BinaryOp.GE, seed, first), before, Type.BOOLEAN);
        Expr element = Exprs.isZero(first) ? seed : new Expr.Binary(Expr.BinaryOp.SUB, seed, first, Type.INT);
        passes.add(new Lane.Pass(when, LaneRows.sum(row.start(), element)));
        first = end;
      }
    }
    if (passes.size() == 1) {
      // Every pass seeds the one parameter: its gradient is stored unconditionally.
      passes.set(0, new Lane.Pass(null, passes.get(0).at()));
    }
    body.addAll(LaneRows.place(LaneRows.oneHot(program, seeded, seed), p.rows()));
    body.add(new Linear.Primal(new Stmt.Assign(seed, Exprs.plus(seed, 1), false)));
    List<Linear> passing = List.of(new Linear.Primal(new Stmt.Assign(seed, Exprs.lit(Type.INT, 0), true)),
        new Linear.While(Exprs.compare(Expr.BinaryOp.LT, seed, first), body));
    return new Lane(names, p.index(), passing, p.constants(), List.of(), List.of(), List.of(),
        List.copyOf(p.rows().values()), passes);
  }

  /**
   * Throws {@link NotBatchable} where {@code @Batched.RowLength(length)} on {@code name} fixes nothing:
   * not a differentiated row of a function that reaches a {@code @CustomVjp} rule, or below 1.
   */
  private static void checkOwnRowLength(Callee sig, String name, int length, String reverseOnly) {
    boolean row = sig.params().stream().anyMatch(p -> p.name().equals(name) && p.differentiated()
        && p.type().isArray());
    if (row && reverseOnly != null && length >= 1) {
      return;
    }
    throw new NotBatchable("@Batched.RowLength(" + length + ") on " + name + " fixes the length of a differentiated"
        + " row of a function that reaches a @CustomVjp rule, and " + (length < 1 ? "it is below 1" : !row
        ? name + " is not a differentiated double[] or float[]" : sig.name() + " reaches none") + "; hint: "
        + (length < 1 ? "give the row's length, at least 1" : "remove it (the rows' length is the entry points'"
        + " argument)"));
  }

  /** The parameters given per lane as rows of a flat array: differentiated arrays, and arrays perLane names. */
  private java.util.stream.Stream<Callee.Param> rowParams() {
    return sig.params().stream().filter(p -> p.type().isArray() && (p.differentiated() || perLane.contains(p.name())));
  }

  /** The row of each array given per lane, its start and length named by {@code names}. */
  private Map<String, Lane.Row> rows(Names names) {
    Map<String, Lane.Row> rows = new LinkedHashMap<>();
    rowParams().forEach(a -> rows.put(a.name(), new Lane.Row(a.name(), names.var(a.name() + "Start", Type.INT),
        names.var(a.name() + "RowLength", Type.INT))));
    return rows;
  }

  private List<Linear> expandRules(List<Linear> program, Prepared p) {
    return new JvpRuleExpansion(sig, sources, p.names(), p.constants(), new HashSet<>()).expand(program);
  }

  private void problems(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new TransformException(String.join("; ", problems));
    }
  }

  /**
   * The body normalized, with calls inlined, {@code StrictMath} as {@code Math}, constants as fields,
   * every local initialized. For forward mode ({@code rules}) calls to functions with a custom JVP
   * rule stay, to be expanded into their rule after linearization; a {@code @CustomJvp} function's
   * own body is then a call to itself. Without {@code rules} everything runs its primal body.
   */
  private Prepared prepare(boolean rules) {
    Function self = function;
    if (hasJvpRule(function) && rules) {
      Expr.Var result = new Expr.Var("result", sig.returnType());
      self = new Function.Plain(sig, List.of(
          new Stmt.Assign(result, new Expr.Call(sig, sig.paramVars(), sig.returnType()), true), new Stmt.Return(result)));
    } else if (function instanceof Function.VjpRule || hasJvpRule(function)) {
      self = sources.primals().apply(sig);
      if (self == null) {
        throw new NotBatchable("the body of " + sig.name() + " is outside the subset kernels run; hint: a @Batched "
            + (hasJvpRule(function) ? "@CustomJvp" : "@CustomVjp") + " function's own body must be differentiable code too");
      }
    }
    Names names = Names.of(sig.paramNames(), self.body());
    names.fresh("result");
    String lane = names.fresh("lane");
    Map<String, Lane.Row> rows = rows(names);
    List<Stmt> body = Normalizer.normalize(self, names);
    Predicate<Callee> keep = rules ? this::hasJvpRule : c -> false;
    List<Lane.Constant> constants = new ArrayList<>();
    body = KernelForm.of(sources.inline(List.of(sig.name()), body, names, keep), names, constants, sig.params(),
        sources.staticValues());
    return new Prepared(names, lane, body, constants, rows);
  }

  private boolean hasJvpRule(Callee c) {
    return hasJvpRule(sources.functions().apply(c));
  }

  /** Whether {@code f}'s forward mode is a {@code @CustomJvp} rule, in either form. */
  private static boolean hasJvpRule(Function f) {
    return f instanceof Function.JvpRule || f instanceof Function.JvpsRules;
  }

  /**
   * Throws {@link NotBatchable} at the first parameter of {@code sig} that a kernel cannot take: it takes
   * scalars per lane, primitives and read-only arrays shared between lanes, no OpenCL C names.
   */
  private static void checkParameters(Callee sig) {
    for (Callee.Param p : sig.params()) {
      if (OpenClNames.isReserved(p.name())) {
        throw new NotBatchable("parameter " + p.name() + " has the name of an OpenCL C built-in, which the kernel"
            + " would hide; hint: rename it");
      }
      if (p.differentiated() && !p.type().isScalar() && !p.type().isArray()) {
        throw new NotBatchable("parameter " + p.name() + " is a " + p.type().javaName() + ": a kernel takes"
            + " scalars and arrays per lane; hint: mark it @NonDiff or leave it out of wrt to share it between lanes");
      }
      if (p.javaType() != null && TypeMapper.NARROW_INTS.contains(p.javaType())) {
        // The kernel's fields are int; the CPU lanes would hand them back to the user's method.
        throw new NotBatchable("parameter " + p.name() + " is a " + p.javaType() + ", which kernels do not take"
            + " yet; hint: declare it int");
      }
      if (!p.differentiated() && !p.type().isScalar() && p.type() != Type.INT && p.type() != Type.LONG
          && p.type() != Type.BOOLEAN && !p.type().isArray()) {
        // a reference parameter (String, enum, interface) is Type.OBJECT: name the type the user wrote
        String shown = p.javaType() == null ? p.type().javaName()
            : p.javaType().substring(p.javaType().lastIndexOf('.') + 1);
        throw new NotBatchable("parameter " + p.name() + " of type " + shown + " cannot be passed to a"
            + " kernel: shared parameters must be primitives or arrays of them; hint: pass what the"
            + " kernel needs as an int, long, boolean or double (an enum's ordinal(), say)");
      }
    }
  }
}
