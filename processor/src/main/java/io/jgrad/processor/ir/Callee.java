package io.jgrad.processor.ir;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What a caller needs to know of a differentiable function: its owner, name, parameters, which of
 * them are differentiated, where its derivatives are generated, and whether it has forward mode
 * (a function that reaches a {@code @CustomVjp} rule has reverse mode only), and its {@code order}. Built from the method's
 * signature and annotations alone, so it works for functions compiled into an earlier jar.
 *
 * <p>A call through a function object ({@code f.value(x)} on a {@code DiffFn1} parameter {@code f})
 * has a callee too: {@code receiver} names the parameter, the owner is the runtime interface, and
 * its derivatives come from the object's {@code jvp}/{@code vjp} at run time instead of a generated
 * class.
 *
 * <p>{@code rulePrimal} says that the function has order 2 or more and reaches a {@code @CustomJvp}
 * rule with one {@code jvp} method (or has one), so that its generated class has {@code fRulePrimal}
 * ({@link #secondOrderPrimal}); for a function compiled elsewhere, read from that class.
 *
 * <p>{@code tangentOrder} is k for the k-th tangent function of a function ({@link #tangentFunction}),
 * 0 for any other callee.
 *
 * <p>{@code deeperRulePrimals} counts the rule primals below {@code fRulePrimal}: where a rule's body
 * calls another function with a rule, the output a derivative of order k + 1 differentiates is
 * {@code fRulePrimal} taken k times ({@code fRulePrimalRulePrimal}, ...), each with the rules its
 * body calls replaced by their bodies once more; 0 for most functions. Such a function's first
 * tangent function has a rule primal too ({@code fTangentRulePrimal}), which callers above order 2
 * read; a compiled class says how many it has by its methods.
 */
public record Callee(
    String ownerQualifiedName,
    String derivativesQualifiedName,
    String name,
    List<Param> params,
    Type returnType,
    boolean forward,
    int order,
    String receiver,
    boolean rulePrimal,
    RecordResult recordResult,
    int tangentOrder,
    int deeperRulePrimals) {

  /** A callee whose {@code fRulePrimal}, if any, has no rule primal of its own. */
  public Callee(String ownerQualifiedName, String derivativesQualifiedName, String name, List<Param> params,
      Type returnType, boolean forward, int order, String receiver, boolean rulePrimal, RecordResult recordResult,
      int tangentOrder) {
    this(ownerQualifiedName, derivativesQualifiedName, name, params, returnType, forward, order, receiver,
        rulePrimal, recordResult, tangentOrder, 0);
  }

  /**
   * The record a flat function returns ({@code f_flat} of a function with a record result), and
   * which leaf of it a call reads: -1 for the whole record (the function itself), else the index of
   * the leaf, the call's value; {@code site} numbers the call the leaf is read from, so that leaves
   * read from one call come from one result.
   */
  public record RecordResult(RecordShape shape, int leaf, int site) {
    /** The leaf a call reads. */
    public RecordShape.Leaf selected() {
      return shape.leaves().get(leaf);
    }
  }

  /** A static differentiable function, called through its generated derivatives class. */
  public Callee(String ownerQualifiedName, String derivativesQualifiedName, String name, List<Param> params,
      Type returnType, boolean forward, int order) {
    this(ownerQualifiedName, derivativesQualifiedName, name, params, returnType, forward, order, null, false, null, 0);
  }

  /**
   * A call through the function object held by the parameter {@code receiver}, with arguments of
   * types {@code args}: its parameters are the interface's, all differentiated, named after the
   * components of the runtime gradient ({@code x} for {@code DiffFn1}; {@code first}, {@code second}
   * of {@code Grad2} for {@code DiffFn2}); a {@code DiffFnN} takes one {@code double[]} as it is, or
   * scalars that generated code packs into arrays ({@link #isPacked}).
   */
  public static Callee functionObject(String receiver, Type type, List<Type> args) {
    List<Param> params = type == Type.FN1 ? List.of(new Param("x", Type.DOUBLE, true))
        : type == Type.FN2 ? List.of(new Param("first", Type.DOUBLE, true), new Param("second", Type.DOUBLE, true))
        : args.size() == 1 && args.get(0) == Type.DOUBLE_ARRAY ? List.of(new Param("x", Type.DOUBLE_ARRAY, true))
        : IntStream.range(0, args.size()).mapToObj(i -> new Param("x" + i, Type.DOUBLE, true)).toList();
    // The owner of a function object's call is its runtime interface.
    return new Callee(type.javaName(), "", nameOf(receiver), params, Type.DOUBLE, true, 1, receiver, false, null, 0);
  }

  /**
   * The methods of {@code DiffFn1}/{@code DiffFn2} that give a partial derivative as a function object:
   * {@code derivative()}, {@code partialFirst()}, {@code partialSecond()}.
   */
  public static final List<String> PARTIAL_METHODS = List.of("derivative", "partialFirst", "partialSecond");

  /** The method giving partial derivative {@code k} of a function object of {@code arity} parameters. */
  public static String partialMethod(int k, int arity) {
    return PARTIAL_METHODS.get(arity == 1 ? 0 : 1 + k);
  }

  /** The same call through another receiver: a renamed local, or a partial derivative of the object. */
  public Callee withReceiver(String newReceiver) {
    return new Callee(ownerQualifiedName, derivativesQualifiedName, nameOf(newReceiver), params, returnType, forward,
        order, newReceiver, rulePrimal, recordResult, tangentOrder, deeperRulePrimals);
  }

  /** A name for temporaries from a receiver expression: {@code f.partialFirst()} gives {@code fPartialFirst}. */
  private static String nameOf(String receiver) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : receiver.toCharArray()) {
      if (ch == '.') {
        upper = true;
      } else if (Character.isJavaIdentifierPart(ch)) {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }

  /** Whether this is a call through a {@code DiffFnN} on scalars, which travel packed in arrays. */
  public boolean isPacked() {
    return isFunctionObject() && ownerQualifiedName.equals(Type.FN_N.javaName())
        && params.stream().noneMatch(p -> p.type().isArray());
  }

  /**
   * The runtime interface of this function's object ({@code f(nondiff...)} in its generated class):
   * {@link Type#FN1} for one differentiated number, {@link Type#FN2} for two, {@link Type#FN_N} for
   * three or more or for one {@code double[]} or {@code float[]}, with a {@code double} or
   * {@code float} result (a float taken and given as a double); null for other shapes (an array among
   * several differentiated parameters), which have no object yet.
   */
  public Type functionObjectType() {
    List<Param> diff = differentiatedParams();
    if (returnType == null || !returnType.isScalar()) {
      return null;
    }
    return diff.size() == 1 && diff.get(0).type().isArray() ? Type.FN_N
        : diff.stream().anyMatch(p -> !p.type().isScalar()) ? null
        : diff.size() == 1 ? Type.FN1 : diff.size() == 2 ? Type.FN2 : Type.FN_N;
  }

  /**
   * The key the processor knows a function by across classes: its owner and its user's name (the
   * flat function of a function with records, {@code f_flat}, stands for {@code f}).
   */
  public static String key(String owner, String name) {
    return owner + "#" + RecordSignature.userName(name);
  }

  /** {@link #key(String, String)} of this callee. */
  public String key() {
    return key(ownerQualifiedName, name);
  }

  /** Whether this is a call through a function object rather than to a static method. */
  public boolean isFunctionObject() {
    return receiver != null;
  }

  /** The simple name of the class nested in a derivatives class that holds {@link #internal} members. */
  public static final String INTERNAL_CLASS = "Internal";

  /**
   * Whether this function's generated members are for generated code only, and so live in the class
   * {@link #INTERNAL_CLASS} nested in its derivatives class, off the users' completion lists: a
   * tangent, pullback or rule-primal function (built with the derivatives class as its owner) or the
   * flat function of a record function ({@code f_flat}).
   */
  public boolean internal() {
    return !isFunctionObject() && (ownerQualifiedName.equals(derivativesQualifiedName)
        || !RecordSignature.userName(name).equals(name));
  }

  /**
   * One parameter; {@code differentiated} is true when it gets a tangent and a gradient;
   * {@code javaType} is the qualified Java type of a reference parameter of type {@link Type#OBJECT}
   * (a String, an enum, an interface), or {@code char}/{@code byte}/{@code short} for an
   * {@link Type#INT} declared narrower, null otherwise; {@code heldConstant} marks a differentiable
   * type held constant by {@code @NonDiff}.
   */
  public record Param(String name, Type type, boolean differentiated, String javaType, boolean heldConstant) {
    /** A parameter of a primitive, array or runtime type, not annotated {@code @NonDiff}. */
    public Param(String name, Type type, boolean differentiated) {
      this(name, type, differentiated, null, false);
    }
  }

  /**
   * The signature of this function's k-th tangent program as a body differentiated again: the primal
   * parameters, then the tangents (named {@code tangentNames}, one group of the differentiated
   * parameters' types per order below k) held constant.
   */
  public Callee withConstantTangents(List<String> tangentNames) {
    List<Param> diff = differentiatedParams();
    List<Param> all = Stream.concat(params.stream(), IntStream.range(0, tangentNames.size())
        .mapToObj(i -> new Param(tangentNames.get(i), diff.get(i % diff.size()).type(), false))).toList();
    return new Callee(ownerQualifiedName, derivativesQualifiedName, name, all, returnType, true,
        1 + tangentNames.size() / diff.size());
  }

  /**
   * The tangent of this function as a function of its own: {@code fTangent(p..., v...) = J·v}, whose
   * forward mode {@code fTangentJvp} the generated class of an order-2 function provides. Second
   * order of a caller goes through it.
   */
  public Callee tangentFunction() {
    return tangentFunction(1);
  }

  /**
   * The k-th tangent function {@code fTangent<k>(p..., v1..., ..., vk...)}: the k-th directional
   * derivative Dᵏf(p)[v1, ..., vk] (for k = 1 {@code fTangent}, J·v), whose forward mode
   * {@code fTangent<k>Jvp} the generated class of a function of order above k provides. Its own
   * tangent goes through tangent function k + 1 ({@link #nextTangentFunction}).
   */
  public Callee tangentFunction(int k) {
    List<Param> diff = differentiatedParams();
    List<Param> all = new java.util.ArrayList<>(params);
    for (int group = 1; group <= k; group++) {
      String suffix = k == 1 ? "Dot" : "Dot" + group;
      // A tangent function's rule primal has tangents among its parameters (xDot): its own are xDotDot.
      diff.forEach(p -> all.add(new Param(fresh(all, p.name() + suffix), p.type(), true)));
    }
    // Where a rule's body calls another rule's function, callers above order 2 read tangent function
    // 1's output through its own rule primal (TangentRulePrimal): the inner rule applied only once.
    boolean nested = k == 1 && rulePrimal && deeperRulePrimals > 0;
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, tangentFunctionName(name, k),
        List.copyOf(all), returnType, true, Math.max(1, order - k), null, nested, null, k);
  }

  /**
   * The tangent function of this flat function with a record result ({@code fTangent}, returning the
   * whole record of tangents), whose forward mode {@code fTangentJvp} carries second derivatives.
   */
  public Callee recordTangentFunction() {
    Callee t = tangentFunction();
    return new Callee(t.ownerQualifiedName, t.derivativesQualifiedName, t.name, t.params, Type.OBJECT, true,
        t.order, null, false, new RecordResult(recordResult.shape(), -1, -1), 1, 0);
  }

  /** {@code name}, or with {@code Dot} appended until no parameter of {@code taken} has it. */
  private static String fresh(List<Param> taken, String name) {
    String out = name;
    while (true) {
      String candidate = out;
      if (taken.stream().noneMatch(q -> q.name().equals(candidate))) {
        return out;
      }
      out += "Dot";
    }
  }

  /** The name of tangent function k of function {@code name}: {@code fTangent}, {@code fTangent2}, .... */
  public static String tangentFunctionName(String name, int k) {
    return name + "Tangent" + (k == 1 ? "" : String.valueOf(k));
  }

  /**
   * Of the k-th tangent function of a function g ({@code tangentOrder} k), the (k+1)-th, with which
   * a tangent program differentiated again continues: {@code D(Dᵏg(p)[v...])[ṗ] = Dᵏ⁺¹g(p)[v..., ṗ]}.
   */
  public Callee nextTangentFunction() {
    int perGroup = differentiatedParams().size() / (tangentOrder + 1);
    List<Param> baseParams = params.subList(0, params.size() - tangentOrder * perGroup);
    String baseName = name.substring(0, name.length() - tangentFunctionName("", tangentOrder).length());
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, baseName, baseParams, returnType, true,
        order + tangentOrder, null, false, null, 0).tangentFunction(tangentOrder + 1);
  }

  /**
   * What a tangent program that is differentiated again calls for this function's output: the
   * function itself, or {@code fRulePrimal} where {@link #rulePrimal} says it has one. That function
   * computes the output with each custom rule's body as written, and its derivatives differentiate
   * those bodies: a rule applies again only where its body calls its function (JAX's semantics for
   * {@code grad(grad(g))} through a {@code custom_jvp} function, whose rule is traced once). It is
   * differentiated to one order less than this function, and has a rule primal of its own where
   * {@link #deeperRulePrimals} says so.
   */
  public Callee secondOrderPrimal() {
    return !rulePrimal || order < 2 ? this : new Callee(derivativesQualifiedName, derivativesQualifiedName,
        rulePrimalName(name), params, returnType, forward, order - 1, null, deeperRulePrimals > 0, recordResult, 0,
        Math.max(0, deeperRulePrimals - 1));
  }

  /** The same function with {@code newParams} (which of them are differentiated, say). */
  public Callee withParams(List<Param> newParams) {
    return new Callee(ownerQualifiedName, derivativesQualifiedName, name, List.copyOf(newParams), returnType, forward,
        order, receiver, rulePrimal, recordResult, tangentOrder, deeperRulePrimals);
  }

  /** The same function, marked as having {@code fRulePrimal} or not. */
  public Callee withRulePrimal(boolean has) {
    return withRulePrimals(has, 0);
  }

  /** The same function, marked as having {@code fRulePrimal} or not, with {@code deeper} rule primals below it. */
  public Callee withRulePrimals(boolean has, int deeper) {
    return new Callee(ownerQualifiedName, derivativesQualifiedName, name, params, returnType, forward, order, receiver,
        has, recordResult, tangentOrder, has ? deeper : 0);
  }

  /**
   * Call {@code site} of this flat function (returning a whole record) reading leaf {@code leaf}: the
   * call's value has that leaf's type.
   */
  public Callee readingLeaf(int leaf, int site) {
    return reading(new RecordResult(recordResult.shape(), leaf, site));
  }

  /** The flat function itself, returning the whole record of which this call reads one leaf. */
  public Callee wholeRecord() {
    return reading(new RecordResult(recordResult.shape(), -1, -1));
  }

  private Callee reading(RecordResult read) {
    return new Callee(ownerQualifiedName, derivativesQualifiedName, name, params,
        read.leaf() < 0 ? Type.OBJECT : read.selected().type(), forward, order, receiver, rulePrimal, read,
        tangentOrder, deeperRulePrimals);
  }

  /** The name of the generated method {@link #secondOrderPrimal} calls for function {@code name}. */
  public static String rulePrimalName(String name) {
    return name + "RulePrimal";
  }

  /** The parameters as the locals that hold them, in order. */
  public List<Expr> paramVars() {
    return params.stream().map(p -> (Expr) new Expr.Var(p.name(), p.type())).toList();
  }

  /** The parameters' names, in order. */
  public List<String> paramNames() {
    return params.stream().map(Param::name).toList();
  }

  /** The differentiated parameters, in order. */
  public List<Param> differentiatedParams() {
    return params.stream().filter(Param::differentiated).toList();
  }

  /** The name of the generated gradient record, used when more than one parameter is differentiated. */
  public String gradRecordName() {
    return Names.capitalized(name) + "Grad";
  }

  /**
   * Whether it returns a {@code double[]} (no record) from {@code double}s and {@code double[]}s: its
   * tangent function {@code fTangent} gets reverse mode too, for callers that read
   * {@code fJvp(x, v).tangent()} as an array.
   */
  public boolean arrayResultOfDoubles() {
    return returnType == Type.DOUBLE_ARRAY && recordResult() == null && differentiatedParams().stream()
        .allMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
  }

  /**
   * The pullback of a function with a {@code double[]} result ({@link #arrayResultOfDoubles}) along
   * its differentiated parameter {@code p} as a function of its own, {@code fVjpFunction(p..., u)}
   * ({@code fVjpFunctionP} for several), in {@code Internal}: uᵀ·J in p's direction, what a caller's
   * {@code fVjp(x).pullback(u)} calls. Its forward and reverse modes go through {@code fTangent}'s.
   */
  public Callee vjpFunction(Param p) {
    List<Param> all = new java.util.ArrayList<>(params);
    all.add(new Param(Names.of(paramNames(), List.of()).fresh("u"), Type.DOUBLE_ARRAY, true));
    String suffix = hasSingleGradient() ? "" : Names.capitalized(p.name());
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, name + "VjpFunction" + suffix,
        List.copyOf(all), p.type(), true, Math.max(1, order - 1));
  }

  /** Whether it returns a double and is differentiated in doubles only: what reverse over reverse goes through. */
  public boolean doublesOnly() {
    return returnType == Type.DOUBLE && differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE);
  }

  /**
   * Whether it returns a double and is differentiated in doubles and {@code double[]}s only: the
   * functions whose tangent functions get reverse mode ({@code fTangentVjp}), as the one-pass
   * {@code fHvp} over arrays needs.
   */
  public boolean doublesOrDoubleArrays() {
    return returnType == Type.DOUBLE && differentiatedParams().stream()
        .allMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
  }

  /**
   * Whether it returns a double and is differentiated in doubles, {@code double[]}s and
   * {@code float[]}s, one array at least: the shape whose reverse over reverse goes through pullback functions returning gradient
   * arrays (where it reaches a {@code @CustomVjp} rule), with {@code fHvp} and the array
   * {@code fHessian} read from their reverse modes.
   */
  public boolean arraysReverseOverReverse() {
    return returnType == Type.DOUBLE && differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE
        || p.type() == Type.DOUBLE_ARRAY || p.type() == Type.FLOAT_ARRAY)
        && differentiatedParams().stream().anyMatch(p -> p.type().isArray());
  }

  /**
   * Whether it returns a number and is differentiated in numbers ({@code double}s and
   * {@code float}s): its tangent functions get reverse modes, as a double function's, so that a
   * caller of its derivative calls has a gradient (floats widened and narrowed as at first order).
   */
  public boolean numbersOnly() {
    return returnType != null && returnType.isScalar()
        && differentiatedParams().stream().allMatch(p -> p.type().isScalar());
  }

  /**
   * Whether its first tangent function gets reverse mode ({@code fTangentVjp}): a function of
   * {@link #doublesOrDoubleArrays} or {@link #numbersOnly}, or one of arrays whose {@code float}s
   * need it for the one-pass {@code fHvp} (a float or double result over numbers and arrays of
   * either).
   */
  public boolean tangentReversible() {
    List<Param> diff = differentiatedParams();
    return doublesOrDoubleArrays() || numbersOnly() || returnType != null && returnType.isScalar()
        && diff.stream().anyMatch(p -> p.type().isArray()) && diff.stream().allMatch(p -> p.type().isDifferentiable());
  }

  /** Whether the gradient is one value (a scalar or an array) rather than a record. */
  public boolean hasSingleGradient() {
    return differentiatedParams().size() == 1;
  }

  /** The name of the pullback function of this function for its differentiated parameter {@code p}. */
  public String pullbackName(Param p) {
    List<Param> diff = differentiatedParams();
    if (diff.size() == 1) {
      return name + "Pullback";
    }
    String suffix = Names.capitalized(p.name());
    // Parameters x and X would give one name: the position tells them apart.
    boolean clash = diff.stream().filter(q -> !q.name().equals(p.name()))
        .anyMatch(q -> (Names.capitalized(q.name())).equals(suffix));
    return name + "Pullback" + suffix + (clash ? String.valueOf(diff.indexOf(p)) : "");
  }

  /**
   * The signature of this function's pullback function for its parameter {@code p}: this function's
   * parameters and the output cotangent {@code g}, all differentiated; reverse mode only (a pullback
   * function is differentiated to get second derivatives, reverse over reverse). Of an order-n function
   * it has order n - 1: its own pullback functions give the derivatives above the second.
   */
  public Callee pullbackFunction(Param p, String g) {
    return pullbackFunction(p, List.of(new Param(g, returnType, true)));
  }

  /**
   * The same with the output cotangent given as {@code cotangents}: for a record result, one per leaf
   * ({@code g_a}, {@code g_b_b0}), each differentiated.
   */
  public Callee pullbackFunction(Param p, List<Param> cotangents) {
    List<Param> all = Stream.concat(params.stream(), cotangents.stream()).toList();
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, pullbackName(p), all, p.type(), false,
        Math.max(1, order - 1));
  }

  /**
   * The gradient of a function of one differentiated {@code double[]} parameter as a function of its
   * own, {@code fGradient(p...)}, in {@code Internal}: what a caller's {@code double[] g = fGrad(w)}
   * calls, an array result whose forward mode is {@code fHvp} and whose reverse mode pulls a
   * cotangent s back to the gradient of {@code fTangent(w, s)}. Of an order-n function it has order
   * n - 1: its tangent function {@code fGradientTangent} is H·v ({@link #hasGradientTangent}).
   */
  public Callee gradientFunction() {
    return gradientFunction(differentiatedParams().get(0));
  }

  /**
   * The component of the gradient for the differentiated parameter {@code p} as a function of its
   * own: {@link #gradientFunction()} for one differentiated parameter, else {@code fGradientP(p...)}
   * (the component's forward mode that of {@code fHvp}, its reverse mode the gradient of
   * {@code fTangent} along the cotangent in p's direction).
   */
  public Callee gradientFunction(Param p) {
    String suffix = hasSingleGradient() ? "" : Names.capitalized(p.name());
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, gradientFunctionName(name) + suffix, params,
        p.type(), true, Math.max(1, order - 1));
  }

  /**
   * Whether {@link #gradientFunction(Param)} has a tangent function, {@code fGradientTangent(p..., v)}
   * ({@code fGradientPTangent} per component), with its forward mode: H·v and its derivative, for
   * callers of order 2 (forward mode, order 3 or more; one differentiated {@code double[]}, through
   * {@link #hvpFunction}, or several {@code double[]}s and doubles, through {@code fHvp} and
   * {@code fTangent2}).
   */
  public boolean hasGradientTangent() {
    return forward && (hasHvpFunction() || order >= 3 && !hasSingleGradient() && hasGradientFunction()
        && differentiatedParams().stream().allMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY));
  }

  /**
   * Whether this callee is the gradient or H·v of a function of one array, or an array component
   * of the gradient of a function of several parameters, as a function of its own
   * ({@link #gradientFunction(Param)}, {@link #hvpFunction}), with a tangent function where
   * {@link #hasGradientTangent} or {@link #hasHvpTangent} says so.
   */
  public boolean isArrayDerivativeFunction() {
    return internal() && returnType != null && returnType.isArray() && tangentOrder == 0
        && (name.endsWith("Gradient") || name.endsWith("HvpFunction") || differentiatedParams().stream()
            .anyMatch(p -> p.type().isArray() && name.endsWith("Gradient" + Names.capitalized(p.name()))));
  }

  /** The name of {@link #gradientFunction} of function {@code name}. */
  public static String gradientFunctionName(String name) {
    return name + "Gradient";
  }

  /**
   * Whether {@link #gradientFunction(Param)} is generated: order 2 or more, a double result, and
   * differentiated parameters of numbers and arrays of them ({@code double}, {@code float}), one
   * an array at least.
   */
  public boolean hasGradientFunction() {
    List<Param> diff = differentiatedParams();
    return order >= 2 && returnType == Type.DOUBLE && diff.stream().anyMatch(p -> p.type().isArray())
        && diff.stream().allMatch(p -> p.type() == Type.DOUBLE_ARRAY || p.type() == Type.DOUBLE
            || p.type() == Type.FLOAT_ARRAY || p.type() == Type.FLOAT);
  }

  /**
   * H·v of a function of one differentiated {@code double[]} parameter as a function of its own,
   * {@code fHvpFunction(p..., v)} in {@code Internal}: what a caller's {@code double[] hv = fHvp(w, v)}
   * calls, an array result whose forward and reverse modes go through {@code fTangent2} and its
   * forward mode (third derivatives of f). Generated where {@link #hasHvpFunction} and f has forward
   * mode.
   */
  public Callee hvpFunction() {
    List<Param> all = new java.util.ArrayList<>(params);
    all.add(new Param(Names.of(paramNames(), List.of()).fresh("v"), Type.DOUBLE_ARRAY, true));
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, name + "HvpFunction", List.copyOf(all),
        Type.DOUBLE_ARRAY, true, Math.max(1, order - 2));
  }

  /**
   * Whether {@link #hvpFunction} has a tangent function, {@code fHvpFunctionTangent}, with its forward
   * mode (fourth derivatives, for callers of order 2): order 4 or more, with forward mode.
   */
  public boolean hasHvpTangent() {
    return forward && order >= 4 && hasHvpFunction();
  }

  /**
   * Whether {@link #hvpFunction} is generated (with forward mode): order 3 or more, a double result
   * and one differentiated parameter, a {@code double[]}.
   */
  public boolean hasHvpFunction() {
    return order >= 3 && returnType == Type.DOUBLE && hasSingleGradient()
        && differentiatedParams().get(0).type() == Type.DOUBLE_ARRAY;
  }

  /** The cotangent parameter's name: {@code g}, or a free variant when this function has a parameter g. */
  public String pullbackCotangentName() {
    return Names.of(paramNames(), List.of()).fresh("g");
  }
}
