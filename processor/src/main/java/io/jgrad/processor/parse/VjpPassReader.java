package io.jgrad.processor.parse;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.VjpPasses;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Reads the forward and backward passes of an order-2 {@code @CustomVjp} rule as differentiable
 * code (JAX differentiates through {@code fwd} and {@code bwd} for {@code grad(grad(f))}), from which
 * the function's pullback functions are built. The passes' signatures are checked before this runs;
 * the processor's entry reads the passes with the parsers this gives, in order, and checks each
 * body before it reads the next.
 */
public final class VjpPassReader {
  private final DiffSpec spec;
  private final Callee sig;
  private final Trees trees;
  private final CalleeResolver callees;
  private final ExecutableElement fwd;
  private final ExecutableElement bwd;
  private BodyParser fwdParser;
  private final List<BodyParser> bwdParsers = new ArrayList<>();

  /** A reader of the passes of {@code f}'s rule. */
  public VjpPassReader(ExecutableElement f, DiffSpec spec, Callee sig, Trees trees, CalleeResolver callees) {
    this.spec = spec;
    this.sig = sig;
    this.trees = trees;
    this.callees = callees;
    this.fwd = method(f, spec.fwd());
    this.bwd = method(f, spec.bwd());
  }

  /** The parser of the forward pass, read first: the backward pass reads the residuals it finds. */
  public BodyParser forward(Report report) {
    fwdParser = BodyParser.forVjpPass(trees, report, callees, fwd, BodyParser.VjpPass.FWD,
        List.of(sig.returnType()), -1, 0);
    return fwdParser;
  }

  /** How many times the backward pass is read: once per component of the gradient. */
  public int components() {
    return sig.differentiatedParams().size();
  }

  /** The parser of the backward pass returning component {@code i} of the gradient, after the forward pass. */
  public BodyParser backward(int i, Report report) {
    var residuals = fwdParser.residualLeaves();
    boolean arrayResidual = ((DeclaredType) fwd.getReturnType()).getTypeArguments().get(0).getKind() == TypeKind.ARRAY;
    BodyParser parser = BodyParser.forVjpPass(trees, report, callees, bwd, BodyParser.VjpPass.BWD, gradient(),
        arrayResidual ? residuals.size() : -1, i);
    bwdParsers.add(parser);
    return parser;
  }

  /** The passes, from the forward pass's body and the backward pass's, one per component, as read. */
  public VjpPasses passes(Function fwdBody, List<Function> bwdBodies) {
    List<VjpPasses.Pass> bwdPasses = new ArrayList<>();
    for (int i = 0; i < bwdBodies.size(); i++) {
      bwdPasses.add(new VjpPasses.Pass(spec.bwd(), bwdParams(bwd, sig, bwdParsers.get(i).residualLeaves()),
          bwdBodies.get(i).body()));
    }
    List<Callee.Param> fwdParams = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      Callee.Param p = sig.params().get(i);
      fwdParams.add(new Callee.Param(fwd.getParameters().get(i).getSimpleName().toString(), p.type(), false));
    }
    return new VjpPasses(new VjpPasses.Pass(spec.fwd(), fwdParams, fwdBody.body()), fwdParser.residualLeaves(),
        bwdPasses);
  }

  private List<Type> gradient() {
    return sig.differentiatedParams().stream().map(Callee.Param::type).toList();
  }

  /** The backward pass's parameters as its body names them: its residual parameter leaf by leaf. */
  private static List<Callee.Param> bwdParams(ExecutableElement bwd, Callee sig, List<io.jgrad.processor.ir.Expr.Var> residual) {
    List<Callee.Param> out = new ArrayList<>();
    List<Callee.Param> nondiff = sig.params().stream().filter(p -> !p.differentiated()).toList();
    List<? extends VariableElement> ps = bwd.getParameters();
    for (int i = 0; i < nondiff.size(); i++) {
      out.add(new Callee.Param(ps.get(i).getSimpleName().toString(), nondiff.get(i).type(), false));
    }
    residual.forEach(r -> out.add(new Callee.Param(r.name(), r.type(), false)));
    out.add(new Callee.Param(ps.get(ps.size() - 1).getSimpleName().toString(), sig.returnType(), false));
    return out;
  }

  private static ExecutableElement method(ExecutableElement f, String name) {
    for (Element e : f.getEnclosingElement().getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
        return (ExecutableElement) e;
      }
    }
    throw new IllegalStateException("the rule " + name + " was checked to exist");
  }
}
