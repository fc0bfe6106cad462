package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.TransformException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain bodies of the generated functions a derivative call reads as, for kernel lanes, which
 * inline every callee: a function's tangent functions ({@code fTangent}, {@code fTangent2}, ...) as its
 * tangent programs written as code, the way the generated class differentiates them again, its
 * rule primals ({@code fRulePrimal}, ...) and, without forward mode, its pullback functions
 * ({@code fPullbackX}). Built from the function's IR; null for any other callee.
 */
public final class DerivativeCallBodies {
  private static final String RULE_PRIMAL = Callee.rulePrimalName("");

  /** The functions read in this round, by the key of their name in their derivatives class. */
  private final Map<String, Function> byDerivatives = new HashMap<>();
  /** The pullback functions of the reverse-only functions read here, by key, made when a lane asks. */
  private final Map<String, List<Function>> pullbacks = new HashMap<>();

  private DerivativeCallBodies(Collection<Function> functions) {
    functions.forEach(f -> byDerivatives.put(
        Callee.key(f.signature().derivativesQualifiedName(), f.signature().name()), f));
  }

  /** The bodies of the tangent functions and rule primals of {@code functions}. */
  public static java.util.function.Function<Callee, Function> of(Collection<Function> functions) {
    return new DerivativeCallBodies(functions)::body;
  }

  /** {@code c}'s body where it is a tangent function or a rule primal of a function read here, else null. */
  private Function body(Callee c) {
    if (c.isFunctionObject() || !c.ownerQualifiedName().equals(c.derivativesQualifiedName())) {
      return null; // not a member of a generated class
    }
    if (c.tangentOrder() > 0) {
      String name = c.name();
      Function base = base(c.derivativesQualifiedName(),
          name.substring(0, name.length() - Callee.tangentFunctionName("", c.tangentOrder()).length()));
      List<Stmt> body = base == null ? null : tangentBody(base, c.tangentOrder());
      return body == null ? null : new Function.Plain(c, body);
    }
    Function primal = base(c.derivativesQualifiedName(), c.name());
    return primal instanceof Function.Plain ? new Function.Plain(c, primal.body()) : pullback(c);
  }

  /**
   * {@code c}'s body where it is a pullback function ({@code fPullbackX}, or one of a pullback
   * function's own, {@code fPullbackXPullbackY}) of a function read here without forward mode (a
   * derivative call of a function that reaches a {@code @CustomVjp} rule): the rule's passes or the
   * body's reverse sweep as code; else null.
   */
  private Function pullback(Callee c) {
    for (Function f : byDerivatives.values()) {
      Function found = pullbackOf(f, c);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** {@code c}'s body where it is a pullback function of {@code f}, or of one of those; else null. */
  private Function pullbackOf(Function f, Callee c) {
    Callee sig = f.signature();
    if (sig.order() < 2 || !sig.derivativesQualifiedName().equals(c.derivativesQualifiedName())
        || !c.name().startsWith(sig.name() + "Pullback")) {
      return null;
    }
    for (Function p : pullbacks.computeIfAbsent(sig.key(), key -> pullbackFunctions(f))) {
      if (p.signature().name().equals(c.name())) {
        return new Function.Plain(c, p.body());
      }
      Function deeper = pullbackOf(p, c);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  /** {@code f}'s pullback functions as code; none where its reverse sweep cannot be written so. */
  private static List<Function> pullbackFunctions(Function f) {
    try {
      return Derivation.pullbackFunctions(f);
    } catch (TransformException e) {
      return List.of(); // the lane then refuses the call as a body it does not have
    }
  }

  /**
   * The function {@code name} of the derivatives class {@code derivatives}: a function read here, or
   * the rule primal of one ({@code fRulePrimal}, {@code fRulePrimalRulePrimal}), as a plain body.
   */
  private Function base(String derivatives, String name) {
    Function f = byDerivatives.get(Callee.key(derivatives, name));
    if (f != null || !name.endsWith(RULE_PRIMAL) || name.length() == RULE_PRIMAL.length()) {
      return f;
    }
    Function below = base(derivatives, name.substring(0, name.length() - RULE_PRIMAL.length()));
    return below == null ? null : new Function.Plain(below.signature().secondOrderPrimal(), RulePrimal.of(below));
  }

  /**
   * Tangent function k of {@code f} as code: its tangent program (of its body, or the tangent part of
   * its JVP rule), differentiated again k - 1 times with the earlier tangents held constant, the
   * tangents named as the tangent function's parameters; null where {@code f} has no forward mode.
   */
  private static List<Stmt> tangentBody(Function f, int k) {
    Callee sig = f.signature();
    List<Stmt> body;
    List<String> constant = new ArrayList<>();
    Derivation.RuleTangent rule = Derivation.ruleTangent(f);
    if (rule != null) {
      body = rule.body();
      constant.addAll(rule.tangentNames());
    } else if (f instanceof Function.Plain) {
      body = tangentProgram(f, sig, constant);
    } else {
      return null;
    }
    for (int order = 2; order <= k; order++) {
      body = tangentProgram(new Function.Plain(sig.withConstantTangents(constant), body), sig, constant);
    }
    return Derivation.renamedTangents(sig, sig.tangentFunction(k), body, constant);
  }

  /**
   * The tangent program of {@code g} along {@code sig}'s differentiated parameters as a body;
   * {@code constant} receives the names of those parameters' tangents.
   */
  private static List<Stmt> tangentProgram(Function g, Callee sig, List<String> constant) {
    Names names = Names.of(g.signature().paramNames(), g.body());
    Linearized jvp = Jvp.transform(Normalizer.normalize(g, names), sig.differentiatedParams(), names);
    if (!jvp.problems().isEmpty()) {
      throw new TransformException(String.join("; ", jvp.problems()));
    }
    sig.differentiatedParams().forEach(p -> constant.add(jvp.tangents().get(p.name()).name()));
    return SecondOrder.tangentBody(jvp.program());
  }
}
