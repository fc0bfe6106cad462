package io.jgrad.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.processor.check.CycleFinder;
import io.jgrad.processor.check.EarlyAttributionErrors;
import io.jgrad.processor.check.GeneratedMembers;
import io.jgrad.processor.check.InvocationFinder;
import io.jgrad.processor.check.LocalClasses;
import io.jgrad.processor.check.OrderLimits;
import io.jgrad.processor.check.RuleValidator;
import io.jgrad.processor.check.SignatureValidator;
import io.jgrad.processor.check.SizeLimit;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.diag.UnresolvedBodies;
import io.jgrad.processor.emit.DerivativesEmitter;
import io.jgrad.processor.emit.KernelEmitter;
import io.jgrad.processor.emit.Members;
import io.jgrad.processor.emit.RecordEntryEmitter;
import io.jgrad.processor.emit.RecordHigherOrderEmitter;
import io.jgrad.processor.emit.RecordLeafEmitter;
import io.jgrad.processor.emit.RecordRuleEmitter;
import io.jgrad.processor.emit.RulePrimalEmitter;
import io.jgrad.processor.emit.SourceLines;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Kernels;
import io.jgrad.processor.ir.RecordResultLeaves;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.ReverseOnlyHvp;
import io.jgrad.processor.ir.TransformException;
import io.jgrad.processor.parse.BodyParser;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.RecordSignatureReader;
import io.jgrad.processor.parse.VjpPassReader;
import io.jgrad.processor.transform.Derivation;
import io.jgrad.processor.transform.DerivativeCallBodies;
import io.jgrad.processor.transform.KernelLowering;
import io.jgrad.processor.transform.KernelSources;
import io.jgrad.processor.transform.NotBatchable;
import io.jgrad.processor.transform.PrivateMemory;
import io.jgrad.processor.transform.Pullbacks;
import io.jgrad.processor.transform.RecordRulePullbacks;
import io.jgrad.processor.transform.ResultInlining;
import io.jgrad.processor.transform.RulePrimal;
import io.jgrad.processor.transform.TangentRulePrimal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * jgrad's annotation processor: for each class with {@code @Differentiable} methods it validates
 * every method, and only when the class is clean writes its {@code ...Derivatives} class. Each class
 * is processed inside its own try/catch, so an internal failure becomes an error naming the method,
 * never a javac crash; annotations are never claimed.
 */
