package io.jgrad.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.TransformException;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.DeadCode;
import io.jgrad.processor.transform.Inliner;
import io.jgrad.processor.transform.Jvp;
import io.jgrad.processor.transform.Normalizer;
import io.jgrad.processor.transform.VectorJvp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the batched kernels of a {@code @Batched} function ({@code vmap}): {@code fBatch},
 * {@code fJvpBatch} and {@code fGradBatch}, each with a {@code ...Session} twin, and for each an
 * Aparapi {@code Kernel} whose lane is flat primitive code: calls inlined, no objects, every local
 * initialized, gradients by vector forward mode (no tape). CPU backends call the same lane.
 */
public final class KernelEmitter {
  /** A function that cannot become a kernel; the message says which construct and why. */
  public static final class NotBatchable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String call;

    NotBatchable(String message) {
      this(message, null);
    }

    NotBatchable(String message, String call) {
      super(message);
      this.call = call;
    }

    /** The simple name of the call the error is about, to point at it in the source; null for the method. */
    public String call() {
      return call;
    }
  }

  /**
   * Where kernels find code: {@code functions} gives a callee's IR (its rule, for a custom rule),
   * {@code primals} a callee's plain body (the primal of a {@code @CustomJvp} function too), and
   * {@code ruleMethods} the plain body of a {@code jvps} rule by owner and method name; each null
   * when unavailable.
   */
  public record Sources(java.util.function.Function<Callee, Function> functions,
      java.util.function.Function<Callee, Function> primals,
      java.util.function.BiFunction<String, String, Function> ruleMethods) {}

  /** The JVP kernel stores the value; the gradient kernel does not, so what computes only it is dropped. */
  private static final boolean VALUE_LIVE = true;

  /** One field of a kernel: set from the constructor argument of the same name, or from a constant. */
  private record Field(String name, TypeName type, String constant) {}

  /** A body ready for a lane: normalized, inlined, checked, with its constants as fields. */
  private record Prepared(Names names, String lane, List<Stmt> body, List<Field> constants) {}

  private final Function function;
  private final Callee sig;
  private final Sources sources;
  private final ClassName self;
  /** Why the lanes run on the CPU only (they reach a {@code @CustomVjp} rule), or null for a kernel. */
  private final String cpuOnly;

  private KernelEmitter(Function function, Sources sources, String cpuOnly) {
    this.function = function;
    this.sig = function.signature();
    this.sources = sources;
    this.self = RuntimeTypes.derivatives(sig);
    this.cpuOnly = cpuOnly;
  }

  /**
   * Adds the kernels of {@code f} to {@code type}; {@code sources} finds the code to inline.
   * {@code reverseOnly} is the path to a {@code @CustomVjp} rule when {@code f} reaches one: its
   * {@code fwd}/{@code bwd} are Java that OpenCL cannot run, so the lanes call the scalar generated
   * code on CPU backends, there is no {@code fJvpBatch}, and the returned warning says so.
   */
  public static String emit(Function f, String reverseOnly, Sources sources, TypeSpec.Builder type) {
    String cpuOnly = null;
    if (reverseOnly != null) {
      // Kernels run the rule's fwd and bwd as code where they are in the subset; else the CPU lanes
      // call the scalar reverse mode.
      TypeSpec.Builder kernels = TypeSpec.classBuilder("Kernels");
      try {
        new KernelEmitter(f, sources, null).emit(kernels, false);
        TypeSpec built = kernels.build();
        type.addMethods(built.methodSpecs()).addTypes(built.typeSpecs());
        return null;
      } catch (NotBatchable | TransformException
          | io.jgrad.processor.transform.SecondOrder.Unsupported e) {
        cpuOnly = "it reaches a @CustomVjp rule (" + reverseOnly + ") and " + e.getMessage();
      }
    }
    new KernelEmitter(f, sources, cpuOnly).emit(type);
    return cpuOnly == null ? null : f.signature().name() + "Batch and " + f.signature().name()
        + "GradBatch run on the JAVA and THREADS backends only: " + cpuOnly + "; OPENCL throws"
        + " BackendUnavailableException";
  }

  private void emit(TypeSpec.Builder type) {
    emit(type, true);
  }

  /**
   * The kernels; a function with reverse mode only ({@code forward} false) gets {@code fBatch} and
   * {@code fGradBatch} from its reverse mode as code, and no {@code fJvpBatch}.
   */
  private void emit(TypeSpec.Builder type, boolean forward) {
    for (Callee.Param p : sig.params()) {
      if (OpenClNames.isReserved(p.name())) {
        throw new NotBatchable("parameter " + p.name() + " has the name of an OpenCL C built-in, which the kernel"
            + " would hide; hint: rename it");
      }
      if (p.differentiated() && !p.type().isScalar()) {
        throw new NotBatchable("parameter " + p.name() + " is an array: a kernel takes one scalar per lane;"
            + " hint: mark it @NonDiff or leave it out of wrt to share it between lanes");
      }
      if (p.javaType() != null && io.jgrad.processor.ir.TypeMapper.NARROW_INTS.contains(p.javaType())) {
        // The kernel's fields are int; the CPU lanes would hand them back to the user's method.
        throw new NotBatchable("parameter " + p.name() + " is a " + p.javaType() + ", which kernels do not take"
            + " yet; hint: declare it int");
      }
      if (!p.differentiated() && !p.type().isScalar() && p.type() != Type.INT && p.type() != Type.LONG
          && p.type() != Type.BOOLEAN) {
        // a reference parameter (String, enum, interface) is Type.OBJECT: name the type the user wrote
        String shown = p.javaType() == null ? p.type().javaName()
            : p.javaType().substring(p.javaType().lastIndexOf('.') + 1);
        throw new NotBatchable("parameter " + p.name() + " of type " + shown
            + " cannot be passed to a kernel: shared parameters must be primitives; hint: pass what the"
            + " kernel needs as an int, long, boolean or double (an enum's ordinal(), say)");
      }
    }
    if (cpuOnly != null) {
      cpuValueLanes(type);
      cpuGradLanes(type);
      return;
    }
    valueKernel(type);
    if (forward) {
      jvpKernel(type);
      gradKernel(type);
    } else {
      reverseGradKernel(type);
    }
  }

  /** The lanes of the gradient of a reverse-only function: its transposed body, the rules' passes spliced in. */
  private void reverseGradKernel(TypeSpec.Builder type) {
    List<String> params = sig.params().stream().map(Callee.Param::name).toList();
    Names names;
    io.jgrad.processor.transform.ReverseBody.Gradient gradient;
    if (function instanceof Function.VjpRule rule) {
      List<Function> pullbacks = rule.pullbacks();
      if (pullbacks.isEmpty()) {
        throw new NotBatchable("its fwd or bwd is outside the differentiable subset, which kernels run as code");
      }
      names = Names.of(params, List.of());
      List<Stmt> body = new ArrayList<>();
      List<Expr.Var> components = new ArrayList<>();
      for (Function pullback : pullbacks) {
        List<Expr> args = new ArrayList<>();
        sig.params().forEach(q -> args.add(new Expr.Var(q.name(), q.type())));
        args.add(io.jgrad.processor.ir.Exprs.lit(sig.returnType(), 1));
        Expr.Var component = names.var(pullback.signature().name(), pullback.signature().returnType());
        body.addAll(Inliner.spliceCall(pullback, args, component, names));
        components.add(component);
      }
      body.add(new Stmt.Return(components.get(0)));
      gradient = new io.jgrad.processor.transform.ReverseBody.Gradient(body, components);
    } else {
      names = Names.of(params, function.body());
      List<Stmt> body = Normalizer.normalize(function, names);
      body = inline(List.of(sig.name()), body, names, c -> {
        if (hasJvpRule(c)) {
          throw new NotBatchable("it also calls " + c.name() + ", whose @CustomJvp rule kernels expand only in"
              + " forward mode", c.name());
        }
        return sources.functions().apply(c) instanceof Function.VjpRule;
      });
      gradient = io.jgrad.processor.transform.ReverseBody.gradient(sig, body, names,
          c -> sources.functions().apply(c) instanceof Function.VjpRule rule ? rule.pullbacks() : null);
    }
    List<Field> constants = new ArrayList<>();
    String lane = names.fresh("lane");
    // The passes may call the function itself (a fwd computing its value): that call runs its primal body.
    List<Stmt> flat = kernelForm(inline(List.of(sig.name() + "'s reverse mode"), gradient.body(), names, c -> false),
        names, constants, sig.params());
    Prepared p = new Prepared(names, lane, flat, constants);
    Set<String> outputNames = new HashSet<>();
    gradient.components().forEach(c -> outputNames.add(c.name()));
    List<Linear> program = DeadCode.eliminate(Jvp.transform(p.body(), List.of(), names).program(), true, outputNames);
    CodeBlock.Builder laneCode = reads(p);
    program = LaneLocals.hoist(program, laneCode);
    Set<String> taken = takenNames();
    List<Field> outputs = new ArrayList<>();
    List<Callee.Param> wrt = sig.differentiatedParams();
    for (Callee.Param d : wrt) {
      outputs.add(new Field(fresh(taken, d.name() + "Grad"), lanesOf(d.type()), null));
    }
    laneCode.add(new JvpWriter(names, (r, b) -> {
      for (int k = 0; k < wrt.size(); k++) {
        b.addStatement("this.$L[$L] = $L", outputs.get(k).name(), p.lane(), gradient.components().get(k).name());
      }
    }).write(program));
    finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by its reverse"
        + " mode, the @CustomVjp rules' fwd and bwd run as code.", List.of(), outputs, p, laneCode.build());
  }

  /** The arguments of a scalar call in a lane: each parameter's lane copy. */
  private String laneArgs() {
    return String.join(", ", sig.params().stream().map(Callee.Param::name).toList());
  }

  private Prepared cpuLane() {
    Names names = Names.of(sig.params().stream().map(Callee.Param::name).toList(), List.of());
    return new Prepared(names, names.fresh("lane"), List.of(), new ArrayList<>());
  }

  private void cpuValueLanes(TypeSpec.Builder type) {
    Prepared p = cpuLane();
    String out = fresh(takenNames(), "out");
    CodeBlock.Builder lane = reads(p);
    lane.addStatement("this.$L[$L] = $T.$L($L)", out, p.lane(), ClassName.bestGuess(sig.ownerQualifiedName()),
        sig.name(), laneArgs());
    finish(type, "Batch", "The value of {@code $L} in every lane ({@code vmap($L)}), on the CPU.", List.of(),
        List.of(new Field(out, lanesOf(sig.returnType()), null)), p, lane.build());
  }

  private void cpuGradLanes(TypeSpec.Builder type) {
    Prepared p = cpuLane();
    Set<String> taken = takenNames();
    List<Field> outputs = new ArrayList<>();
    for (Callee.Param d : sig.differentiatedParams()) {
      outputs.add(new Field(fresh(taken, d.name() + "Grad"), lanesOf(d.type()), null));
    }
    CodeBlock.Builder lane = reads(p);
    String call = sig.name() + "Grad(" + laneArgs() + ")";
    if (sig.hasSingleGradient()) {
      lane.addStatement("this.$L[$L] = $L", outputs.get(0).name(), p.lane(), call);
    } else {
      String g = p.names().fresh("grad");
      lane.addStatement("$T $L = $L", self.nestedClass(sig.gradRecordName()), g, call);
      for (int k = 0; k < outputs.size(); k++) {
        lane.addStatement("this.$L[$L] = $L.$L()", outputs.get(k).name(), p.lane(), g,
            sig.differentiatedParams().get(k).name());
      }
    }
    finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by its"
        + " reverse mode on the CPU.", List.of(), outputs, p, lane.build());
  }

  private static TypeName scalar(Type t) {
    return DerivativesEmitter.typeName(t);
  }

  private static TypeName lanesOf(Type t) {
    return ArrayTypeName.of(scalar(t));
  }

  private void valueKernel(TypeSpec.Builder type) {
    Prepared p = prepare(false);
    Set<String> taken = takenNames();
    String out = fresh(taken, "out");
    CodeBlock.Builder lane = reads(p);
    // The body as a linear program without tangents: primal statements in their control flow.
    List<Linear> program = LaneLocals.hoist(
        DeadCode.eliminate(Jvp.transform(p.body(), List.of(), p.names()).program(), true), lane);
    lane.add(new JvpWriter(p.names(), (r, b) -> b.addStatement("this.$L[$L] = $L", out, p.lane(),
        ExprWriter.write(r.value()))).write(program));
    List<Field> outputs = List.of(new Field(out, lanesOf(sig.returnType()), null));
    finish(type, "Batch", "The value of {@code $L} in every lane ({@code vmap($L)}).", List.of(), outputs, p,
        lane.build());
  }

  private void jvpKernel(TypeSpec.Builder type) {
    Prepared p = prepare(true);
    Linearized jvp = Jvp.transform(p.body(), sig.differentiatedParams(), p.names(), true);
    problems(jvp.problems());
    List<Linear> program = DeadCode.eliminate(expandRules(jvp.program(), p, new HashSet<>()), VALUE_LIVE);
    Set<String> taken = takenNames();
    List<Field> tangentsIn = new ArrayList<>();
    CodeBlock.Builder lane = reads(p);
    for (Callee.Param d : sig.differentiatedParams()) {
      Field f = new Field(fresh(taken, d.name() + "Dot"), lanesOf(d.type()), null);
      tangentsIn.add(f);
      lane.addStatement("$T $L = this.$L[$L]", scalar(d.type()), jvp.tangents().get(d.name()).name(), f.name(), p.lane());
    }
    String outValue = fresh(taken, "outValue");
    String outTangent = fresh(taken, "outTangent");
    Type rt = sig.returnType();
    program = LaneLocals.hoist(program, lane);
    lane.add(new JvpWriter(p.names(), (r, b) -> {
      b.addStatement("this.$L[$L] = $L", outValue, p.lane(), ExprWriter.write(r.value()));
      b.addStatement("this.$L[$L] = $L", outTangent, p.lane(), r.tangent() == null ? Terms.zero(rt)
          : Terms.convert(r.tangent().name(), r.tangent().type(), rt, false));
    }).write(program));
    List<Field> outputs = List.of(new Field(outValue, lanesOf(rt), null), new Field(outTangent, lanesOf(rt), null));
    finish(type, "JvpBatch", "The value and the tangent of {@code $L} in every lane ({@code vmap(jvp($L))}),"
        + " tangents per lane.", tangentsIn, outputs, p, lane.build());
  }

  private void gradKernel(TypeSpec.Builder type) {
    Prepared p = prepare(true);
    List<Callee.Param> wrt = sig.differentiatedParams();
    VectorJvp.Result jvp = VectorJvp.transform(p.body(), wrt, p.names());
    problems(jvp.problems());
    Set<String> gradients = new HashSet<>();
    jvp.tangents().forEach(t -> {
      if (t != null) {
        gradients.add(t.name());
      }
    });
    List<Linear> program = DeadCode.eliminate(expandRules(jvp.program(), p, new HashSet<>()), !VALUE_LIVE, gradients);
    Set<String> taken = takenNames();
    CodeBlock.Builder lane = reads(p);
    for (Expr.Var seed : jvp.seeds()) {
      lane.addStatement("$T $L = $L", scalar(seed.type()), seed.name(), ExprWriter.literal(
          new Expr.Const(seed.type(), seed.type() == Type.FLOAT ? (Object) 1.0f : (Object) 1.0)));
    }
    program = LaneLocals.hoist(program, lane);
    List<Field> outputs = new ArrayList<>();
    for (Callee.Param d : wrt) {
      outputs.add(new Field(fresh(taken, d.name() + "Grad"), lanesOf(d.type()), null));
    }
    lane.add(new JvpWriter(p.names(), (r, b) -> {
      for (int k = 0; k < wrt.size(); k++) {
        Expr.Var t = jvp.tangents().get(k);
        Type gt = wrt.get(k).type();
        b.addStatement("this.$L[$L] = $L", outputs.get(k).name(), p.lane(),
            t == null ? Terms.zero(gt) : Terms.convert(t.name(), t.type(), gt, false));
      }
    }).write(program));
    finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by forward"
        + " mode with one tangent per parameter (no tape).", List.of(), outputs, p, lane.build());
  }

  private void problems(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new TransformException(String.join("; ", problems));
    }
  }

  /** Names of the entry points' parameters: the function's own, then {@code backend}. */
  private Set<String> takenNames() {
    Set<String> taken = new HashSet<>(List.of("backend", "lanes"));
    sig.params().forEach(p -> taken.add(p.name()));
    return taken;
  }

  private static String fresh(Set<String> taken, String base) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }

  /**
   * The body normalized, with calls inlined, {@code StrictMath} as {@code Math}, constants as fields,
   * every local initialized. For forward mode ({@code rules}) calls to functions with a custom JVP
   * rule stay, to be expanded into their rule after linearization; a {@code @CustomJvp} function's
   * own body is then a call to itself. Without {@code rules} everything runs its primal body.
   */
  private Prepared prepare(boolean rules) {
    List<String> params = sig.params().stream().map(Callee.Param::name).toList();
    Function self = function;
    if (function instanceof Function.VjpRule) {
      self = sources.primals().apply(sig);
      if (self == null) {
        throw new NotBatchable("the body of " + sig.name() + " is outside the subset kernels run; hint: a"
            + " @Batched @CustomVjp function's own body must be differentiable code too");
      }
    } else if (hasJvpRule(function)) {
      if (rules) {
        List<Expr> args = sig.params().stream().map(q -> (Expr) new Expr.Var(q.name(), q.type())).toList();
        Expr.Var result = new Expr.Var("result", sig.returnType());
        self = new Function.Plain(sig, List.of(
            new Stmt.Assign(result, new Expr.Call(sig, args, sig.returnType()), true), new Stmt.Return(result)));
      } else {
        self = sources.primals().apply(sig);
        if (self == null) {
          throw new NotBatchable("the body of " + sig.name() + " is outside the subset kernels run; hint: a"
              + " @Batched @CustomJvp function's own body must be differentiable code too");
        }
      }
    }
    Names names = Names.of(params, self.body());
    names.fresh("result");
    String lane = names.fresh("lane");
    List<Stmt> body = Normalizer.normalize(self, names);
    java.util.function.Predicate<Callee> keep = rules ? this::hasJvpRule : c -> false;
    List<Field> constants = new ArrayList<>();
    body = kernelForm(inline(List.of(sig.name()), body, names, keep), names, constants, sig.params());
    return new Prepared(names, lane, body, constants);
  }

  private boolean hasJvpRule(Callee c) {
    return hasJvpRule(sources.functions().apply(c));
  }

  /** Whether {@code f}'s forward mode is a {@code @CustomJvp} rule, in either form. */
  private static boolean hasJvpRule(Function f) {
    return f instanceof Function.JvpRule || f instanceof Function.JvpsRules;
  }

  private List<Stmt> inline(List<String> path, List<Stmt> body, Names names,
      java.util.function.Predicate<Callee> keep) {
    try {
      return Inliner.inline(path, body, names, sources.primals(), keep);
    } catch (Inliner.NotInlinable e) {
      throw new NotBatchable(e.getMessage(), e.callee());
    }
  }

  /**
   * What Aparapi can translate: no calls out of the class, {@code Math} for {@code StrictMath},
   * constants read into fields, every local name declared once (LaneLocals then declares them all
   * at the lane's top, initialized, and splices nested blocks).
   */
  private List<Stmt> kernelForm(List<Stmt> body, Names names, List<Field> constants, List<Callee.Param> params) {
    List<Stmt> out = Rewrite.stmts(body, e -> {
      if (e instanceof Expr.PrimalCall c) {
        throw new NotBatchable(c.receiver() + "." + c.method() + "(...) cannot run in a kernel: OpenCL code"
            + " cannot call methods of other classes or print; hint: remove it from the @Batched function"
            + " and the functions it calls", c.method());
      }
      if (e instanceof Expr.Prim prim && prim.strict()) {
        return new Expr.Prim(prim.primitive(), prim.args(), prim.type(), false);
      }
      Expr withoutDoubleMinus = NoDoubleMinus.of(e);
      if (withoutDoubleMinus != e) {
        return withoutDoubleMinus;
      }
      if (e instanceof Expr.StaticField f) {
        String source = f.owner() + "." + f.name();
        for (Field c : constants) {
          if (c.constant().equals(source)) {
            return new Expr.Var(c.name(), f.type());
          }
        }
        String name = names.fresh(f.name());
        constants.add(new Field(name, scalar(f.type()), source));
        return new Expr.Var(name, f.type());
      }
      return e;
    });
    return new ScopedRenamer(names, params).stmts(out);
  }

  /**
   * Replaces each call left by {@link #prepare} with its custom JVP rule as plain code: the rule's
   * body with the call's arguments and argument tangents bound to its parameters, then
   * {@code result}, {@code resultDot} from what it returns. In the vector program a call repeats
   * once per parameter; {@code declared} keeps its result declared once.
   */
  private List<Linear> expandRules(List<Linear> program, Prepared p, Set<String> declared) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Call c) {
        boolean declareResult = c.declare() && declared.add(c.result().name());
        List<Stmt> stmts = new ArrayList<>(rule(c, declareResult, p.names()));
        List<Stmt> form = kernelForm(stmts, p.names(), p.constants(), List.of());
        out.addAll(Jvp.transform(form, List.of(), p.names()).program()); // control flow as linear nodes
      } else if (l instanceof Linear.If f) {
        out.add(new Linear.If(f.condition(), expandRules(f.thenBody(), p, declared), expandRules(f.elseBody(), p, declared)));
      } else if (l instanceof Linear.While w) {
        out.add(new Linear.While(w.condition(), expandRules(w.body(), p, declared)));
      } else if (l instanceof Linear.Block b) {
        out.add(new Linear.Block(expandRules(b.body(), p, declared)));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /** One rule call as statements: {@code jvp = "..."} runs the rule's body; {@code jvps} sums the per-parameter rules. */
  private List<Stmt> rule(Linear.Call c, boolean declareResult, Names names) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    List<Expr> tangentArgs = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Expr.Var t = c.argTangents().get(i);
      tangentArgs.add(t != null ? t : io.jgrad.processor.ir.Exprs.zero(diff.get(i).type()));
    }
    Function g = sources.functions().apply(callee);
    if (g instanceof Function.JvpRule rule) {
      return jvpRule(c, rule, tangentArgs, declareResult, names);
    }
    if (g instanceof Function.JvpsRules rules) {
      return jvpsRules(c, rules, tangentArgs, declareResult, names);
    }
    // prepare keeps calls only to functions with a rule (hasJvpRule).
    throw new IllegalStateException(callee.name() + " has no @CustomJvp rule to expand");
  }

  /** {@code jvp = "..."}: the rule's body with the call's arguments and argument tangents bound to its parameters. */
  private List<Stmt> jvpRule(Linear.Call c, Function.JvpRule rule, List<Expr> tangentArgs, boolean declareResult,
      Names names) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    Type t = callee.returnType();
    // The rule's code runs as plain code, so its call of the primal is no cycle: the path starts at the rule.
    List<String> path = List.of(callee.name() + "'s rule " + rule.name());
    List<String> ruleParams = new ArrayList<>(callee.params().stream().map(Callee.Param::name).toList());
    ruleParams.addAll(rule.tangentNames());
    Names own = Names.of(ruleParams, rule.body());
    Expr.Var value = own.var("ruleValue", t);
    Expr.Var tangent = own.var("ruleTangent", t);
    List<Stmt> normal = inline(path, Normalizer.normalize(new Function.Plain(callee, rule.splitBody(value, tangent)),
        own), own, x -> false);
    List<Callee.Param> params = new ArrayList<>(callee.params());
    for (int i = 0; i < diff.size(); i++) {
      params.add(new Callee.Param(rule.tangentNames().get(i), diff.get(i).type(), true));
    }
    List<Expr> args = new ArrayList<>(c.args());
    args.addAll(tangentArgs);
    Map<String, String> renamed = new LinkedHashMap<>();
    List<Stmt> out = new ArrayList<>(
        Inliner.splice(callee.name(), params, args, normal, c.result(), declareResult, names, renamed));
    out.add(new Stmt.Assign(c.resultDot(), new Expr.Var(renamed.get(tangent.name()), t), c.declare()));
    return out;
  }

  /** {@code jvps}: the primal body, then the output tangent as the sum of each rule's body at its argument tangent. */
  private List<Stmt> jvpsRules(Linear.Call c, Function.JvpsRules rules, List<Expr> tangentArgs,
      boolean declareResult, Names names) {
    Callee callee = c.callee();
    List<Callee.Param> diff = callee.differentiatedParams();
    Type t = callee.returnType();
    // As for a jvp rule, the path starts at the rules.
    List<String> path = List.of(callee.name() + "'s rule");
    Function primal = sources.primals().apply(callee);
    if (primal == null) {
      throw new NotBatchable(sig.name() + " → " + callee.name() + ": the body of " + callee.name()
          + " is outside the subset kernels run", callee.name());
    }
    Names own = Names.of(callee.params().stream().map(Callee.Param::name).toList(), primal.body());
    List<Stmt> out = new ArrayList<>(Inliner.splice(callee.name(), callee.params(), c.args(),
        inline(path, Normalizer.normalize(primal, own), own, x -> false), c.result(), declareResult, names, null));
    Expr sum = null;
    for (int i = 0; i < diff.size(); i++) {
      String ruleName = rules.ruleNames().get(i);
      if (ruleName == null) {
        continue;
      }
      Function r = sources.ruleMethods().apply(rules.owner(), ruleName);
      if (r == null) {
        throw new NotBatchable(sig.name() + " → " + callee.name() + ": the body of its rule " + ruleName
            + " is outside the subset kernels run", callee.name());
      }
      List<Expr> args = new ArrayList<>(List.of(tangentArgs.get(i), c.result()));
      args.addAll(c.args());
      Names ruleNames = Names.of(r.signature().params().stream().map(Callee.Param::name).toList(), r.body());
      Expr.Var part = names.var(ruleName, t);
      out.addAll(Inliner.splice(ruleName, r.signature().params(), args,
          inline(path, Normalizer.normalize(r, ruleNames), ruleNames, x -> false), part, true, names, null));
      sum = sum == null ? part : new Expr.Prim(io.jgrad.processor.rules.Primitive.ADD, List.of(sum, part), t, false);
    }
    out.add(new Stmt.Assign(c.resultDot(), sum == null ? io.jgrad.processor.ir.Exprs.zero(t) : sum, c.declare()));
    return out;
  }

  /**
   * Gives a local declared twice (two loops' {@code int k}) a fresh name for its second life, so that
   * every declaration can move to the lane's top: Aparapi loses a local declared in a nested block.
   */
  private static final class ScopedRenamer {
    private final Names names;
    private final Set<String> declared = new HashSet<>();
    private final java.util.ArrayDeque<Map<String, String>> scopes = new java.util.ArrayDeque<>();

    ScopedRenamer(Names names, List<Callee.Param> params) {
      this.names = names;
      params.forEach(p -> declared.add(p.name()));
      scopes.push(new java.util.HashMap<>());
    }

    private String resolve(String name) {
      for (Map<String, String> scope : scopes) {
        String n = scope.get(name);
        if (n != null) {
          return n;
        }
      }
      return name;
    }

    private Expr rename(Expr e) {
      return Rewrite.expr(e, x -> x instanceof Expr.Var v ? new Expr.Var(resolve(v.name()), v.type()) : x);
    }

    private Expr.Var declare(Expr.Var v) {
      String name = OpenClNames.isReserved(v.name()) ? names.fresh(v.name() + "Value")
          : declared.add(v.name()) ? v.name() : names.fresh(v.name());
      declared.add(name);
      scopes.peek().put(v.name(), name);
      return new Expr.Var(name, v.type());
    }

    private List<Stmt> scoped(List<Stmt> body) {
      scopes.push(new java.util.HashMap<>());
      List<Stmt> out = stmts(body);
      scopes.pop();
      return out;
    }

    List<Stmt> stmts(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        if (s instanceof Stmt.Assign a) {
          Expr value = rename(a.value());
          Expr.Var target = a.declare() ? declare(a.target()) : (Expr.Var) rename(a.target());
          out.add(new Stmt.Assign(target, value, a.declare()));
        } else if (s instanceof Stmt.Declare d) {
          out.add(new Stmt.Declare(declare(d.target())));
        } else if (s instanceof Stmt.If f) {
          out.add(new Stmt.If(rename(f.condition()), scoped(f.thenBody()), scoped(f.elseBody())));
        } else if (s instanceof Stmt.While w) {
          out.add(new Stmt.While(rename(w.condition()), scoped(w.body())));
        } else if (s instanceof Stmt.Block b) {
          out.add(new Stmt.Block(scoped(b.body())));
        } else if (s instanceof Stmt.Return r) {
          out.add(new Stmt.Return(rename(r.value())));
        } else {
          out.add(s);
        }
      }
      return out;
    }
  }

  /** The lane's own copies of the parameters: its element of each lane array, and the shared values. */
  private CodeBlock.Builder reads(Prepared p) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Callee.Param param : sig.params()) {
      if (param.differentiated()) {
        b.addStatement("$T $L = this.$L[$L]", scalar(param.type()), param.name(), param.name(), p.lane());
      } else {
        b.addStatement("$T $L = this.$L", scalar(param.type()), param.name(), param.name());
      }
    }
    return b;
  }

  private List<Field> inputs() {
    List<Field> in = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      in.add(new Field(p.name(), p.differentiated() ? lanesOf(p.type()) : scalar(p.type()), null));
    }
    return in;
  }

  /** The kernel class and the two entry points: {@code fXxx} runs once, {@code fXxxSession} keeps the batch. */
  private void finish(TypeSpec.Builder type, String suffix, String doc, List<Field> extraInputs,
      List<Field> outputs, Prepared p, CodeBlock lane) {
    String method = sig.name() + suffix;
    String kernelName = Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Kernel";
    List<Field> args = new ArrayList<>(inputs());
    args.addAll(extraInputs);
    args.addAll(outputs);
    if (cpuOnly != null) {
      kernelName = kernelName.replace("Kernel", "Lanes");
    }
    TypeSpec.Builder kernel = TypeSpec.classBuilder(kernelName)
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.LANES);
    if (cpuOnly == null) {
      kernel.superclass(RuntimeTypes.KERNEL)
          .addJavadoc("The kernel of {@link #$L}: Aparapi translates {@code run()} to OpenCL; CPU backends call"
              + " {@code lane}.\n", method);
    } else {
      kernel.addJavadoc("The lanes of {@link #$L}, for the CPU backends: each calls the scalar code.\n", method);
    }
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(TypeName.INT, "lanes");
    kernel.addField(TypeName.INT, "lanes", Modifier.FINAL);
    ctor.addStatement("this.lanes = lanes");
    for (Field f : args) {
      kernel.addField(FieldSpec.builder(f.type(), f.name(), Modifier.FINAL).build());
      ctor.addParameter(f.type(), f.name()).addStatement("this.$L = $L", f.name(), f.name());
    }
    for (Field f : p.constants()) {
      kernel.addField(FieldSpec.builder(f.type(), f.name(), Modifier.FINAL).build());
      ctor.addStatement("this.$L = $L", f.name(), f.constant());
    }
    kernel.addMethod(ctor.build());
    if (cpuOnly == null) {
      kernel.addMethod(MethodSpec.methodBuilder("run").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .addStatement("int $L = getGlobalId()", p.lane())
          .beginControlFlow("if ($L < lanes)", p.lane())
          .addStatement("lane($L)", p.lane())
          .endControlFlow()
          .build());
    }
    kernel.addMethod(MethodSpec.methodBuilder("lane").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(TypeName.INT, p.lane()).addCode(lane).build());
    type.addType(kernel.build());

    List<Field> laneArrays = args.stream().filter(f -> f.type() instanceof ArrayTypeName).toList();
    List<Field> inputArrays = new ArrayList<>(inputs());
    inputArrays.addAll(extraInputs);
    inputArrays.removeIf(f -> !(f.type() instanceof ArrayTypeName));
    MethodSpec.Builder session = MethodSpec.methodBuilder(method + "Session")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(RuntimeTypes.BATCH)
        .addJavadoc(doc.replace("$L", sig.name()) + "\nReturns the batch bound to these arrays, for repeated"
            + " {@code run()}s; close it.\n")
        .addJavadoc("@throws IllegalArgumentException naming an array that is null or of another length than the first\n")
        .addJavadoc("@throws io.jgrad.runtime.BackendUnavailableException when {@code backend} cannot run this kernel\n");
    MethodSpec.Builder once = MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(RuntimeTypes.BACKEND)
        .addJavadoc(doc.replace("$L", sig.name()) + "\nReturns the backend that ran it.\n")
        .addJavadoc("@throws IllegalArgumentException naming an array that is null or of another length than the first\n")
        .addJavadoc("@throws io.jgrad.runtime.BackendUnavailableException when {@code backend} cannot run this kernel\n");
    for (Field f : args) {
      session.addParameter(f.type(), f.name());
      once.addParameter(f.type(), f.name());
    }
    session.addParameter(RuntimeTypes.BACKEND, "backend");
    once.addParameter(RuntimeTypes.BACKEND, "backend");
    Field first = laneArrays.get(0);
    session.addStatement("int lanes = $T.length($S, $L)", RuntimeTypes.LANE_ARRAYS, first.name(), first.name());
    for (Field f : laneArrays.subList(1, laneArrays.size())) {
      session.addStatement("$T.check(lanes, $S, $L)", RuntimeTypes.LANE_ARRAYS, f.name(), f.name());
    }
    List<String> names = new ArrayList<>(List.of("lanes"));
    args.forEach(f -> names.add(f.name()));
    String inputsList = String.join(", ", inputArrays.stream().map(Field::name).toList());
    String outputsList = String.join(", ", outputs.stream().map(Field::name).toList());
    if (cpuOnly == null) {
      session.addStatement("return $T.prepare($S, new $L($L), lanes, backend, new Object[] {$L}, new Object[] {$L})",
          RuntimeTypes.BATCH, self.simpleName() + "." + method, kernelName, String.join(", ", names),
          inputsList, outputsList);
    } else {
      session.addStatement("return $T.prepareOnCpu($S, new $L($L), lanes, backend, $S, new Object[] {$L},"
          + " new Object[] {$L})", RuntimeTypes.BATCH, self.simpleName() + "." + method, kernelName,
          String.join(", ", names), cpuOnly, inputsList, outputsList);
    }
    type.addMethod(session.build());
    List<String> callArgs = new ArrayList<>();
    args.forEach(f -> callArgs.add(f.name()));
    callArgs.add("backend");
    once.beginControlFlow("try ($T batch = $L($L))", RuntimeTypes.BATCH, method + "Session", String.join(", ", callArgs))
        .addStatement("return batch.run().backend()")
        .endControlFlow();
    type.addMethod(once.build());
  }
}
