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
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Reads the forward and backward passes of an order-2 {@code @CustomVjp} rule as differentiable
 * code (JAX differentiates through {@code fwd} and {@code bwd} for {@code grad(grad(f))}), from which
 * the function's pullback functions are built. The passes' signatures are checked before this runs.
 */
public final class VjpPassReader {
  private VjpPassReader() {}

  /** The passes of {@code f}'s rule, or empty after reporting what in them is not differentiable. */
  public static Optional<VjpPasses> read(ExecutableElement f, DiffSpec spec, Callee sig, Trees trees,
      Report report, CalleeResolver callees) {
    ExecutableElement fwd = method(f, spec.fwd());
    ExecutableElement bwd = method(f, spec.bwd());
    BodyParser fwdParser = BodyParser.forVjpPass(trees, report, callees, fwd, BodyParser.VjpPass.FWD,
        List.of(sig.returnType()), -1, 0);
    Optional<Function> fwdBody = fwdParser.parse();
    if (fwdBody.isEmpty()) {
      return Optional.empty();
    }
    var residuals = fwdParser.residualLeaves();
    boolean arrayResidual = ((DeclaredType) fwd.getReturnType()).getTypeArguments().get(0).getKind() == TypeKind.ARRAY;
    List<Type> gradient = sig.differentiatedParams().stream().map(Callee.Param::type).toList();
    List<VjpPasses.Pass> bwdPasses = new ArrayList<>();
    for (int i = 0; i < gradient.size(); i++) {
      // Each component is a parse of its own; only the first reports, the others would repeat it.
      BodyParser parser = BodyParser.forVjpPass(trees, i == 0 ? report : new Report(), callees, bwd,
          BodyParser.VjpPass.BWD, gradient, arrayResidual ? residuals.size() : -1, i);
      Optional<Function> body = parser.parse();
      if (body.isEmpty()) {
        return Optional.empty();
      }
      bwdPasses.add(new VjpPasses.Pass(spec.bwd(), bwdParams(bwd, sig, parser.residualLeaves()), body.get().body()));
    }
    List<Callee.Param> fwdParams = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      Callee.Param p = sig.params().get(i);
      fwdParams.add(new Callee.Param(fwd.getParameters().get(i).getSimpleName().toString(), p.type(), false));
    }
    return Optional.of(new VjpPasses(new VjpPasses.Pass(spec.fwd(), fwdParams, fwdBody.get().body()), residuals,
        bwdPasses));
  }

  /**
   * The passes of an order-1 rule, for kernels, which run them as code on OpenCL; empty, without a
   * report, when a pass is outside the subset (the kernels then run on the CPU only, and their
   * warning says so).
   */
  public static Optional<VjpPasses> readQuietly(ExecutableElement f, DiffSpec spec, Callee sig, Trees trees,
      CalleeResolver callees) {
    try {
      return read(f, spec, sig, trees, new Report(), callees);
    } catch (RuntimeException e) {
      // An optional reading for speed: what it cannot read is run by the user's passes instead.
      return Optional.empty();
    }
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
