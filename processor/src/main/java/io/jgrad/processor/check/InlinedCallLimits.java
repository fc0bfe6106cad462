package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.ResultCalls;
import java.util.Optional;

/**
 * What a function with an array or a record result needs for callers of order 2 or more to take its
 * body in as their own code: an array result returned from one place and not a parameter, and a
 * record result of numbers.
 */
final class InlinedCallLimits {
  private InlinedCallLimits() {}

  /** Why {@code g}, called {@code name} by the user, cannot be inlined at {@code o} ("order n"), or empty. */
  static Optional<String> unsupported(Function g, String name, String o) {
    String unfit = ResultCalls.unfitBody(g);
    if (unfit != null) {
      return Optional.of(o + " through a call to " + name + ", which returns an array, takes its body in as the"
          + " caller's code, but " + unfit + "; hint: end " + name + " with one return of an array it creates"
          + " (a copy: x.clone())");
    }
    Callee.RecordResult record = g.signature().recordResult();
    if (record != null && record.shape().leaves().stream().anyMatch(l -> l.type().isArray())) {
      return Optional.of(o + " through a call to " + name + ", which returns a record with an array component,"
          + " is not supported yet; hint: call it from an order-1 function, or return the array from a"
          + " function of its own");
    }
    return Optional.empty();
  }
}
