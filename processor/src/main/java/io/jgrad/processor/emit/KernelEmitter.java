package io.jgrad.processor.emit;

import static io.jgrad.processor.emit.DerivativesEmitter.typeName;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Kernels;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RowLengths;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.lang.model.element.Modifier;

/**
 * Prints the batched kernels of a {@code @Batched} function ({@code vmap}), lowered by
 * KernelLowering: {@code fBatch}, {@code fJvpBatch} and {@code fGradBatch}, each with a
 * {@code ...Session} twin, and for each a class of {@code Lanes} whose {@code lane} is the lowered
 * lane, which the CPU backends call. Where Aparapi is on the compile class path (the user depends on
 * {@code jgrad-opencl}) that class also extends Aparapi's {@code Kernel}, whose {@code run()} OpenCL
 * runs; elsewhere the generated code needs nothing but the core runtime.
 */
public final class KernelEmitter {
  /** The class OpenCL kernels extend; the processor looks it up on the compile class path. */
  public static final String APARAPI_KERNEL = RuntimeTypes.KERNEL.canonicalName();

  /**
   * One field of a kernel, set from the constructor argument of the same name; {@code row} names the
   * length of each lane's row where the array holds rows (an array given per lane), else null.
   */
  private record Field(String name, TypeName type, String row) {
    Field(String name, TypeName type) {
      this(name, type, null);
    }
  }

  private final Kernels kernels;
  private final Callee sig;
  private final ClassName self;
  /** Why the lanes run on the CPU only (they reach a {@code @CustomVjp} rule), or null for a kernel. */
  private final String cpuOnly;
  /** Whether kernels extend Aparapi's {@code Kernel}: it is on the class path and the lanes are not CPU-only. */
  private final boolean device;

  private KernelEmitter(Kernels kernels, String cpuOnly, boolean openCl) {
    this.kernels = kernels;
    this.sig = kernels.signature();
    this.self = RuntimeTypes.derivatives(sig);
    this.cpuOnly = cpuOnly;
    this.device = cpuOnly == null && openCl;
  }

  /**
   * Adds {@code kernels} to {@code type}; {@code openCl} when {@link #APARAPI_KERNEL} is on the compile
   * class path, so that the kernels can extend it.
   */
  public static void emit(Kernels kernels, TypeSpec.Builder type, boolean openCl) {
    KernelEmitter e = new KernelEmitter(kernels,
        kernels instanceof Kernels.CpuOnly c ? c.reason() : null, openCl);
    if (kernels instanceof Kernels.Forward f && f.signature().recordResult() != null) {
      e.recordKernels(f, type);
    } else if (kernels instanceof Kernels.Forward f) {
      e.valueKernel(f.value(), type);
      e.jvpKernel(f.jvp(), type);
      e.gradKernel(f.grad(), type);
    } else if (kernels instanceof Kernels.Reverse r && r.grad() == null) {
      e.recordValueKernel(r.value(), type);
    } else if (kernels instanceof Kernels.Reverse r) {
      e.valueKernel(r.value(), type);
      e.reverseGradKernel(r.grad(), r.recomputes(), type);
    } else {
      e.valueKernel(null, type);
      e.cpuGradLanes(type);
    }
  }

