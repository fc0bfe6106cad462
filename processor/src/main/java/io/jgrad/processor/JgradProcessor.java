package io.jgrad.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.util.Trees;
import io.jgrad.annotations.Batched;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.processor.check.CycleFinder;
import io.jgrad.processor.check.GeneratedMembers;
import io.jgrad.processor.check.InvocationFinder;
import io.jgrad.processor.check.LocalClasses;
import io.jgrad.processor.check.OrderLimits;
import io.jgrad.processor.check.RuleValidator;
import io.jgrad.processor.check.SignatureValidator;
import io.jgrad.processor.check.SizeLimit;
import io.jgrad.processor.check.UninferredVars;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.emit.DerivativesEmitter;
import io.jgrad.processor.emit.KernelEmitter;
import io.jgrad.processor.emit.Members;
import io.jgrad.processor.emit.RecordEntryEmitter;
import io.jgrad.processor.emit.RecordRuleEmitter;
import io.jgrad.processor.emit.RulePrimalEmitter;
import io.jgrad.processor.ir.ArrayWrites;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Kernels;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.TransformException;
import io.jgrad.processor.parse.BodyParser;
import io.jgrad.processor.parse.CalleeResolver;
import io.jgrad.processor.parse.RecordRuleReader;
import io.jgrad.processor.parse.RecordSignatureReader;
import io.jgrad.processor.transform.Derivation;
import io.jgrad.processor.transform.KernelLowering;
import io.jgrad.processor.transform.KernelSources;
import io.jgrad.processor.transform.NotBatchable;
import io.jgrad.processor.transform.Pullbacks;
import io.jgrad.processor.transform.RulePrimal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * jgrad's annotation processor: for each class with {@code @Differentiable} methods it validates
 * every method, and only when the class is clean writes its {@code ...Derivatives} class. Each class
 * is processed inside its own try/catch, so an internal failure becomes an error naming the method,
 * never a javac crash; annotations are never claimed.
 */
@AutoService(Processor.class)
public final class JgradProcessor extends AbstractProcessor {
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

  /** One class's methods, its findings, and the functions whose bodies were read cleanly. */
  private record ClassWork(TypeElement owner, List<ExecutableElement> methods, Report report,
      Map<ExecutableElement, Function> functions, Map<String, Function> plainBodies,
      Map<ExecutableElement, RecordFunctions> records) {}

