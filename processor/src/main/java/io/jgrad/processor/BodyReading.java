package io.jgrad.processor;

import io.jgrad.processor.check.CallArgumentChecker;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.parse.BodyParser;
import java.util.Optional;

/**
 * Reads a body that is differentiated as written (a function's, a {@code jvps} rule's, a pass of a
 * {@code @CustomVjp} rule) and then checks what its calls pass ({@link CallArgumentChecker}).
 */
final class BodyReading {
  private BodyReading() {}

  /** The body {@code parser} reads, or empty after its report got what is wrong with it. */
  static Optional<Function> read(BodyParser parser) {
    Optional<Function> parsed = parser.parse();
    if (parsed.isEmpty()) {
      return parsed;
    }
    Report report = parser.report();
    int before = report.errorCount();
    Function f = parsed.get();
    CallArgumentChecker.check(f.body(), f.signature().differentiatedParams(), parser.positions(), report,
        parser.unit(), parser.method());
    return report.errorCount() > before ? Optional.empty() : parsed;
  }
}