  /**
   * The gradient of a reverse-only function: its lane computes each component by the transposed body.
   * A lane that {@code recomputes} loops runs on OpenCL only; the CPU backends call the scalar code.
   */
  private void reverseGradKernel(Lane l, boolean recomputes, TypeSpec.Builder type) {
    List<Field> outputs = gradOutputs(l);
    CodeBlock lane = program(l, reads(l), (r, b) -> {
      for (int k = 0; k < outputs.size(); k++) {
        Expr.Var g = l.gradients().get(k);
        Lane.Row row = l.row(sig.differentiatedParams().get(k).name());
        if (row == null) {
          store(b, outputs.get(k), l, g.name());
        } else {
          // A row's cotangent is the lane's private array of @Batched(rowLength) elements: copied to its row.
          String i = l.names().fresh("i");
          b.beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, rowLengths().of(row.array()), i)
              .addStatement("this.$L[$L + $L] = $L[$L]", outputs.get(k).name(), row.start().name(), i, g.name(), i)
              .endControlFlow();
        }
      }
    });
    String doc = "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by its reverse mode, the"
        + " @CustomVjp rules' fwd and bwd run as code.";
    if (!recomputes) {
      finish(type, "GradBatch", doc, List.of(), outputs, l, lane, null);
      return;
    }
    finish(type, "GradBatch", doc + "\nOn OpenCL a lane has no memory for a tape: it runs each loop backwards by"
        + " recomputation,\nO(trips²) trips run; the CPU backends call {@code $LGrad}, whose tape keeps them at"
        + " O(trips).", List.of(), outputs, l, scalarGrad(l, outputs), lane);
  }

  /** The differentiated rows' lengths fixed at compile time ({@code @Batched(rowLength)}, {@code RowLength}). */
  private RowLengths rowLengths() {
    return kernels instanceof Kernels.Reverse r ? r.rowLengths()
        : kernels instanceof Kernels.CpuOnly c ? c.rowLengths() : RowLengths.NONE;
  }

  /**
   * The arguments of a scalar call in lane {@code l}: each parameter's lane copy, and for an array
   * given per lane a copy of the lane's row, made in {@code lane}.
   */
  private String laneArgs(Lane l, CodeBlock.Builder lane) {
    List<String> args = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      Lane.Row row = l.row(p.name());
      if (row == null) {
        args.add(p.name());
      } else {
        String copy = l.names().fresh(p.name() + "Row");
        lane.addStatement("$T $L = $T.copyOfRange(this.$L, $L, $L + this.$L)", typeName(p.type()), copy,
            java.util.Arrays.class, p.name(), row.start().name(), row.start().name(), row.length().name());
        args.add(copy);
      }
    }
    return String.join(", ", args);
  }

  private void cpuGradLanes(TypeSpec.Builder type) {
    Lane l = cpuLane();
    List<Field> outputs = gradOutputs(l);
    finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by its"
        + " reverse mode on the CPU.", List.of(), outputs, l, scalarGrad(l, outputs), null);
  }

  /** A lane that only calls the scalar code: no program, no constants; the rows of the arrays given per lane. */
  private Lane cpuLane() {
    Names names = Names.of(sig.paramNames(), List.of());
    String index = names.fresh("lane");
    List<Lane.Row> rows = sig.params().stream().filter(p -> p.type().isArray() && kernels.perLane(p))
        .map(p -> new Lane.Row(p.name(), names.var(p.name() + "Start", Type.INT),
            names.var(p.name() + "RowLength", Type.INT))).toList();
    return new Lane(names, index, List.of(), List.of(), List.of(), List.of(), List.of(), rows, List.of());
  }

  /**
   * A lane that stores what the scalar {@code fGrad} returns; the scalar code takes an array given
   * per lane as a copy of the lane's row, and gives a row's gradient as an array, copied to its row.
   */
  private CodeBlock scalarGrad(Lane l, List<Field> outputs) {
    CodeBlock.Builder lane = reads(l);
    String call = sig.name() + "Grad(" + laneArgs(l, lane) + ")";
    List<String> values = new ArrayList<>();
    if (sig.hasSingleGradient()) {
      values.add(call);
    } else {
      String g = l.names().fresh("grad");
      lane.addStatement("$T $L = $L", self.nestedClass(sig.gradRecordName()), g, call);
      sig.differentiatedParams().forEach(d -> values.add(g + "." + d.name() + "()"));
    }
    for (int k = 0; k < outputs.size(); k++) {
      Lane.Row row = l.row(sig.differentiatedParams().get(k).name());
      if (row == null) {
        store(lane, outputs.get(k), l, values.get(k));
      } else {
        lane.addStatement("$T.arraycopy($L, 0, this.$L, $L, this.$L)", System.class, values.get(k),
            outputs.get(k).name(), row.start().name(), row.length().name());
      }
    }
    return lane.build();
  }

  private static TypeName lanesOf(Type t) {
    return ArrayTypeName.of(typeName(t));
  }

  /** The value in every lane: the lowered lane's program, or on the CPU only ({@code lowered} null) the scalar code. */
  private void valueKernel(Lane lowered, TypeSpec.Builder type) {
    Lane l = lowered == null ? cpuLane() : lowered;
    Field out = new Field(Names.fresh("out", takenNames(l)), lanesOf(sig.returnType()));
    CodeBlock.Builder lane = reads(l);
    if (lowered == null) {
      String args = laneArgs(l, lane);
      store(lane, out, l, CodeBlock.of("$T.$L($L)", ClassName.bestGuess(sig.ownerQualifiedName()), sig.name(),
          args));
    } else {
      program(l, lane, (r, b) -> store(b, out, l, ExprWriter.write(r.value())));
    }
    finish(type, "Batch", "The value of {@code $L} in every lane ({@code vmap($L)})"
        + (lowered == null ? ", on the CPU." : "."), List.of(), List.of(out), l, lane.build(), null);
  }

  /**
   * The kernels of a function with a record result, one output array per leaf ({@code out_x},
   * {@code out_y}; JAX's {@code vmap} batches each leaf of a pytree result): {@code fBatch} and
   * {@code fJvpBatch}, the value and the tangent of each leaf; no gradient.
   */
  private void recordKernels(Kernels.Forward f, TypeSpec.Builder type) {
    recordValueKernel(f.value(), type);
    List<RecordShape.Leaf> leaves = sig.recordResult().shape().leaves();
    Lane jvp = f.jvp();
    CodeBlock.Builder jvpLane = reads(jvp);
    Set<String> jvpTaken = takenNames(jvp);
    List<Field> tangentsIn = tangentsIn(jvp, jvpLane, jvpTaken);
    List<Field> values = leaves.stream()
        .map(leaf -> new Field(Names.fresh("outValue_" + leaf.suffix(), jvpTaken), lanesOf(leaf.type()))).toList();
    List<Field> tangents = leaves.stream().filter(RecordShape.Leaf::differentiable)
        .map(leaf -> new Field(Names.fresh("outTangent_" + leaf.suffix(), jvpTaken), lanesOf(leaf.type()))).toList();
    program(jvp, jvpLane, null, (r, b) -> {
      int t = 0;
      for (int k = 0; k < leaves.size(); k++) {
        RecordShape.Leaf leaf = leaves.get(k);
        store(b, values.get(k), jvp, ExprWriter.write(r.value().leaves().get(k)));
        if (leaf.differentiable()) {
          Expr.Var tangent = r.tangents().get(k);
          store(b, tangents.get(t++), jvp, tangent == null ? Terms.zero(leaf.type())
              : Terms.convert(tangent.name(), tangent.type(), leaf.type()));
        }
      }
    });
    List<Field> outputs = new ArrayList<>(values);
    outputs.addAll(tangents);
    finish(type, "JvpBatch", "The value and the tangent of each leaf of {@code $L}'s record in every lane"
        + " ({@code vmap(jvp($L))}),\ntangents per lane.", tangentsIn, outputs, jvp, jvpLane.build(), null);
  }

  /** {@code fBatch} of a function with a record result: one output array per leaf. */
  private void recordValueKernel(Lane value, TypeSpec.Builder type) {
    List<RecordShape.Leaf> leaves = sig.recordResult().shape().leaves();
    Set<String> taken = takenNames(value);
    List<Field> outs = leaves.stream()
        .map(leaf -> new Field(Names.fresh("out_" + leaf.suffix(), taken), lanesOf(leaf.type()))).toList();
    CodeBlock.Builder valueLane = reads(value);
    program(value, valueLane, null, (r, b) -> {
      for (int k = 0; k < leaves.size(); k++) {
        store(b, outs.get(k), value, ExprWriter.write(r.value().leaves().get(k)));
      }
    });
    finish(type, "Batch", "The value of {@code $L} in every lane ({@code vmap($L)}), one array per leaf of its"
        + " record.", List.of(), outs, value, valueLane.build(), null);
  }

  /** The JVP kernel's tangent inputs, each differentiated parameter's: read into the lane, or a row read in place. */
  private List<Field> tangentsIn(Lane l, CodeBlock.Builder lane, Set<String> taken) {
    List<Field> tangentsIn = new ArrayList<>();
    List<Callee.Param> wrt = sig.differentiatedParams();
    for (int k = 0; k < wrt.size(); k++) {
      Callee.Param d = wrt.get(k);
      Expr.Var t = l.tangentsIn().get(k);
      Lane.Row row = l.row(t.name());
      if (row != null) {
        // The program reads the flat array of tangent rows itself, at the lane's row.
        taken.add(t.name());
        tangentsIn.add(new Field(t.name(), typeName(d.type()), row.length().name()));
        continue;
      }
      Field f = new Field(Names.fresh(d.name() + "Dot", taken), lanesOf(d.type()));
      tangentsIn.add(f);
      lane.addStatement("$T $L = this.$L[$L]", typeName(d.type()), t.name(), f.name(), l.index());
    }
    return tangentsIn;
  }

  private void jvpKernel(Lane l, TypeSpec.Builder type) {
    Set<String> taken = takenNames(l);
    CodeBlock.Builder lane = reads(l);
    List<Field> tangentsIn = tangentsIn(l, lane, taken);
    Type rt = sig.returnType();
    List<Field> outputs = List.of(new Field(Names.fresh("outValue", taken), lanesOf(rt)),
        new Field(Names.fresh("outTangent", taken), lanesOf(rt)));
    program(l, lane, (r, b) -> {
      store(b, outputs.get(0), l, ExprWriter.write(r.value()));
      store(b, outputs.get(1), l, r.tangent() == null ? Terms.zero(rt)
          : Terms.convert(r.tangent().name(), r.tangent().type(), rt));
    });
    finish(type, "JvpBatch", "The value and the tangent of {@code $L} in every lane ({@code vmap(jvp($L))}),"
        + " tangents per lane.", tangentsIn, outputs, l, lane.build(), null);
  }

  private void gradKernel(Lane l, TypeSpec.Builder type) {
    List<Callee.Param> wrt = sig.differentiatedParams();
    CodeBlock.Builder lane = reads(l);
    for (Expr.Var seed : l.seeds()) {
      lane.addStatement("$T $L = $L", typeName(seed.type()), seed.name(), Terms.one(seed.type()));
    }
    List<Field> outputs = gradOutputs(l);
    if (!l.passes().isEmpty()) {
      program(l, lane, (r, b) -> {
        for (int k = 0; k < wrt.size(); k++) {
          Lane.Pass pass = l.passes().get(k);
          Type gt = wrt.get(k).type().isArray() ? wrt.get(k).type().element() : wrt.get(k).type();
          if (pass.when() != null) {
            b.beginControlFlow("if ($L)", ExprWriter.write(pass.when()));
          }
          b.addStatement("this.$L[$L] = $L", outputs.get(k).name(), ExprWriter.write(pass.at()),
              r.tangent() == null ? Terms.zero(gt) : Terms.convert(r.tangent().name(), r.tangent().type(), gt));
          if (pass.when() != null) {
            b.endControlFlow();
          }
        }
      });
      finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}),\nby forward"
          + " mode, one pass per scalar parameter and per element of a row (no tape).", List.of(), outputs, l,
          lane.build(), null);
      return;
    }
    program(l, lane, (r, b) -> {
      for (int k = 0; k < wrt.size(); k++) {
        Expr.Var t = l.gradients().get(k);
        Type gt = wrt.get(k).type();
        store(b, outputs.get(k), l, t == null ? Terms.zero(gt) : Terms.convert(t.name(), t.type(), gt));
      }
    });
    finish(type, "GradBatch", "The gradient of {@code $L} in every lane ({@code vmap(grad($L))}), by forward"
        + " mode with one tangent per parameter (no tape).", List.of(), outputs, l, lane.build(), null);
  }

  /** {@code lane}, then the lowered program, its locals hoisted into {@code lane}, its return by {@code returns}. */
  private static CodeBlock program(Lane l, CodeBlock.Builder lane,
      BiConsumer<Linear.Return, CodeBlock.Builder> returns) {
    return program(l, lane, returns, null);
  }

  /** The same, a record's return stored by {@code recordReturns}. */
  private static CodeBlock program(Lane l, CodeBlock.Builder lane, BiConsumer<Linear.Return, CodeBlock.Builder> returns,
      BiConsumer<Linear.RecordReturn, CodeBlock.Builder> recordReturns) {
    List<Linear> program = LaneLocals.hoist(l.program(), lane, l.names());
    return lane.add(new JvpWriter(l.names(), returns, recordReturns).write(program)).build();
  }

  /** {@code this.out[lane] = value}. */
  private static void store(CodeBlock.Builder b, Field out, Lane l, Object value) {
    b.addStatement("this.$L[$L] = $L", out.name(), l.index(), value);
  }

  /** Names of the entry points' parameters: the function's own and its rows' lengths, then {@code backend}. */
  private Set<String> takenNames(Lane l) {
    Set<String> taken = new HashSet<>(List.of("backend", "lanes"));
    sig.params().forEach(p -> taken.add(p.name()));
    l.rows().forEach(r -> taken.add(r.length().name()));
    taken.addAll(LaneLocals.arrays(l.program()).keySet());
    return taken;
  }

  /** One lane array per differentiated parameter, for its gradient: rows, laid out as the parameter's, for an array. */
  private List<Field> gradOutputs(Lane l) {
    Set<String> taken = takenNames(l);
    return sig.differentiatedParams().stream().map(d -> {
      Lane.Row row = l.row(d.name());
      String name = Names.fresh(d.name() + "Grad", taken);
      return row == null ? new Field(name, lanesOf(d.type())) : new Field(name, typeName(d.type()), row.length().name());
    }).toList();
  }

  /**
   * The lane's own copies of the parameters: its element of each lane array, and the shared values;
   * a shared array is read from the kernel's field, which OpenCL cannot alias in a local.
   */
  private CodeBlock.Builder reads(Lane l) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Callee.Param p : sig.params().stream().filter(p -> !p.type().isArray()).toList()) {
      b.addStatement("$T $L = this.$L$L", typeName(p.type()), p.name(), p.name(),
          kernels.perLane(p) ? "[" + l.index() + "]" : "");
    }
    // An array given per lane is read in place: the program reads its row from the lane's start on.
    Set<String> starts = new HashSet<>();
    for (Lane.Row row : l.rows()) {
      if (starts.add(row.start().name())) {
        b.addStatement("int $L = $L * this.$L", row.start().name(), l.index(), row.length().name());
      }
    }
    return b;
  }

  /** Whether {@code p} is an array all lanes read (an {@code int[]} of indices, say), not given per lane. */
  private boolean sharedArray(Callee.Param p) {
    return p.type().isArray() && !kernels.perLane(p);
  }

  /**
   * The kernel class and the two entry points: {@code fXxx} runs once, {@code fXxxSession} keeps the
   * batch. {@code run()} calls {@code lane}, or {@code deviceLane} where that is given.
   */
  private void finish(TypeSpec.Builder type, String suffix, String doc, List<Field> extraInputs,
      List<Field> outputs, Lane l, CodeBlock lane, CodeBlock deviceLane) {
    String method = sig.name() + suffix;
    String kernelName = Names.capitalized(method)
        + (cpuOnly == null ? "Kernel" : "Lanes");
    // Local arrays: made by each CPU lane; on OpenCL the kernel's fields in private memory, which the
    // same code reads where no local hides them (a lane cannot allocate).
    // A lane that recomputes loops (deviceLane given) holds its private arrays on OpenCL only: the CPU
    // lane calls the scalar code.
    boolean recomputing = deviceLane != null;
    Map<String, Expr.NewArray> arrays = LaneLocals.arrays(l.program());
    if (!arrays.isEmpty() && !recomputing) {
      CodeBlock.Builder made = CodeBlock.builder();
      arrays.forEach((name, n) -> made.addStatement("$T $L = $L", typeName(n.type()), name, ExprWriter.write(n)));
      deviceLane = device ? lane : null;
      lane = made.add(lane).build();
    }
    // The parameters (an array of lanes for each one given per lane, an array of rows followed by
    // the rows' length), then extraInputs: what the batch reads.
    List<Field> inputs = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      Lane.Row row = l.row(p.name());
      if (row != null) {
        inputs.add(new Field(p.name(), typeName(p.type()), row.length().name()));
        inputs.add(new Field(row.length().name(), TypeName.INT));
      } else {
        inputs.add(new Field(p.name(), kernels.perLane(p) ? lanesOf(p.type()) : typeName(p.type())));
      }
    }
    inputs.addAll(extraInputs);
    List<Field> args = new ArrayList<>(inputs);
    args.addAll(outputs);
    TypeSpec.Builder kernel = TypeSpec.classBuilder(kernelName)
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.LANES);
    if (device) {
      kernel.superclass(RuntimeTypes.KERNEL).addJavadoc(deviceLane != null
          ? "The kernel of {@link #$L}: Aparapi translates {@code run()}, which calls {@code deviceLane}, to OpenCL;"
              + (recomputing ? "\nCPU backends call {@code lane}, which calls the scalar code.\n"
              : "\nCPU backends call {@code lane}, the same code with its local arrays its own.\n")
          : "The kernel of {@link #$L}: Aparapi translates {@code run()} to OpenCL; CPU backends call {@code lane}.\n",
          method);
    } else if (cpuOnly == null) {
      kernel.addJavadoc("The lanes of {@link #$L}, for the CPU backends: Aparapi was not on the compile class"
          + " path,\nso there is no OpenCL kernel (add io.jgrad:jgrad-opencl for one).\n", method);
    } else {
      kernel.addJavadoc("The lanes of {@link #$L}, for the CPU backends: each calls the scalar code.\n", method);
    }
    // On a device the lane count comes first; only run() reads it: OpenCL pads the range to whole
    // work-groups, and the padding lanes skip.
    List<Field> fields = new ArrayList<>(device ? List.of(new Field("lanes", TypeName.INT)) : List.of());
    fields.addAll(args);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    for (Field f : fields) {
      kernel.addField(f.type(), f.name(), Modifier.FINAL);
      ctor.addParameter(f.type(), f.name()).addStatement("this.$L = $L", f.name(), f.name());
    }
    arrays.forEach((name, n) -> {
      if (device) {
        kernel.addField(FieldSpec.builder(typeName(n.type()), name, Modifier.FINAL)
            .addAnnotation(AnnotationSpec.builder(RuntimeTypes.KERNEL.nestedClass("PrivateMemorySpace"))
                .addMember("value", "$L", ExprWriter.write(n.length())).build())
            .initializer("$L", ExprWriter.write(n)).build());
      }
    });
    for (Lane.Constant c : l.constants()) {
      kernel.addField(typeName(c.type()), c.name(), Modifier.FINAL);
      ctor.addStatement("this.$L = $L", c.name(), c.source());
    }
    kernel.addMethod(ctor.build());
    if (device) {
      kernel.addMethod(MethodSpec.methodBuilder("run").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
          .addStatement("int $L = getGlobalId()", l.index())
          .beginControlFlow("if ($L < lanes)", l.index())
          .addStatement("$L($L)", deviceLane == null ? "lane" : "deviceLane", l.index())
          .endControlFlow()
          .build());
    }
    if (device && deviceLane != null) {
      kernel.addMethod(MethodSpec.methodBuilder("deviceLane").addModifiers(Modifier.PUBLIC)
          .addJavadoc(recomputing ? "Lane {@code $L} as OpenCL runs it: each loop backwards by recomputation.\n"
              : "Lane {@code $L} as OpenCL runs it: its local arrays are the kernel's private ones.\n", l.index())
          .addParameter(TypeName.INT, l.index()).addCode(deviceLane).build());
    }
    kernel.addMethod(MethodSpec.methodBuilder("lane").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(TypeName.INT, l.index()).addCode(lane).build());
    type.addType(kernel.build());

    List<String> shared = sig.params().stream().filter(this::sharedArray).map(Callee.Param::name).toList();
    List<Field> laneArrays = args.stream()
        .filter(f -> f.type() instanceof ArrayTypeName && !shared.contains(f.name())).toList();
    List<Field> inputArrays = inputs.stream().filter(f -> f.type() instanceof ArrayTypeName).toList();
    // Arrays of rows say how they are laid out, and what else is checked of them.
    List<String> rowArrays = args.stream().filter(f -> f.row() != null)
        .map(f -> "{@code " + f.name() + "[lane * " + f.row() + " ..]}").toList();
    String rowsDoc = rowArrays.isEmpty() ? "" : "\nArrays of rows, laid end to end; each lane's row:\n"
        + String.join(",\n", rowArrays) + ".";
    String lengths = rowArrays.isEmpty() ? "of another length than the first"
        : "of another number of lanes than the first,\nor not a whole number of rows";
    MethodSpec.Builder session = MethodSpec.methodBuilder(method + "Session").returns(RuntimeTypes.BATCH)
        .addJavadoc(doc.replace("$L", sig.name()) + rowsDoc + "\nReturns the batch bound to these arrays, for"
            + " repeated {@code run()}s; close it.\n");
    MethodSpec.Builder once = MethodSpec.methodBuilder(method).returns(RuntimeTypes.BACKEND)
        .addJavadoc(doc.replace("$L", sig.name()) + rowsDoc + "\nReturns the backend that ran it.\n");
    for (MethodSpec.Builder m : List.of(session, once)) {
      m.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addJavadoc("@throws IllegalArgumentException naming an array that is null or " + lengths
              + (rowLengths().none() ? "" : ",\nor a row length that is not the one fixed at compile time") + "\n")
          .addJavadoc("@throws io.jgrad.runtime.BackendUnavailableException when {@code backend} cannot run this kernel\n");
      args.forEach(f -> m.addParameter(f.type(), f.name()));
      m.addParameter(RuntimeTypes.BACKEND, "backend");
    }
    Field first = laneArrays.get(0);
    if (first.row() == null) {
      session.addStatement("int lanes = $T.length($S, $L)", RuntimeTypes.LANE_ARRAYS, first.name(), first.name());
    } else {
      session.addStatement("int lanes = $T.rows($S, $L, $S, $L)", RuntimeTypes.LANE_ARRAYS, first.name(),
          first.name(), first.row(), first.row());
    }
    for (Field f : laneArrays.subList(1, laneArrays.size())) {
      if (f.row() == null) {
        session.addStatement("$T.check(lanes, $S, $L)", RuntimeTypes.LANE_ARRAYS, f.name(), f.name());
      } else {
        session.addStatement("$T.checkRows(lanes, $S, $L, $S, $L)", RuntimeTypes.LANE_ARRAYS, f.name(), f.name(),
            f.row(), f.row());
      }
    }
    // The gradient lane's cotangent rows have the size fixed at compile time.
    sig.differentiatedParams().stream().map(d -> l.row(d.name()))
        .filter(row -> row != null && rowLengths().of(row.array()) != 0).forEach(row -> {
          String n = row.length().name();
          int length = rowLengths().of(row.array());
          session.beginControlFlow("if ($L != $L)", n, length)
              .addStatement("throw new $T($S + $L + $S)", IllegalArgumentException.class, n + " is ", n,
                  ", but " + rowLengths().spelling(row.array()) + " fixes the rows' length")
              .endControlFlow();
        });
    shared.forEach(name -> session.addStatement("$T.shared($S, $L)", RuntimeTypes.LANE_ARRAYS, name, name));
    String argList = String.join(", ", args.stream().map(Field::name).toList());
    // Tables (static final arrays the lanes read) are inputs too: OpenCL copies them once per session.
    List<String> deviceInputs = new ArrayList<>(inputArrays.stream().map(Field::name).toList());
    l.constants().stream().filter(c -> c.type().isArray()).forEach(c -> deviceInputs.add(c.source()));
    String inputsList = String.join(", ", deviceInputs);
    String outputsList = String.join(", ", outputs.stream().map(Field::name).toList());
    String ctorArgs = String.join(", ", fields.stream().map(Field::name).toList());
    if (cpuOnly == null) {
      session.addStatement("return $T.prepare($S, new $L($L), lanes, backend, new Object[] {$L}, new Object[] {$L})",
          RuntimeTypes.BATCH, self.simpleName() + "." + method, kernelName, ctorArgs, inputsList, outputsList);
    } else {
      // Lanes that run on the CPU only say why, for the backend that cannot run them.
      session.addStatement("return $T.prepareOnCpu($S, new $L($L), lanes, backend, $S, new Object[] {$L},"
          + " new Object[] {$L})", RuntimeTypes.BATCH, self.simpleName() + "." + method, kernelName,
          ctorArgs, cpuOnly, inputsList, outputsList);
    }
    type.addMethod(session.build());
    once.beginControlFlow("try ($T batch = $L($L))", RuntimeTypes.BATCH, method + "Session", argList + ", backend")
        .addStatement("return batch.run().backend()")
        .endControlFlow();
    type.addMethod(once.build());
  }
}