  /**
   * A function with records in its signature: its scalarized signature and the flat function whose
   * derivatives the usual pipeline generates, which also stands for the function in {@code functions}.
   */
  private record RecordFunctions(RecordSignature signature, Function flat) {}

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    Set<Element> annotated = new java.util.LinkedHashSet<>(round.getElementsAnnotatedWith(Differentiable.class));
    annotated.addAll(round.getElementsAnnotatedWith(CustomJvp.class));
    annotated.addAll(round.getElementsAnnotatedWith(CustomVjp.class));
    for (Element e : annotated) {
      if (e.getKind() == ElementKind.METHOD) {
        byClass.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>())
            .add((ExecutableElement) e);
      }
    }
    for (Element e : round.getElementsAnnotatedWith(Batched.class)) {
      if (!annotated.contains(e)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[" + Codes.NOT_BATCHABLE + "] @Batched"
            + " needs @Differentiable, @CustomJvp or @CustomVjp on the same method: kernels batch derivatives", e);
      }
    }
    java.util.Optional<Trees> javacTrees = TreeAccess.of(processingEnv);
    if (javacTrees.isEmpty()) {
      // Eclipse's ecj: without method bodies there is nothing to differentiate; say so, never crash.
      TreeAccess.reportUnsupported(byClass, processingEnv);
      return false;
    }
    Trees trees = javacTrees.get();
    reportLocalClasses(round, trees);
    List<ClassWork> work = new ArrayList<>();
    java.util.Set<TypeElement> scanned = new java.util.HashSet<>();
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      ClassWork w = validate(entry.getKey(), entry.getValue(), trees);
      work.add(w);
      TypeElement top = entry.getKey();
      while (top.getEnclosingElement() instanceof TypeElement t) {
        top = t;
      }
      if (scanned.add(top)) {
        UninferredVars.report(top, trees, w.report());
      }
    }
    rejectCycles(work);
    rejectCallersOfFailures(work);
    UnaryOperator<Function> markRulePrimals = RulePrimals.marker(all(work));
    work.forEach(w -> w.functions().replaceAll((m, f) -> markRulePrimals.apply(f)));
    Map<String, String> reverseOnly = reverseOnly(work);
    Map<String, Function> all = new LinkedHashMap<>();
    Map<String, Function> plain = new LinkedHashMap<>();
    for (ClassWork w : work) {
      w.functions().values().forEach(f -> all.put(f.signature().key(), f));
      plain.putAll(w.plainBodies());
    }
    KernelSources sources = new KernelSources(
        c -> all.get(c.key()),
        c -> {
          Function f = all.get(c.key());
          return f instanceof Function.Plain ? f : plain.get(c.key());
        },
        (owner, method) -> plain.get(Callee.key(owner, method)));
    Map<String, String> arrayUsers = arrayUsers(work);
    for (ClassWork w : work) {
      try {
        if (!w.functions().isEmpty()) {
          generate(w.owner(), w.functions(), w.records(), reverseOnly, arrayUsers, sources, w.report());
        }
      } catch (RuntimeException | Error e) {
        internalError(w.report(), w.owner(), e);
      }
      w.report().print(processingEnv.getMessager(), trees);
    }
    Map<String, MissingMethodScanner.Generated> generated = generated(work, reverseOnly);
    if (!generated.isEmpty()) {
      MissingMethodScanner.scan(round, trees, generated);
    }
    return false;
  }

  /** Jgrad annotations in local and anonymous classes, which the round never lists, are errors. */
  private void reportLocalClasses(RoundEnvironment round, Trees trees) {
    Report report = new Report();
    java.util.Set<com.sun.source.tree.CompilationUnitTree> units = new java.util.LinkedHashSet<>();
    for (Element e : round.getRootElements()) {
      var path = e instanceof TypeElement ? trees.getPath(e) : null;
      if (path != null && units.add(path.getCompilationUnit())) {
        LocalClasses.report(path.getCompilationUnit(), report);
      }
    }
    report.print(processingEnv.getMessager(), trees);
  }

  /**
   * An order-1 rule's pullback functions, for kernels that run them as code on OpenCL; none when its
   * passes could not be read or spliced (the kernels then call the user's passes on the CPU).
   */
  private static List<Function> quietPullbacks(ExecutableElement m, DiffSpec spec, Callee sig, Trees trees,
      CalleeResolver callees) {
    try {
      return VjpPassReading.read(m, spec, sig, trees, new Report(), callees).map(p -> Pullbacks.of(sig, p))
          .orElse(List.of());
    } catch (RuntimeException e) {
      // An optional reading for speed: what it cannot read is run by the user's passes instead.
      return List.of();
    }
  }

  /**
   * The functions with reverse mode only, each with the path that reaches a {@code @CustomVjp} rule
   * ({@code caller → f, which has only a @CustomVjp rule}): JAX raises this as a TypeError at run
   * time; here those functions get no {@code fJvp} and a call to one is a javac error.
   */
  private static Map<String, String> reverseOnly(List<ClassWork> work) {
    Map<String, String> seeds = new LinkedHashMap<>();
    for (Function f : all(work)) {
      if (f instanceof Function.VjpRule) {
        Callee sig = f.signature();
        seeds.put(sig.key(), sig.name() + ", which has only a @CustomVjp rule");
      }
    }
    return CallerPaths.of(all(work), seeds, callee -> callee.forward() ? null
        : callee.name() + ", which has no forward mode (it reaches a @CustomVjp rule)");
  }

  /** What was generated for each function read cleanly, for explaining calls to what was not. */
  private static Map<String, MissingMethodScanner.Generated> generated(List<ClassWork> work,
      Map<String, String> reverseOnly) {
    Map<String, MissingMethodScanner.Generated> out = new LinkedHashMap<>();
    for (ClassWork w : work) {
      w.functions().forEach((element, f) -> {
        String key = f.signature().key();
        DiffSpec spec = DiffSpec.of(element).orElseThrow();
        out.put(key, new MissingMethodScanner.Generated(spec.annotation(), spec.order(),
            element.getAnnotation(Batched.class) != null, reverseOnly.get(key)));
      });
    }
    return out;
  }

  private static List<Function> all(List<ClassWork> work) {
    List<Function> out = new ArrayList<>();
    work.forEach(w -> out.addAll(w.functions().values()));
    return out;
  }

  /**
   * The functions that create or write local arrays, return one, or have records in their signature,
   * directly or through a callee, each with the path to the one that does: kernels cannot allocate
   * arrays nor inline the flat functions of records yet.
   */
  private static Map<String, String> arrayUsers(List<ClassWork> work) {
    Map<String, String> seeds = new LinkedHashMap<>();
    for (Function f : all(work)) {
      Callee sig = f.signature();
      boolean flat = !RecordSignature.userName(sig.name()).equals(sig.name());
      if (flat || ArrayWrites.any(f.body()) || (sig.returnType() != null && sig.returnType().isArray())) {
        seeds.put(sig.key(), sig.name());
      }
    }
    return CallerPaths.of(all(work), seeds, callee -> null);
  }

  /** Validates every method of a class and reads the bodies of those whose signatures are valid. */
  private ClassWork validate(TypeElement owner, List<ExecutableElement> methods, Trees trees) {
    Report report = new Report();
    Map<ExecutableElement, Function> functions = new LinkedHashMap<>();
    Map<String, Function> plainBodies = new LinkedHashMap<>();
    Map<ExecutableElement, RecordFunctions> records = new LinkedHashMap<>();
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
          readRecordFunction(m, spec, trees, callees, report)
              .filter(r -> SizeLimit.fits(m, r.flat(), spec.order(), report)).ifPresent(r -> {
            records.put(m, r);
            functions.put(m, r.flat());
          });
        } else if (spec.kind() == DiffSpec.Kind.CUSTOM_VJP) {
          Callee sig = callees.resolve(m);
          // How bwd spells the gradient in its signature: its one component's type, or FGrad.
          String gradType = sig.hasSingleGradient() ? sig.differentiatedParams().get(0).type().javaName()
              : sig.gradRecordName();
          if (RuleValidator.vjpRules(m, spec, sig, gradType, report)) {
            java.util.Optional<List<Function>> pullbacks = spec.order() == 2
                ? VjpPassReading.read(m, spec, sig, trees, report, callees).map(p -> Pullbacks.of(sig, p))
                : java.util.Optional.of(quietPullbacks(m, spec, sig, trees, callees));
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
  private java.util.Optional<RecordFunctions> readRecordFunction(ExecutableElement m, DiffSpec spec, Trees trees,
      CalleeResolver callees, Report report) {
    RecordSignature sig = RecordSignatureReader.read(m, callees);
    if (spec.kind() == DiffSpec.Kind.CUSTOM_VJP) {
      boolean valid = RuleValidator.vjpRules(m, spec, RecordRuleReader.ruleView(sig),
          RecordRuleReader.gradTypeName(m, sig), report);
      return valid ? java.util.Optional.of(new RecordFunctions(sig, RecordRuleReader.readVjp(spec, sig)))
          : java.util.Optional.empty();
    }
    if (spec.kind() == DiffSpec.Kind.CUSTOM_JVP) {
      return JvpRuleReading.readRecord(m, spec, sig, trees, report, callees).map(f -> new RecordFunctions(sig, f));
    }
    return BodyReading.read(new BodyParser(trees, report, callees, m, sig.flat()))
        .map(f -> new RecordFunctions(sig, f));
  }

  /**
   * The plain bodies kernels inline for a {@code @CustomJvp} or {@code @CustomVjp} function: its own
   * (the primal) and its {@code jvps} rules'. Read quietly: a body outside the subset only means it cannot be batched,
   * which the kernel reports if it is ever needed.
   */
  private static void plainBodies(ExecutableElement m, DiffSpec spec, Trees trees, CalleeResolver callees,
      Map<String, Function> out) {
    String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
    BodyReading.read(new BodyParser(trees, new Report(), callees, m))
        .ifPresent(f -> out.put(Callee.key(owner, m.getSimpleName().toString()), f));
    for (String rule : spec.jvps()) {
      for (Element e : m.getEnclosingElement().getEnclosedElements()) {
        if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(rule)) {
          BodyReading.read(new BodyParser(trees, new Report(), callees, (ExecutableElement) e))
              .ifPresent(f -> out.put(Callee.key(owner, rule), f));
        }
      }
    }
  }

  /**
   * Recursion through other functions ({@code f → g → f}) is rejected like a direct self-call: each
   * function on the cycle gets an error naming it and is not generated.
   */
  private static void rejectCycles(List<ClassWork> work) {
    Map<String, Function> byKey = new LinkedHashMap<>();
    Map<String, ClassWork> owners = new LinkedHashMap<>();
    Map<String, ExecutableElement> elements = new LinkedHashMap<>();
    for (ClassWork w : work) {
      for (Map.Entry<ExecutableElement, Function> e : w.functions().entrySet()) {
        String k = e.getValue().signature().key();
        byKey.put(k, e.getValue());
        owners.put(k, w);
        elements.put(k, e.getKey());
      }
    }
    Map<String, List<String>> cycles = CycleFinder.cycles(byKey, Callee::key);
    for (Map.Entry<String, List<String>> cycle : cycles.entrySet()) {
      ClassWork w = owners.get(cycle.getKey());
      ExecutableElement m = elements.get(cycle.getKey());
      w.report().error(Codes.RECURSION, m.getSimpleName() + " calls itself through other functions ("
          + String.join(" → ", cycle.getValue()) + "); recursion is not supported; hint: write it as a loop", m);
      w.functions().remove(m);
    }
  }

  /**
   * A function that calls, directly or through others, a function with errors cannot be generated
   * either: it gets an error naming the chain of calls, like Swift's notes up the callers.
   */
  private static void rejectCallersOfFailures(List<ClassWork> work) {
    Map<String, String> failedChains = new LinkedHashMap<>();
    for (ClassWork w : work) {
      for (ExecutableElement m : w.methods()) {
        if (!w.functions().containsKey(m)) {
          failedChains.put(Callee.key(w.owner().getQualifiedName().toString(), m.getSimpleName().toString()),
              m.getSimpleName().toString());
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ClassWork w : work) {
        for (var it = w.functions().entrySet().iterator(); it.hasNext(); ) {
          var entry = it.next();
          Function f = entry.getValue();
          for (Callee callee : Calls.of(f)) {
            String chain = failedChains.get(callee.key());
            if (chain != null) {
              String name = f.signature().name();
              String path = name + " → " + chain;
              w.report().error(Codes.NOT_DIFFERENTIABLE, name + " cannot be differentiated: " + path
                  + ", and " + chain.substring(chain.lastIndexOf(' ') + 1)
                  + " has errors reported at its declaration", entry.getKey());
              failedChains.put(f.signature().key(), path);
              it.remove();
              changed = true;
              break;
            }
          }
        }
      }
    }
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
    return s != null && java.util.Arrays.asList(s.value()).contains(code);
  }

  /** Reports a kernel problem at the call it is about when that call is in the method, else at the method. */
  private void notBatchable(NotBatchable e, ExecutableElement method, Report report) {
    Trees trees = TreeAccess.of(processingEnv).orElseThrow();
    var path = trees.getPath(method);
    var call = e.call() == null || path == null ? java.util.Optional.<com.sun.source.tree.MethodInvocationTree>empty()
        : InvocationFinder.first(path.getLeaf(), e.call());
    if (call.isPresent()) {
      report.error(Codes.NOT_BATCHABLE, e.getMessage(), call.get(), path.getCompilationUnit());
    } else {
      report.error(Codes.NOT_BATCHABLE, e.getMessage(), method);
    }
  }

  /**
   * What the entry decided for one function before anything is printed: its derivations (for a
   * function with records, its flat function's, around which {@code record} prints its entry points),
   * its rule primal's, its kernels.
   */
  private record Plan(Derived derived, Derived rulePrimal, Kernels kernels, RecordFunctions record) {}

  /** The plan of {@code f}, or empty once {@code report} has what stops it. */
  private java.util.Optional<Plan> plan(ExecutableElement method, Function f, RecordFunctions rf,
      Map<String, String> reverseOnly, Map<String, String> arrayUsers, KernelSources sources, Purity purity,
      Report report) {
    Callee sig = f.signature();
    boolean forward = !reverseOnly.containsKey(sig.key());
    DiffSpec spec = DiffSpec.of(method).orElseThrow();
    int order = spec.order();
    java.util.Optional<String> unsupported = OrderLimits.unsupported(f, order, forward, rf != null);
    if (unsupported.isPresent()) {
      report.error(Codes.UNSUPPORTED_ORDER, unsupported.get(), method);
      return java.util.Optional.empty();
    }
    boolean batched = method.getAnnotation(Batched.class) != null;
    if (rf != null) {
      if (batched) {
        report.error(Codes.NOT_BATCHABLE, "a function with records in its signature cannot be batched yet", method);
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new Plan(Derivation.of(rf.flat(), forward, 1, null), null, null, rf));
    }
    Derived derived = Derivation.of(f, forward, order, purity::removable, spec.checkpointLoops());
    Derived rulePrimal = order == 2 && sig.rulePrimal() ? Derivation.internal(new Function.Plain(
        sig.secondOrderPrimal(), RulePrimal.of(f)), forward) : null;
    Kernels kernels = null;
    String arrays = arrayUsers.get(sig.key());
    if (batched && arrays != null) {
      report.error(Codes.NOT_BATCHABLE, "a function with local arrays, an array result or records cannot be"
          + " batched yet (" + arrays + " creates or returns an array, or takes or returns a record)", method);
      return java.util.Optional.empty();
    }
    try {
      if (batched) {
        kernels = KernelLowering.lower(f, reverseOnly.get(sig.key()), sources);
      }
    } catch (NotBatchable e) {
      notBatchable(e, method, report);
      return java.util.Optional.empty();
    } catch (TransformException e) {
      report.error(Codes.NOT_DIFFERENTIATED, e.getMessage(), method);
      return java.util.Optional.empty();
    }
    if (kernels instanceof Kernels.CpuOnly cpu && !suppressed(method, Codes.CPU_ONLY_BATCH)) {
      report.warning(Codes.CPU_ONLY_BATCH, cpu.warning(), method);
    }
    return java.util.Optional.of(new Plan(derived, rulePrimal, kernels, null));
  }

  /** Prints what {@code plan} holds into {@code members}. */
  private static void print(Plan plan, Members members, boolean openCl) {
    RecordFunctions rf = plan.record();
    if (rf != null) {
      if (rf.flat() instanceof Function.Plain) {
        DerivativesEmitter.emit(plan.derived(), members);
      } else {
        RecordRuleEmitter.emit(rf.signature(), plan.derived(), members);
      }
      RecordEntryEmitter.emit(rf.signature(), rf.flat(), plan.derived().forward(), members);
      return;
    }
    DerivativesEmitter.emit(plan.derived(), members);
    if (plan.rulePrimal() != null) {
      RulePrimalEmitter.emit(plan.derived().signature(), plan.rulePrimal(), members);
    }
    if (plan.kernels() != null) {
      KernelEmitter.emit(plan.kernels(), members.api(), openCl);
    }
  }

  private void generate(TypeElement owner, Map<ExecutableElement, Function> functions,
      Map<ExecutableElement, RecordFunctions> records, Map<String, String> reverseOnly, Map<String, String> arrayUsers, KernelSources sources, Report report) {
    String qualified = CalleeResolver.derivativesName(owner);
    int dot = qualified.lastIndexOf('.');
    String pkg = dot < 0 ? "" : qualified.substring(0, dot);
    Purity purity = new Purity(sources.primals());
    String simple = qualified.substring(dot + 1);
    TypeSpec.Builder type = TypeSpec.classBuilder(simple)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(DerivativesEmitter.generated())
        .addJavadoc("Derivatives of the differentiable functions of {@link $L}, generated by jgrad.\n",
            owner.getQualifiedName())
        .addOriginatingElement(owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    int errorsBefore = report.errorCount();
    // Dagger's order: every decision for every function (limits, derivations, kernels) first, then
    // the gate, then printing, which decides nothing.
    Map<ExecutableElement, Plan> plans = new LinkedHashMap<>();
    for (Map.Entry<ExecutableElement, Function> entry : functions.entrySet()) {
      plan(entry.getKey(), entry.getValue(), records.get(entry.getKey()), reverseOnly, arrayUsers, sources, purity,
          report).ifPresent(plan -> plans.put(entry.getKey(), plan));
    }
    if (report.errorCount() > errorsBefore) {
      return;
    }
    Members members = new Members(type);
    GeneratedMembers generated = new GeneratedMembers(members.api(), members.internal());
    boolean openCl = processingEnv.getElementUtils().getTypeElement(KernelEmitter.APARAPI_KERNEL) != null;
    plans.forEach((method, plan) -> {
      generated.startOf(method);
      print(plan, members, openCl);
    });
    generated.check(report);
    if (report.errorCount() > errorsBefore) {
      return;
    }
    JavaFile file = JavaFile.builder(pkg, members.build()).skipJavaLangImports(true).indent("  ").build();
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (javax.annotation.processing.FilerException e) {
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
