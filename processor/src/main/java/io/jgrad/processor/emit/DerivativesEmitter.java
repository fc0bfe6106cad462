package io.jgrad.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.Activity;
import io.jgrad.processor.transform.Jvp;
import io.jgrad.processor.transform.Linear;
import io.jgrad.processor.transform.RuleLinearizer;
import io.jgrad.processor.transform.SecondOrder;
import io.jgrad.processor.transform.Names;
import io.jgrad.processor.transform.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the members of a {@code ...Derivatives} class for one differentiable function:
 * {@code fJvp}, {@code fVjp}, {@code fGrad}, {@code fValueAndGrad} and the gradient record.
 */
public final class DerivativesEmitter {
  private static final ClassName DUAL = RuntimeTypes.DUAL;
  private static final ClassName FLOAT_DUAL = RuntimeTypes.FLOAT_DUAL;
  private static final ClassName SCALAR_VJP = RuntimeTypes.SCALAR_VJP;
  private static final ClassName VJP = RuntimeTypes.VJP;
  private static final ClassName VALUE_AND_GRAD = RuntimeTypes.VALUE_AND_GRAD;
  private static final ClassName VALUE_AND_DERIVATIVE = RuntimeTypes.VALUE_AND_DERIVATIVE;

  /** What went wrong while transforming, for a diagnostic at the function. */
  public static final class TransformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransformException(String message) {
      super(message);
    }
  }

  private DerivativesEmitter() {}

  /** Adds the derivatives of {@code f} to {@code type}. */
  public static void emit(Function f, boolean forward, int order, TypeSpec.Builder type) {
    Callee sig = f.signature();
    if (order == 2 && (f.vjpRule() != null || !forward)) {
      throw new SecondOrder.Unsupported("order 2 through a @CustomVjp rule (reverse over reverse) is not"
          + " supported yet");
    }
    if (order == 2 && f.rule() != null && f.rule().name() == null) {
      throw new SecondOrder.Unsupported("order 2 with jvps rules is not supported yet; hint: write one rule"
          + " with jvp = \"...\"");
    }
    if (order == 2 && sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray())) {
      throw new SecondOrder.Unsupported("order 2 for array parameters is not supported yet");
    }
    if (f.vjpRule() != null) {
      emitReverse(sig, fromVjpRule(f), type);
      return;
    }
    MethodSpec.Builder jvpMethod = MethodSpec.methodBuilder(sig.name() + "Jvp")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The value of {@code $L} and its directional derivative along the tangents ({@code jax.jvp}).\n",
            sig.name())
        .returns(sig.returnType() == Type.FLOAT ? FLOAT_DUAL : DUAL);
    addParams(sig, jvpMethod);
    List<List<Stmt>> tangentBody = order == 2 ? new ArrayList<>() : null;
    VjpWriter.Sweeps sweeps = f.rule() == null ? fromBody(f, jvpMethod, tangentBody)
        : f.rule().name() == null ? fromPerParameterRules(f, jvpMethod) : fromRule(f, jvpMethod);
    if (forward) {
      type.addMethod(jvpMethod.build());
    }
    emitReverse(sig, sweeps, type);
    if (order == 2) {
      List<Stmt> body = f.rule() == null ? tangentBody.get(0) : SecondOrder.ruleTangentBody(f.body());
      List<String> tangentNames = new ArrayList<>();
      for (ParameterSpec p : jvpMethod.build().parameters().subList(sig.params().size(), jvpMethod.build().parameters().size())) {
        tangentNames.add(p.name());
      }
      emitSecondOrder(sig, body, tangentNames, type);
    }
  }

  /**
   * {@code fHessian} and {@code fHvp} from a private second-order kernel: forward mode applied to the
   * tangent program, so {@code fSecondOrder(x, v, u)} carries {@code uᵀ H v}.
   */
  private static void emitSecondOrder(Callee sig, List<Stmt> tangentBody, List<String> tangentNames,
      TypeSpec.Builder type) {
    Callee sig2 = SecondOrder.signature(sig, tangentNames);
    List<String> paramNames = sig2.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(paramNames, tangentBody);
    List<Stmt> normal = Normalizer.normalize(new Function(sig2, tangentBody), names);
    Jvp.Result jvp = Jvp.transform(normal, sig.differentiatedParams(), names);
    if (!jvp.problems().isEmpty()) {
      throw new TransformException(String.join("; ", jvp.problems()));
    }
    String kernel = sig.name() + "SecondOrder";
    Type t = sig.returnType();
    MethodSpec.Builder second = MethodSpec.methodBuilder(kernel)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("uᵀ·H·v for {@code $L}: forward mode over its tangent program.\n", sig.name())
        .returns(t == Type.FLOAT ? FLOAT_DUAL : DUAL);
    addParams(sig2, second);
    List<Callee.Param> diff = sig.differentiatedParams();
    for (Callee.Param p : diff) {
      second.addParameter(typeName(p.type()), jvp.tangents().get(p.name()).name());
    }
    second.addCode(new JvpWriter(names).write(jvp.program()));
    type.addMethod(second.build());
    emitTangentFunction(sig, kernel, type);

    List<String> primals = sig.params().stream().map(Callee.Param::name).toList();
    int n = diff.size();
    MethodSpec.Builder hessian = MethodSpec.methodBuilder(sig.name() + "Hessian")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The Hessian of {@code $L} ({@code jax.hessian}); for one parameter, {@code grad(grad(f))}.\n",
            sig.name());
    addParams(sig, hessian);
    if (n == 1) {
      hessian.returns(TypeName.DOUBLE);
      hessian.addStatement("return $L($L, $L, $L).tangent()", kernel, String.join(", ", primals),
          one(diff.get(0).type()), one(diff.get(0).type()));
    } else {
      hessian.returns(com.palantir.javapoet.ArrayTypeName.of(com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE)));
      hessian.addStatement("double[][] hessian = new double[$L][$L]", n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          hessian.addStatement("hessian[$L][$L] = $L($L, $L, $L).tangent()", i, j, kernel,
              String.join(", ", primals), basis(diff, i), basis(diff, j));
        }
      }
      hessian.addStatement("return hessian");
    }
    type.addMethod(hessian.build());

    MethodSpec.Builder hvp = MethodSpec.methodBuilder(sig.name() + "Hvp")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The Hessian of {@code $L} times the vector v ({@code jvp(grad(f))}).\n", sig.name());
    addParams(sig, hvp);
    Names hvpNames = Names.of(primals, List.of());
    List<String> vs = new ArrayList<>();
    for (Callee.Param p : diff) {
      String v = hvpNames.fresh(n == 1 ? "v" : "v" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1));
      vs.add(v);
      hvp.addParameter(typeName(p.type()), v);
    }
    if (n == 1) {
      hvp.returns(TypeName.DOUBLE);
      hvp.addStatement("return $L($L, $L, $L).tangent()", kernel, String.join(", ", primals), vs.get(0),
          one(diff.get(0).type()));
    } else {
      hvp.returns(RuntimeTypes.derivatives(sig).nestedClass(sig.gradRecordName()));
      List<String> components = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String component = kernel + "(" + String.join(", ", primals) + ", " + String.join(", ", vs) + ", "
            + basis(diff, i) + ").tangent()";
        components.add(diff.get(i).type() == Type.FLOAT ? "(float) " + component : component);
      }
      hvp.addStatement("return new $L($L)", sig.gradRecordName(), String.join(", ", components));
    }
    type.addMethod(hvp.build());
  }

  /**
   * {@code fTangent(p, v) = J·v} and its forward mode {@code fTangentJvp(p, v, u, w) = (J·v, uᵀ·H·v + J·w)}:
   * what the second order of a caller of {@code f} calls.
   */
  private static void emitTangentFunction(Callee sig, String kernel, TypeSpec.Builder type) {
    List<String> primals = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(primals, List.of());
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> vs = new ArrayList<>();
    List<String> us = new ArrayList<>();
    List<String> ws = new ArrayList<>();
    diff.forEach(p -> vs.add(names.fresh(p.name() + "Dot")));
    diff.forEach(p -> us.add(names.fresh(p.name() + "Dir")));
    diff.forEach(p -> ws.add(names.fresh(p.name() + "DotDir")));
    ClassName dual = sig.returnType() == Type.FLOAT ? FLOAT_DUAL : DUAL;
    String all = String.join(", ", primals);

    MethodSpec.Builder tangent = MethodSpec.methodBuilder(sig.name() + "Tangent")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The directional derivative of {@code $L} along the tangents, as a function of its own.\n",
            sig.name())
        .returns(typeName(sig.returnType()));
    addParams(sig, tangent);
    for (int i = 0; i < diff.size(); i++) {
      tangent.addParameter(typeName(diff.get(i).type()), vs.get(i));
    }
    tangent.addStatement("return $L($L, $L).tangent()", sig.name() + "Jvp", all, String.join(", ", vs));
    type.addMethod(tangent.build());

    MethodSpec.Builder jvp = MethodSpec.methodBuilder(sig.name() + "TangentJvp")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("Forward mode of {@code $LTangent}: along the primal direction and the tangent direction.\n",
            sig.name())
        .returns(dual);
    addParams(sig, jvp);
    for (List<String> group : List.of(vs, us, ws)) {
      for (int i = 0; i < diff.size(); i++) {
        jvp.addParameter(typeName(diff.get(i).type()), group.get(i));
      }
    }
    String second = names.fresh("second");
    jvp.addStatement("$T $L = $L($L, $L, $L)", dual, second, kernel, all, String.join(", ", vs), String.join(", ", us));
    jvp.addStatement("return $T.of($L.value(), $L.tangent() + $L($L, $L).tangent())", dual, second, second,
        sig.name() + "Jvp", all, String.join(", ", ws));
    type.addMethod(jvp.build());
  }

  private static String one(Type t) {
    return t == Type.FLOAT ? "1.0f" : "1.0";
  }

  /** The i-th basis vector over the differentiated parameters, as arguments. */
  private static String basis(List<Callee.Param> diff, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      out.add(k == i ? one(diff.get(k).type()) : Terms.zero(diff.get(k).type()));
    }
    return String.join(", ", out);
  }

  /**
   * {@code @CustomVjp}: the forward pass gives the value and the residuals; the pullback is the
   * backward pass, with a null gradient read as zero.
   */
  private static VjpWriter.Sweeps fromVjpRule(Function f) {
    Callee sig = f.signature();
    Function.VjpRule rule = f.vjpRule();
    List<String> paramNames = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    String fwd = names.fresh("fwd");
    String grad = names.fresh("grad");
    ClassName owner = ClassName.bestGuess(rule.owner());
    CodeBlock forward = CodeBlock.builder()
        .addStatement("var $L = $T.$L($L)", fwd, owner, rule.fwd(), String.join(", ", paramNames)).build();
    List<String> bwdArgs = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      if (!p.differentiated()) {
        bwdArgs.add(p.name());
      }
    }
    bwdArgs.add(fwd + ".residuals()");
    bwdArgs.add("outBar");
    CodeBlock.Builder reverse = CodeBlock.builder();
    List<Callee.Param> diff = sig.differentiatedParams();
    TypeName gradType = gradType(sig, RuntimeTypes.derivatives(sig));
    reverse.addStatement("$T $L = $T.$L($L)", gradType, grad, owner, rule.bwd(), String.join(", ", bwdArgs));
    if (!sig.hasSingleGradient()) {
      List<String> zeros = new ArrayList<>();
      for (Callee.Param p : diff) {
        zeros.add(p.type().isArray() ? "new " + p.type().element().javaName() + "[" + p.name() + ".length]"
            : Terms.zero(p.type()));
      }
      reverse.beginControlFlow("if ($L == null)", grad)
          .addStatement("$L = new $L($L)", grad, sig.gradRecordName(), String.join(", ", zeros))
          .endControlFlow();
    } else if (diff.get(0).type().isArray()) {
      Callee.Param p = diff.get(0);
      reverse.beginControlFlow("if ($L == null)", grad)
          .addStatement("$L = new $L[$L.length]", grad, p.type().element().javaName(), p.name())
          .endControlFlow();
    }
    return new VjpWriter.Sweeps(forward, reverse.build(), fwd + ".value()", sig.returnType(), grad);
  }

  /** Forward mode from the body; the sweeps of reverse mode transpose it. */
  private static VjpWriter.Sweeps fromBody(Function f, MethodSpec.Builder jvpMethod,
      List<List<Stmt>> tangentBody) {
    Callee sig = f.signature();
    List<String> paramNames = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(paramNames, f.body());
    List<Stmt> normal = Normalizer.normalize(f, names);
    Jvp.Result jvp = Jvp.transform(normal, sig.differentiatedParams(), names);
    if (!jvp.problems().isEmpty()) {
      throw new TransformException(String.join("; ", jvp.problems()));
    }
    for (Callee.Param p : sig.differentiatedParams()) {
      jvpMethod.addParameter(typeName(p.type()), jvp.tangents().get(p.name()).name());
    }
    jvpMethod.addCode(new JvpWriter(names).write(jvp.program()));
    if (tangentBody != null) {
      tangentBody.add(SecondOrder.tangentBody(jvp.program()));
    }
    return new VjpWriter(names).write(jvp.program(), jvp.tangents(), sig);
  }

  /**
   * Forward mode calls the user's rule, so its code (and its side effects) run as written; reverse
   * mode transposes the rule's linear part (the seed: "JAX will automatically transpose the linear
   * computation on tangent values from our custom JVP rule").
   */
  private static VjpWriter.Sweeps fromRule(Function f, MethodSpec.Builder jvpMethod) {
    Callee sig = f.signature();
    Function.CustomRule rule = f.rule();
    List<String> paramNames = new ArrayList<>(sig.params().stream().map(Callee.Param::name).toList());
    paramNames.addAll(rule.tangentNames());
    List<String> args = new ArrayList<>(paramNames);
    List<Callee.Param> diff = sig.differentiatedParams();
    List<Callee.Param> tangentParams = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      String name = rule.tangentNames().get(i);
      jvpMethod.addParameter(typeName(diff.get(i).type()), name);
      tangentParams.add(new Callee.Param(name, diff.get(i).type(), true));
    }
    jvpMethod.addStatement("return $T.$L($L)", ClassName.bestGuess(rule.owner()), rule.name(),
        String.join(", ", args));

    Names names = Names.of(paramNames, f.body());
    Type t = sig.returnType();
    Expr.Var value = new Expr.Var(names.fresh("ruleValue"), t);
    Expr.Var tangent = new Expr.Var(names.fresh("ruleTangent"), t);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Declare(value));
    body.add(new Stmt.Declare(tangent));
    body.addAll(splitPairs(f.body(), value, tangent));
    List<Stmt> normal = Normalizer.normalize(new Function(sig, body), names);
    Set<String> linear = Activity.of(normal, tangentParams);
    List<Linear> program = RuleLinearizer.linearize(normal, linear, tangent);
    Map<String, Expr.Var> tangents = new LinkedHashMap<>();
    for (int i = 0; i < diff.size(); i++) {
      tangents.put(diff.get(i).name(), new Expr.Var(rule.tangentNames().get(i), diff.get(i).type()));
    }
    collectLinearLocals(normal, linear, tangents);
    return new VjpWriter(names).write(program, tangents, sig);
  }

  /**
   * {@code jvps}: the output tangent is the sum of each rule's contribution. Each rule is linear in
   * its scalar tangent, so it is its own transpose: the reverse sweep calls it on the cotangent.
   */
  private static VjpWriter.Sweeps fromPerParameterRules(Function f, MethodSpec.Builder jvpMethod) {
    Callee sig = f.signature();
    Function.CustomRule rule = f.rule();
    List<Callee.Param> diff = sig.differentiatedParams();
    List<String> paramNames = sig.params().stream().map(Callee.Param::name).toList();
    Names names = Names.of(new ArrayList<>(paramNames), List.of());
    rule.tangentNames().forEach(names::fresh);
    String primalOut = names.fresh("primalOut");
    ClassName owner = ClassName.bestGuess(rule.owner());
    Type t = sig.returnType();
    String args = String.join(", ", paramNames);
    List<String> contributions = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      jvpMethod.addParameter(typeName(diff.get(i).type()), rule.tangentNames().get(i));
      if (rule.perParameter().get(i) != null) {
        contributions.add(rule.perParameter().get(i) + "(" + rule.tangentNames().get(i) + ", " + primalOut
            + ", " + args + ")");
      }
    }
    jvpMethod.addStatement("$L $L = $T.$L($L)", t.javaName(), primalOut, owner, sig.name(), args);
    CodeBlock.Builder tangent = CodeBlock.builder();
    if (contributions.isEmpty()) {
      tangent.add("$L", Terms.zero(t));
    }
    for (int i = 0; i < contributions.size(); i++) {
      tangent.add(i == 0 ? "$T.$L" : " + $T.$L", owner, contributions.get(i));
    }
    jvpMethod.addStatement("return $T.of($L, $L)", t == Type.FLOAT ? FLOAT_DUAL : DUAL, primalOut, tangent.build());

    CodeBlock forward = CodeBlock.builder()
        .addStatement("$L $L = $T.$L($L)", t.javaName(), primalOut, owner, sig.name(), args).build();
    CodeBlock.Builder reverse = CodeBlock.builder();
    List<String> grads = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      Type pt = diff.get(i).type();
      String bar = names.fresh(diff.get(i).name() + "Bar");
      grads.add(bar);
      String ruleName = rule.perParameter().get(i);
      if (ruleName == null) {
        reverse.addStatement("$L $L = $L", pt.javaName(), bar, Terms.zero(pt));
      } else {
        reverse.addStatement("$L $L = $T.$L($L, $L, $L)", pt.javaName(), bar, owner, ruleName,
            Terms.convert("outBar", Type.DOUBLE, pt, false), primalOut, args);
      }
    }
    String gradient = sig.hasSingleGradient() ? grads.get(0)
        : "new " + sig.gradRecordName() + "(" + String.join(", ", grads) + ")";
    return new VjpWriter.Sweeps(forward, reverse.build(), primalOut, t, gradient);
  }

  /** {@code return Dual.of(v, t)} becomes {@code value = v; tangent = t; return value}. */
  private static List<Stmt> splitPairs(List<Stmt> body, Expr.Var value, Expr.Var tangent) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Return r && r.value() instanceof Expr.Pair p) {
        out.add(new Stmt.Assign(value, p.value(), false));
        out.add(new Stmt.Assign(tangent, p.tangent(), false));
        out.add(new Stmt.Return(value));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), splitPairs(i.thenBody(), value, tangent),
            splitPairs(i.elseBody(), value, tangent)));
      } else if (s instanceof Stmt.Block b) {
        out.add(new Stmt.Block(splitPairs(b.body(), value, tangent)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static void collectLinearLocals(List<Stmt> body, Set<String> linear, Map<String, Expr.Var> out) {
    for (Stmt s : body) {
      Expr.Var target = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Declare d ? d.target() : null;
      if (target != null && linear.contains(target.name())
          && out.values().stream().noneMatch(v -> v.name().equals(target.name()))) {
        out.put(target.name(), target);
      } else if (s instanceof Stmt.If i) {
        collectLinearLocals(i.thenBody(), linear, out);
        collectLinearLocals(i.elseBody(), linear, out);
      } else if (s instanceof Stmt.While w) {
        collectLinearLocals(w.body(), linear, out);
      } else if (s instanceof Stmt.Block b) {
        collectLinearLocals(b.body(), linear, out);
      }
    }
  }

  /** {@code fVjp}, {@code fGrad}, {@code fValueAndGrad} and the gradient record from the two sweeps. */
  private static void emitReverse(Callee sig, VjpWriter.Sweeps sweeps, TypeSpec.Builder type) {
    ClassName self = RuntimeTypes.derivatives(sig);
    TypeName grad = gradType(sig, self);

    // fVjp
    boolean scalar = sig.hasSingleGradient() && !sig.differentiatedParams().get(0).type().isArray();
    TypeName vjpType = scalar ? SCALAR_VJP : ParameterizedTypeName.get(VJP, grad.box());
    MethodSpec.Builder vjpMethod = MethodSpec.methodBuilder(sig.name() + "Vjp")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The value of {@code $L} and its pullback from an output cotangent to the gradient"
            + " ({@code jax.vjp}).\n", sig.name())
        .returns(vjpType);
    addParams(sig, vjpMethod);
    vjpMethod.addCode(sweeps.forward());
    vjpMethod.addCode("return new $T$L($L, outBar -> {\n$>", scalar ? SCALAR_VJP : VJP, scalar ? "" : "<>",
        sweeps.value());
    vjpMethod.addCode(sweeps.reverse());
    vjpMethod.addStatement("return $L", sweeps.gradient());
    vjpMethod.addCode("$<});\n");
    type.addMethod(vjpMethod.build());

    // fGrad
    MethodSpec.Builder gradMethod = MethodSpec.methodBuilder(sig.name() + "Grad")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The gradient of {@code $L} ({@code jax.grad}).\n", sig.name())
        .returns(grad);
    addParams(sig, gradMethod);
    gradMethod.addCode(sweeps.forward());
    gradMethod.addStatement("double outBar = 1.0");
    gradMethod.addCode(sweeps.reverse());
    gradMethod.addStatement("return $L", sweeps.gradient());
    type.addMethod(gradMethod.build());

    // fValueAndGrad
    TypeName vgType = scalar ? VALUE_AND_DERIVATIVE : ParameterizedTypeName.get(VALUE_AND_GRAD, grad.box());
    MethodSpec.Builder vgMethod = MethodSpec.methodBuilder(sig.name() + "ValueAndGrad")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("The value and the gradient of {@code $L} ({@code jax.value_and_grad}).\n", sig.name())
        .returns(vgType);
    addParams(sig, vgMethod);
    List<String> args = sig.params().stream().map(Callee.Param::name).toList();
    String vjp = Names.of(args, List.of()).fresh("vjp");
    vgMethod.addStatement("$T $L = $L($L)", vjpType, vjp, sig.name() + "Vjp", String.join(", ", args));
    vgMethod.addStatement("return new $T$L($L.value(), $L.pullback(1.0))",
        scalar ? VALUE_AND_DERIVATIVE : VALUE_AND_GRAD, scalar ? "" : "<>", vjp, vjp);
    type.addMethod(vgMethod.build());

    if (!sig.hasSingleGradient()) {
      TypeSpec.Builder record = TypeSpec.recordBuilder(sig.gradRecordName())
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("The gradient of {@code $L}, one component per differentiated parameter.\n", sig.name());
      MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
      for (Callee.Param p : sig.differentiatedParams()) {
        ctor.addParameter(typeName(p.type()), p.name());
      }
      record.recordConstructor(ctor.build());
      type.addType(record.build());
    }
  }

  private static void addParams(Callee sig, MethodSpec.Builder m) {
    List<ParameterSpec> ps = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      ps.add(ParameterSpec.builder(typeName(p.type()), p.name()).build());
    }
    m.addParameters(ps);
  }

  /** The gradient's type: one value for one differentiated parameter, else the generated record. */
  private static TypeName gradType(Callee sig, ClassName self) {
    if (sig.hasSingleGradient()) {
      return typeName(sig.differentiatedParams().get(0).type());
    }
    return self.nestedClass(sig.gradRecordName());
  }

  static TypeName typeName(Type t) {
    return switch (t) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case INT -> TypeName.INT;
      case LONG -> TypeName.LONG;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY -> com.palantir.javapoet.ArrayTypeName.of(TypeName.DOUBLE);
      case FLOAT_ARRAY -> com.palantir.javapoet.ArrayTypeName.of(TypeName.FLOAT);
      case INT_ARRAY -> com.palantir.javapoet.ArrayTypeName.of(TypeName.INT);
      case OBJECT -> ClassName.get(String.class);
    };
  }

  /** The {@code @Generated} annotation, without a date so that builds are reproducible. */
  public static AnnotationSpec generated() {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", "io.jgrad.processor.JgradProcessor")
        .build();
  }
}
