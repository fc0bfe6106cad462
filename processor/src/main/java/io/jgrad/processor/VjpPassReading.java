package io.jgrad.processor;

import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.VjpPasses;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.VjpPassReader;
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
    return VjpPassReader.read(f, spec, sig, trees, report, callees, BodyReading::read);
  }
}