@AutoService(Processor.class)
public final class JgradProcessor extends AbstractProcessor {
  private final UnresolvedBodies unresolved = new UnresolvedBodies();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // Every round, not only those with jgrad's annotations on members: annotations in local and
    // anonymous classes are invisible to javac's discovery and must still be reported. Nothing is claimed.
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * One class's methods, its findings, and the functions whose bodies were read cleanly; a function with
   * records in its signature is its flat function, whose derivatives the usual pipeline generates, and
   * has its scalarized signature in {@code records}.
   */
  private record ClassWork(TypeElement owner, List<ExecutableElement> methods, Report report,
      Map<ExecutableElement, Function> functions, Map<String, Function> plainBodies,
      Map<ExecutableElement, RecordSignature> records) {}

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    Set<Element> annotated = new LinkedHashSet<>(round.getElementsAnnotatedWith(Differentiable.class));
    annotated.addAll(round.getElementsAnnotatedWith(CustomJvp.class));
    annotated.addAll(round.getElementsAnnotatedWith(CustomVjp.class));
    for (ExecutableElement m : ElementFilter.methodsIn(annotated)) {
      byClass.computeIfAbsent((TypeElement) m.getEnclosingElement(), k -> new ArrayList<>()).add(m);
    }
    for (Element e : round.getElementsAnnotatedWith(Batched.class)) {
      if (!annotated.contains(e)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[" + Codes.NOT_BATCHABLE + "] @Batched"
            + " needs @Differentiable, @CustomJvp or @CustomVjp on the same method: kernels batch derivatives", e);
      }
    }
    Trees trees = TreeAccess.of(processingEnv).orElse(null);
    if (trees == null) {
      // Eclipse's ecj: without method bodies there is nothing to differentiate; say so, never crash.
      TreeAccess.reportUnsupported(byClass, processingEnv);
      return false;
    }
    if (round.processingOver()) {
      unresolved.reportAll(trees);
    }
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    round.getRootElements().stream().map(trees::getPath).filter(Objects::nonNull)
        .forEach(path -> units.add(path.getCompilationUnit()));
    // Jgrad annotations in local and anonymous classes, which the round never lists, are errors.
    Report local = new Report();
    units.forEach(unit -> LocalClasses.report(unit, local));
    local.print(processingEnv.getMessager(), trees);
    List<ClassWork> work = new ArrayList<>();
    Set<TypeElement> scanned = new HashSet<>();
    byClass.forEach((owner, methods) -> {
      ClassWork w = validate(owner, methods, trees);
      work.add(w);
      TypeElement top = owner;
      while (top.getEnclosingElement() instanceof TypeElement t) {
        top = t;
      }
      if (scanned.add(top)) {
        EarlyAttributionErrors.report(top, trees, w.report());
      }
    });
    rejectCycles(work);
    rejectCallersOfFailures(work);
    UnaryOperator<Function> markRulePrimals = RulePrimals.marker(all(work));
    work.forEach(w -> w.functions().replaceAll((m, f) -> markRulePrimals.apply(f)));
    List<Function> functions = all(work);
    // The functions with reverse mode only, each with the path that reaches a @CustomVjp rule
    // (caller → f, which has only a @CustomVjp rule): JAX raises this as a TypeError at run time;
    // here those functions get no fJvp and a call to one is a javac error.
    Map<String, String> reverseOnly = CallerPaths.of(functions,
        f -> f instanceof Function.VjpRule
            ? RecordSignature.userName(f.signature().name()) + ", which has only a @CustomVjp rule" : null,
        callee -> callee.forward() ? null
            : RecordSignature.userName(callee.name()) + ", which has no forward mode (it reaches a @CustomVjp rule)");
    // The functions that return an array or have records in their signature, directly or through a
    // callee, each with the path to the one that does: kernels cannot return arrays nor inline the flat
    // functions of records yet (local arrays of a constant size are a lane's private arrays).
    Map<String, String> arrayUsers = CallerPaths.of(functions, f -> {
      Callee sig = f.signature();
      boolean flat = !RecordSignature.userName(sig.name()).equals(sig.name());
      return flat || (sig.returnType() != null && sig.returnType().isArray()) ? RecordSignature.userName(sig.name())
          : null;
    }, callee -> null);
    Map<String, Function> all = new LinkedHashMap<>();
    functions.forEach(f -> all.put(f.signature().key(), f));
    Map<String, Function> plain = new LinkedHashMap<>();
    work.forEach(w -> plain.putAll(w.plainBodies()));
    KernelSources sources = new KernelSources(
        c -> all.get(c.key()),
        c -> {
          Function f = all.get(c.key());
          return f instanceof Function.Plain ? f : plain.get(c.key());
        },
        (owner, method) -> plain.get(Callee.key(owner, method)),
        this::constantValue,
        DerivativeCallBodies.of(functions));
    for (ClassWork w : work) {
      try {
        if (!w.functions().isEmpty()) {
          generate(w, reverseOnly, arrayUsers, sources);
        }
      } catch (RuntimeException | Error e) {
        internalError(w.report(), w.owner(), e);
      }
      unresolved.add(w.report(), trees);
      w.report().print(processingEnv.getMessager(), trees);
    }
    // What was generated for each function read cleanly, for explaining calls to what was not.
    Map<String, MissingMethodScanner.Generated> generated = new LinkedHashMap<>();
    byKey(work).forEach((key, l) -> {
      unresolved.generated(l.method());
      DiffSpec spec = DiffSpec.of(l.method()).orElseThrow();
      Callee sig = l.function().signature();
      generated.put(key, new MissingMethodScanner.Generated(spec.annotation(), spec.order(),
          l.method().getAnnotation(Batched.class) != null, reverseOnly.get(key), sig.returnType().isScalar(),
          sig.differentiatedParams().size(), sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray()),
          ReverseOnlyHvp.exists(sig, spec.order(), l.work().records().containsKey(l.method()))));
    });
    if (!generated.isEmpty()) {
      MissingMethodScanner.scan(units, trees, generated, unresolved::explained);
    }
    return false;
  }

  /**
   * A record rule function's flat body, for kernels (the value's lane, a rule that calls its primal);
   * none when it is refused (its errors go to a report of its own and are dropped: without it the
   * kernels refuse what needs the body, and the rule itself still works). Anything thrown is a bug,
   * which the caller reports as an internal error at the method.
   */
  private static Optional<Function> quietFlatBody(ExecutableElement m, RecordSignature sig, Trees trees,
      CalleeResolver callees) {
    return BodyReading.read(new BodyParser(trees, new Report(), callees, m, sig.flat()));
  }

  /**
   * An order-1 rule's pullback functions, for kernels that run them as code on OpenCL; none when its
   * passes are refused (their errors go to a report of its own and are dropped: the kernels then call
   * the user's passes on the CPU). Anything thrown is a bug, which the caller reports as an internal
   * error at the method.
   */
  private static List<Function> quietPullbacks(ExecutableElement m, DiffSpec spec, Callee sig, Trees trees,
      CalleeResolver callees) {
    return VjpPassReader.read(m, spec, sig, trees, new Report(), callees, BodyReading::read)
        .map(p -> Pullbacks.of(sig, p)).orElse(List.of());
  }

  /**
   * An order-1 record rule's pullback functions over the leaves, for kernels that run them as code;
   * none when its passes are refused (the kernels then refuse the function, and the rule itself
   * still works). A refusal goes to a report of its own and is dropped; anything thrown is a bug,
   * which the caller reports as an internal error at the method.
   */
  private static List<Function> quietRecordPullbacks(ExecutableElement m, DiffSpec spec, RecordSignature sig,
      Trees trees, CalleeResolver callees) {
    return VjpPassReader.readRecord(m, spec, sig, trees, new Report(), callees, BodyReading::read)
        .map(p -> RecordRulePullbacks.of(sig, p)).orElse(List.of());
  }

  private static List<Function> all(List<ClassWork> work) {
    return work.stream().flatMap(w -> w.functions().values().stream()).toList();
  }

  /** A function read cleanly, with its class's work and its method. */
  private record Located(ClassWork work, ExecutableElement method, Function function) {}

  /** The functions read cleanly by key, in the order of their classes and methods. */
  private static Map<String, Located> byKey(List<ClassWork> work) {
    Map<String, Located> out = new LinkedHashMap<>();
    work.forEach(w -> w.functions().forEach((m, f) -> out.put(f.signature().key(), new Located(w, m, f))));
    return out;
  }

  /** Validates every method of a class and reads the bodies of those whose signatures are valid. */
  private ClassWork validate(TypeElement owner, List<ExecutableElement> methods, Trees trees) {
    Report report = new Report();
    Map<ExecutableElement, Function> functions = new LinkedHashMap<>();
    Map<String, Function> plainBodies = new LinkedHashMap<>();
    Map<ExecutableElement, RecordSignature> records = new LinkedHashMap<>();
    ExecutableElement current = null;
    try {
      CalleeResolver callees = new CalleeResolver(processingEnv.getElementUtils());
      for (ExecutableElement m : methods) {
        current = m;
        if (!SignatureValidator.validate(m, methods, report)) {
          continue;
        }
        DiffSpec spec = DiffSpec.of(m).orElseThrow();
        if (RecordSignatureReader.involvesRecords(m)) {
          RecordSignature sig = RecordSignatureReader.read(m, callees);
          readRecordFunction(m, spec, sig, trees, callees, report)
              .filter(f -> SizeLimit.fits(m, f, spec.order(), report)).ifPresent(f -> {
            records.put(m, sig);
            functions.put(m, f);
          });
          if (spec.kind() != DiffSpec.Kind.BODY) {
            quietFlatBody(m, sig, trees, callees).ifPresent(f -> plainBodies.put(sig.flat().key(), f));
          }
        } else if (spec.kind() == DiffSpec.Kind.CUSTOM_VJP) {
          Callee sig = callees.resolve(m);
          if (RuleValidator.vjpRules(m, spec, sig, report)) {
            Optional<List<Function>> pullbacks = spec.order() >= 2
                ? VjpPassReader.read(m, spec, sig, trees, report, callees, BodyReading::read)
                    .map(p -> Pullbacks.of(sig, p))
                : Optional.of(quietPullbacks(m, spec, sig, trees, callees));
            pullbacks.ifPresent(p -> functions.put(m, new Function.VjpRule(sig, spec.fwd(), spec.bwd(), p)));
            plainBodies(m, spec, trees, callees, plainBodies);
          }
        } else if (spec.kind() == DiffSpec.Kind.CUSTOM_JVP) {
          JvpRuleReading.read(m, spec, trees, report, callees).ifPresent(f -> functions.put(m, f));
          plainBodies(m, spec, trees, callees, plainBodies);
        } else {
          BodyReading.read(new BodyParser(trees, report, callees, m))
              .filter(f -> SizeLimit.fits(m, f, spec.order(), report))
              .ifPresent(f -> functions.put(m, f));
        }
      }
    } catch (RuntimeException | Error e) {
      internalError(report, current != null ? current : owner, e);
      functions.clear();
    }
    return new ClassWork(owner, methods, report, functions, plainBodies, records);
  }

  /**
   * Reads a function with records in its signature once, its body or its rule, into the flat function
   * returning its number or its whole record.
   */
  private static Optional<Function> readRecordFunction(ExecutableElement m, DiffSpec spec, RecordSignature sig,
      Trees trees, CalleeResolver callees, Report report) {
    if (spec.kind() == DiffSpec.Kind.CUSTOM_VJP) {
      boolean valid = RuleValidator.vjpRules(m, spec, RecordSignatureReader.ruleView(m, sig), report);
      if (!valid) {
        return Optional.empty();
      }
      if (RecordRulePullbacks.applies(spec, sig)) {
        // From order 2 its passes are read leaf by leaf, for reverse over reverse.
        return VjpPassReader.readRecord(m, spec, sig, trees, report, callees, BodyReading::read)
            .map(p -> new Function.VjpRule(sig.flat(), spec.fwd(), spec.bwd(), RecordRulePullbacks.of(sig, p)));
      }
      // At first order its passes are called, and read over the leaves only for kernel lanes.
      List<Function> pullbacks = spec.order() == 1 && m.getAnnotation(Batched.class) != null
          ? quietRecordPullbacks(m, spec, sig, trees, callees) : List.of();
      return Optional.of(new Function.VjpRule(sig.flat(), spec.fwd(), spec.bwd(), pullbacks));
    }
    if (spec.kind() == DiffSpec.Kind.CUSTOM_JVP) {
      return JvpRuleReading.readRecord(m, spec, sig, trees, report, callees);
    }
    return BodyReading.read(new BodyParser(trees, report, callees, m, sig.flat()));
  }

  /**
   * The plain bodies kernels inline for a {@code @CustomJvp} or {@code @CustomVjp} function: its own
   * (the primal) and its {@code jvps} rules'. Read quietly: a body outside the subset only means it cannot be batched,
   * which the kernel reports if it is ever needed.
   */
  private static void plainBodies(ExecutableElement m, DiffSpec spec, Trees trees, CalleeResolver callees,
      Map<String, Function> out) {
    String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
    List<ExecutableElement> siblings = ElementFilter.methodsIn(m.getEnclosingElement().getEnclosedElements());
    Stream.concat(Stream.of(m), spec.jvps().stream()
            .flatMap(rule -> siblings.stream().filter(e -> e.getSimpleName().contentEquals(rule))))
        .forEach(e -> BodyReading.read(new BodyParser(trees, new Report(), callees, e))
            .ifPresent(f -> out.put(Callee.key(owner, e.getSimpleName().toString()), f)));
  }

  /**
   * Recursion through other functions ({@code f → g → f}) is rejected like a direct self-call: each
   * function on the cycle gets an error naming it and is not generated.
   */
  private static void rejectCycles(List<ClassWork> work) {
    Map<String, Located> byKey = byKey(work);
    Map<String, Function> functions = new LinkedHashMap<>();
    byKey.forEach((key, l) -> functions.put(key, l.function()));
    CycleFinder.cycles(functions).forEach((key, cycle) -> {
      Located l = byKey.get(key);
      l.work().report().error(Codes.RECURSION, l.method().getSimpleName() + " calls itself through other"
          + " functions (" + String.join(" → ", cycle) + "); recursion is not supported; hint: write it as a loop",
          l.method());
      l.work().functions().remove(l.method());
    });
  }

  /**
   * A function that calls, directly or through others, a function with errors cannot be generated
   * either: it gets an error naming the chain of calls ({@link CallerPaths}), like Swift's notes up
   * the callers.
   */
  private static void rejectCallersOfFailures(List<ClassWork> work) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (ClassWork w : work) {
      w.methods().stream().filter(m -> !w.functions().containsKey(m)).forEach(m -> failed.put(
          Callee.key(w.owner().getQualifiedName().toString(), m.getSimpleName().toString()),
          m.getSimpleName().toString()));
    }
    Map<String, Located> byKey = byKey(work);
    CallerPaths.of(all(work), f -> null, callee -> failed.get(callee.key())).forEach((key, path) -> {
      Located l = byKey.get(key);
      String name = RecordSignature.userName(l.function().signature().name());
      String c = path.substring(name.length() + " → ".length());
      l.work().report().error(Codes.NOT_DIFFERENTIABLE, name + " cannot be differentiated: " + path
          + ", and " + c.substring(c.lastIndexOf(' ') + 1) + " has errors reported at its declaration", l.method());
      l.work().functions().remove(l.method());
    });
  }

  private static void internalError(Report report, Element at, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    report.error(Codes.INTERNAL, "jgrad failed on " + at.getSimpleName() + " (please report this): "
        + e + "\n" + trace, at);
  }

  /** Whether {@code @SuppressWarnings("jgrad.X")} on the method silences the warning {@code code}. */
  private static boolean suppressed(ExecutableElement method, String code) {
    SuppressWarnings s = method.getAnnotation(SuppressWarnings.class);
    return s != null && Arrays.asList(s.value()).contains(code);
  }

  /** The value of the compile-time constant field {@code owner.name}, or null (not one, not found). */
  private Object constantValue(String owner, String name) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(owner);
    if (type == null) {
      return null;
    }
    return type.getEnclosedElements().stream()
        .filter(e -> e instanceof VariableElement && e.getSimpleName().contentEquals(name))
        .map(e -> ((VariableElement) e).getConstantValue()).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Reports a kernel problem at the call it is about when that call is in the method, else at the method. */
  private void notBatchable(NotBatchable e, ExecutableElement method, Report report) {
    Trees trees = TreeAccess.of(processingEnv).orElseThrow();
    var path = trees.getPath(method);
    var call = e.call() == null || path == null ? Optional.<MethodInvocationTree>empty()
        : InvocationFinder.first(path.getLeaf(), e.call());
    var made = e.array() == null || path == null ? Optional.<Tree>empty()
        : ArrayCreations.madeAs(path.getLeaf(), e.array());
    var byCallee = e.array() == null || path == null || made.isPresent() ? Optional.<ArrayCreations.CalleeArray>empty()
        : ArrayCreations.madeByCallee(path, e.array(), trees);
    if (call.isPresent()) {
      report.error(Codes.NOT_BATCHABLE, e.getMessage(), call.get(), path.getCompilationUnit());
    } else if (made.isPresent()) {
      report.error(Codes.NOT_BATCHABLE, e.getMessage(), made.get(), path.getCompilationUnit());
    } else if (byCallee.isPresent()) {
      // The kernel inlines the callee: its array is the caller's, reported at the call that brings it.
      report.error(Codes.NOT_BATCHABLE, "in " + byCallee.get().callee() + ", " + e.getMessage(),
          byCallee.get().call(), path.getCompilationUnit());
    } else {
      report.error(Codes.NOT_BATCHABLE, e.getMessage(), method);
    }
  }

  /**
   * What the entry decides for {@code f} before anything is printed, as what prints it: its derivations
   * (for a function with records, its flat function's, around which its entry points are printed), its
   * rule primal's, its kernels; empty once {@code report} has what stops it. {@code recordSignature} is
   * the scalarized signature of a function with records, else null.
   */
  private Optional<Consumer<Members>> plan(ExecutableElement method, Function f, RecordSignature recordSignature,
      Map<String, String> reverseOnly, Map<String, String> arrayUsers, KernelSources sources, Purity purity,
      boolean openCl, Report report) {
    Callee sig = f.signature();
    boolean forward = !reverseOnly.containsKey(sig.key());
    DiffSpec spec = DiffSpec.of(method).orElseThrow();
    int order = spec.order();
    Optional<String> unsupported = OrderLimits.unsupported(f, order, forward, recordSignature != null,
        sources.functions());
    if (unsupported.isPresent()) {
      report.error(Codes.UNSUPPORTED_ORDER, unsupported.get(), method);
      return Optional.empty();
    }
    boolean batched = method.getAnnotation(Batched.class) != null;
    // Callers differentiate the rule primal of an order-n function n - 1 more times; where a rule's
    // body calls another rule's function, the rule primal has one of its own, to one order less.
    // At order 2 and above, calls of functions with array or record results are the caller's own code.
    Function derivable = order >= 2 && forward ? ResultInlining.inline(f, sources.functions()) : f;
    List<Derived> rulePrimals = new ArrayList<>();
    for (Function below = derivable; below.signature().rulePrimal() && below.signature().order() >= 2; ) {
      Callee primal = below.signature().secondOrderPrimal();
      below = new Function.Plain(primal, RulePrimal.of(below));
      rulePrimals.add(Derivation.internal(below, forward, primal.order()));
    }
    if (recordSignature != null) {
      Kernels kernels = null;
      if (batched) {
        Optional<String> refused = RecordBatching.refusal(f, recordSignature, reverseOnly.get(sig.key()), arrayUsers);
        if (refused.isPresent()) {
          report.error(Codes.NOT_BATCHABLE, refused.get(), method);
          return Optional.empty();
        }
        Optional<List<String>> perLane = PerLaneReading.read(method, sig, recordSignature,
            TreeAccess.of(processingEnv).orElseThrow(), report);
        Optional<Kernels> lowered = perLane.flatMap(names -> lower(method, RecordBatching.asUserFunction(f),
            names, reverseOnly.get(sig.key()), sources, report, false, openCl));
        if (lowered.isEmpty()) {
          return Optional.empty();
        }
        kernels = lowered.get();
      }
      // The flat function's derivatives, to the method's order, and the record entry points around them.
      Derived derived = Derivation.of(derivable, forward, order, null, false);
      // A record result's leaves as number functions, for derivative calls read at one leaf.
      List<Derived> leaves = order >= 2 && forward && derivable instanceof Function.Plain plain
          && !derivable.signature().rulePrimal() && RecordResultLeaves.eligible(sig, recordSignature.result())
          ? RecordResultLeaves.of(plain, recordSignature.result()).stream()
              .map(leaf -> Derivation.of(leaf, true, order, null, false)).toList()
          : List.of();
      Kernels batch = kernels;
      return Optional.of(members -> {
        if (f instanceof Function.Plain) {
          DerivativesEmitter.emit(derived, members);
        } else {
          RecordRuleEmitter.emit(recordSignature, derived, members);
        }
        emitRulePrimals(sig, rulePrimals, members);
        RecordLeafEmitter.emit(sig, leaves, members);
        RecordEntryEmitter.emit(recordSignature, f, derived.forward(), members);
        if (order >= 2 && !forward) {
          // Reverse only (a @CustomVjp rule has or is reached): through the flat function's pullback functions.
          RecordHigherOrderEmitter.emitReverse(recordSignature, derived, members.api());
        } else if (order >= 2) {
          // H·v in one pass where the tangent program has reverse mode and no custom rule is reached.
          RecordHigherOrderEmitter.emit(recordSignature, order,
              !derived.tangents().isEmpty() && !derived.signature().rulePrimal(), members.api());
        }
        if (batch != null) {
          KernelEmitter.emit(batch, members.api(), openCl);
        }
      });
    }
    Derived derived = Derivation.of(derivable, forward, order, purity::removable, spec.checkpointLoops());
    String arrays = arrayUsers.get(sig.key());
    if (batched && arrays != null) {
      String message = "a function with an array result or records cannot be batched yet (" + arrays
          + " returns an array, or takes or returns a record); hint: a kernel lane cannot return an array:"
          + " compute into locals, or take the array as a parameter per lane";
      var path = TreeAccess.of(processingEnv).orElseThrow().getPath(method);
      Optional<? extends com.sun.source.tree.Tree> at = path == null ? Optional.empty()
          : ArrayCreations.where(path.getLeaf(), arrays);
      if (at.isPresent()) {
        report.error(Codes.NOT_BATCHABLE, message, at.get(), path.getCompilationUnit());
      } else {
        report.error(Codes.NOT_BATCHABLE, message, method);
      }
      return Optional.empty();
    }
    Kernels kernels = null;
    if (batched) {
      Optional<List<String>> perLane = PerLaneReading.read(method, sig, null,
          TreeAccess.of(processingEnv).orElseThrow(), report);
      Optional<Kernels> lowered = perLane.flatMap(names -> lower(method, f, names, reverseOnly.get(sig.key()),
          sources, report, true, openCl));
      if (lowered.isEmpty()) {
        return Optional.empty();
      }
      kernels = lowered.get();
    }
    Kernels batch = kernels;
    Derived tangentPrimal = TangentRulePrimal.of(derived);
    return Optional.of(members -> {
      DerivativesEmitter.emit(derived, members);
      emitRulePrimals(derived.signature(), rulePrimals, members);
      if (tangentPrimal != null) {
        RulePrimalEmitter.emit(derived.tangents().get(0).signature(), tangentPrimal, members);
      }
      if (batch != null) {
        KernelEmitter.emit(batch, members.api(), openCl);
      }
    });
  }

  /**
   * The kernels of {@code f}, whose kernels take {@code perLane} per lane, with the warning of lanes
   * that run on the CPU only (an error unless {@code cpuLanes}: a record function's lanes cannot call
   * its scalar code); empty once {@code report} has why it cannot be batched. With {@code openCl}
   * (OpenCL kernels generated) their local arrays must fit a lane's private memory.
   */
  private Optional<Kernels> lower(ExecutableElement method, Function f, List<String> perLane, String reverseOnly,
      KernelSources sources, Report report, boolean cpuLanes, boolean openCl) {
    Kernels kernels;
    try {
      kernels = KernelLowering.lower(f, perLane, reverseOnly, sources, RowLengthReading.read(method));
      if (openCl) {
        PrivateMemory.check(kernels);
      }
    } catch (NotBatchable e) {
      notBatchable(e, method, report);
      return Optional.empty();
    } catch (TransformException e) {
      report.error(Codes.NOT_DIFFERENTIATED, e.getMessage(), method);
      return Optional.empty();
    }
    if (kernels instanceof Kernels.CpuOnly cpu && !cpuLanes) {
      // CPU lanes call the scalar code, which takes records, not the leaves a lane holds.
      report.error(Codes.NOT_BATCHABLE, "a function with records cannot be batched where its lanes cannot run"
          + " its reverse mode as code (" + cpu.reason() + "); hint: batch a function of the records' leaves",
          method);
      return Optional.empty();
    }
    if (kernels instanceof Kernels.CpuOnly cpu && !suppressed(method, Codes.CPU_ONLY_BATCH)) {
      report.warning(Codes.CPU_ONLY_BATCH, cpu.warning(), method);
    }
    return Optional.of(kernels);
  }

  /** Each rule primal of {@code rulePrimals}, the first that of {@code above}, each next that of the one before. */
  private static void emitRulePrimals(Callee above, List<Derived> rulePrimals, Members members) {
    for (Derived rulePrimal : rulePrimals) {
      RulePrimalEmitter.emit(above, rulePrimal, members);
      above = rulePrimal.signature();
    }
  }

  private void generate(ClassWork w, Map<String, String> reverseOnly, Map<String, String> arrayUsers,
      KernelSources sources) {
    TypeElement owner = w.owner();
    Report report = w.report();
    String qualified = CalleeResolver.derivativesName(owner);
    Purity purity = new Purity(sources.primals());
    boolean openCl = processingEnv.getElementUtils().getTypeElement(KernelEmitter.APARAPI_KERNEL) != null;
    TypeSpec.Builder type = TypeSpec.classBuilder(qualified.substring(qualified.lastIndexOf('.') + 1))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(DerivativesEmitter.generated())
        .addJavadoc("Derivatives of the differentiable functions of {@link $L}, generated by jgrad.\n",
            owner.getQualifiedName())
        .addOriginatingElement(owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    int errorsBefore = report.errorCount();
    // Dagger's order: every decision for every function (limits, derivations, kernels) first, then
    // the gate, then printing, which decides nothing.
    Map<ExecutableElement, Consumer<Members>> plans = new LinkedHashMap<>();
    w.functions().forEach((method, f) -> plan(method, f, w.records().get(method), reverseOnly, arrayUsers, sources,
        purity, openCl, report).ifPresent(plan -> plans.put(method, plan)));
    if (report.errorCount() > errorsBefore) {
      return;
    }
    Members members = new Members(type);
    GeneratedMembers generated = new GeneratedMembers(members.api(), members.internal());
    plans.forEach((method, plan) -> {
      generated.startOf(method);
      plan.accept(members);
    });
    generated.check(report);
    if (report.errorCount() > errorsBefore) {
      return;
    }
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    JavaFile file = JavaFile.builder(pkg, members.build()).skipJavaLangImports(true).indent("  ").build();
    try {
      // What JavaFile.writeTo(Filer) does, with the lines wrapped to the generated code's width.
      JavaFileObject source = processingEnv.getFiler().createSourceFile(pkg.isEmpty() ? file.typeSpec().name()
          : pkg + "." + file.typeSpec().name(), file.typeSpec().originatingElements().toArray(new Element[0]));
      try (Writer writer = source.openWriter()) {
        writer.write(SourceLines.wrap(file.toString()));
      }
    } catch (FilerException e) {
      // The Filer refuses a second type of the same name: a class the user wrote, or the derivatives
      // of Outer.Inner and of a top-level Outer_Inner.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[" + Codes.NAME_CLASH + "] the"
          + " derivatives of " + owner.getQualifiedName() + " go to " + qualified + ", but a type of that"
          + " name already exists in this compilation; hint: rename the class or the existing type", owner);
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[" + Codes.INTERNAL + "] could not write " + qualified + ": " + e.getMessage(), owner);
    }
  }
}
