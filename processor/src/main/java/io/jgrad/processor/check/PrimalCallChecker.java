package io.jgrad.processor.check;

import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Function;
import javax.lang.model.element.ExecutableElement;

/**
 * Warns when the {@code jvp} rule of a function differentiated twice does not call the function:
 * second derivatives then differentiate the rule's body without applying the rule again.
 */
public final class PrimalCallChecker {
  private PrimalCallChecker() {}

  /** Warns at {@code rule} when {@code read}, the function it defines, never calls that function. */
  public static void check(Function.JvpRule read, ExecutableElement rule, Report report) {
    Callee sig = read.signature();
    if (Calls.of(read).stream()
        .noneMatch(c -> c.name().equals(sig.name()) && c.ownerQualifiedName().equals(sig.ownerQualifiedName()))) {
      report.warning(Codes.RULE_SKIPS_PRIMAL, "the rule " + rule.getSimpleName()
          + " does not call " + sig.name() + ", so second derivatives differentiate the rule's body"
          + " without applying the rule again; hint: compute the primal output by calling " + sig.name(), rule);
    }
  }
}
