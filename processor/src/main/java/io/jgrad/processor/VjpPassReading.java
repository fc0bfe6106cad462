package io.jgrad.processor;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.VjpPasses;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.VjpPassReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * The step that reads the passes of a {@code @CustomVjp} rule, whose signatures were checked, as
 * differentiable code: the forward pass, then the backward pass once per component of the gradient,
 * each body checked as it is read ({@link BodyReading}), stopping at the first with an error.
 */
final class VjpPassReading {
  private VjpPassReading() {}

  /** The passes of {@code f}'s rule, or empty after reporting what in them is not differentiable. */
  static Optional<VjpPasses> read(ExecutableElement f, DiffSpec spec, Callee sig, Trees trees, Report report,
      CalleeResolver callees) {
    VjpPassReader reader = new VjpPassReader(f, spec, sig, trees, callees);
    Optional<Function> fwd = BodyReading.read(reader.forward(report));
    if (fwd.isEmpty()) {
      return Optional.empty();
    }
    List<Function> bwd = new ArrayList<>();
    for (int i = 0; i < reader.components(); i++) {
      // Each component is a parse of its own; only the first reports, the others would repeat it.
      Optional<Function> body = BodyReading.read(reader.backward(i, i == 0 ? report : new Report()));
      if (body.isEmpty()) {
        return Optional.empty();
      }
      bwd.add(body.get());
    }
    return Optional.of(reader.passes(fwd.get(), bwd));
  }
}
