package io.jgrad.processor.transform;

import java.util.List;

/**
 * The path of calls to a callee being inlined: the functions it is inlined into, outermost first,
 * then the callee; refusals name it.
 *
 * @param stack the functions being inlined into, outermost first
 * @param callee the name of the callee being inlined
 */
record CallPath(List<String> stack, String callee) {
  CallPath {
    stack = List.copyOf(stack); // the inliner's stack changes as it goes deeper
  }

  /** The callee called from the function being inlined into: where a problem deeper down shows. */
  String first() {
    return stack.size() > 1 ? stack.get(1) : callee;
  }

  @Override
  public String toString() {
    return String.join(" → ", stack) + " → " + callee;
  }
}
