package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import java.util.List;

/**
 * What differs between the users of {@link CallInliner}'s one walk: which calls are taken in, how a
 * refusal is reported, what a callee's body must satisfy, and how its result reaches the caller.
 */
interface InlinePolicy {
  /**
   * The body to take in for {@code call}, made by {@code site} (the whole statement), or null where
   * the call stays a call; throws where the call can be neither.
   */
  Function body(Stmt site, Expr.Call call, CallPath path);

  /** The signature {@code g} is inlined under: its names and parameters as spliced. */
  Callee signature(Callee called, Function g);

  /** The error for a cycle of calls reaching {@code path}'s callee again. */
  RuntimeException cycle(CallPath path);

  /** How the result of a call made by {@code site} reaches the caller. */
  ResultSplice splice(Stmt site);

  /** Checks a callee's normalized body before it is taken in; throws where it cannot be. */
  default void check(List<Stmt> body, CallPath path) {}

  /**
   * {@code s} with the calls to take in that it makes inside a value or a test lifted out first into
   * {@code before}, as locals of {@code names}; {@code s} itself where none are lifted.
   */
  default Stmt lift(Stmt s, Names names, List<Stmt> before) {
    return s;
  }
}
