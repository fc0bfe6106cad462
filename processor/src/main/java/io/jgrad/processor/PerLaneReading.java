package io.jgrad.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.jgrad.annotations.Batched;
import io.jgrad.processor.check.PerLaneParams;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.RecordSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads {@code @Batched(perLane = ...)}, the parameters whose kernels take one value per lane, and
 * reports each name that cannot be one at its string in the annotation.
 */
final class PerLaneReading {
  private PerLaneReading() {}

  /**
   * The names {@code method}'s kernels take per lane, or empty after reporting a bad one. For a
   * function with records ({@code records} not null, {@code sig} its flat signature) a record is per
   * lane as a whole: each leaf of a differentiated record parameter, and of one perLane names.
   */
  static Optional<List<String>> read(ExecutableElement method, Callee sig, RecordSignature records, Trees trees,
      Report report) {
    List<String> names = new ArrayList<>();
    List<String> recordsNamed = new ArrayList<>();
    boolean bad = false;
    for (String name : method.getAnnotation(Batched.class).perLane()) {
      RecordSignature.UserParam record = records == null ? null : records.params().stream()
          .filter(p -> p.shape() != null && p.name().equals(name)).findFirst().orElse(null);
      Optional<String> problem;
      if (record == null) {
        problem = PerLaneParams.problem(sig, name, names);
      } else if (record.differentiated()) {
        problem = Optional.of(PerLaneParams.differentiated(name));
      } else if (recordsNamed.contains(name)) {
        problem = Optional.of("perLane names " + name + " twice; hint: name it once");
      } else {
        problem = Optional.empty();
        recordsNamed.add(name);
        record.flat().forEach(leaf -> names.add(leaf.name()));
      }
      if (problem.isPresent()) {
        TreePath path = trees.getPath(method);
        report.error(Codes.NOT_BATCHABLE, problem.get(), path == null ? null : literal(path.getLeaf(), name),
            path == null ? null : path.getCompilationUnit(), method);
        bad = true;
      }
      if (record == null) {
        names.add(name);
      }
    }
    if (records != null) {
      // A differentiated record's leaves without a tangent (an int component) come per lane with it.
      records.differentiatedParams().stream().filter(p -> p.shape() != null).flatMap(p -> p.flat().stream())
          .filter(leaf -> !leaf.differentiated()).forEach(leaf -> names.add(leaf.name()));
    }
    return bad ? Optional.empty() : Optional.of(List.copyOf(names));
  }

  /** The string {@code name} in the method's {@code @Batched} annotation, or null. */
  private static Tree literal(Tree method, String name) {
    if (!(method instanceof MethodTree m)) {
      return null;
    }
    Tree[] found = new Tree[1];
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      if (a.getAnnotationType().toString().endsWith("Batched")) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitLiteral(LiteralTree literal, Void unused) {
            if (found[0] == null && name.equals(literal.getValue())) {
              found[0] = literal;
            }
            return null;
          }
        }.scan(a, null);
      }
    }
    return found[0];
  }
}
