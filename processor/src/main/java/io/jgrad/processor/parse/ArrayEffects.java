package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.unwrap;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a method jgrad keeps as written (it is not differentiated) provably writes no array it is
 * given: a library method known to only read (printing, logging, formatting,
 * {@code Arrays.toString}), or a method whose source, followed through its calls, writes only into
 * arrays it creates. Anything else may write: decided by knowing, never by hoping, since a write
 * jgrad does not see gives a wrong derivative without a word.
 */
final class ArrayEffects {
  /** Classes whose methods read the arrays they are given, except {@link #WRITERS}. */
  private static final Set<String> READ_ONLY_CLASSES = Set.of("java.io.PrintStream", "java.io.PrintWriter",
      "java.lang.String", "java.lang.StringBuilder", "java.lang.Math", "java.lang.StrictMath",
      "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
      "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.util.Objects", "java.util.logging.Logger",
      "java.lang.System.Logger", "org.slf4j.Logger");

  /** The methods of those classes that write into an array argument. */
  private static final Set<String> WRITERS = Set.of("getChars", "getBytes", "toChars");

  /** The methods of {@code java.util.Arrays} that only read (not {@code asList}: a view that writes through). */
  private static final Set<String> READ_ONLY_ARRAYS = Set.of("toString", "deepToString", "equals", "deepEquals",
      "hashCode", "deepHashCode", "binarySearch", "mismatch", "compare", "stream");

  /** Library methods that write only one of their arrays: which argument (the others are read). */
  private static final Map<String, Integer> WRITES_ONE = Map.of("java.lang.System.arraycopy", 2,
      "java.util.Arrays.fill", 0, "java.util.Arrays.sort", 0, "java.util.Arrays.parallelSort", 0,
      "java.util.Arrays.setAll", 0, "java.util.Arrays.parallelSetAll", 0, "java.util.Arrays.parallelPrefix", 0);

  /** How deep the scan follows calls before it stops knowing. */
  private static final int MAX_DEPTH = 16;

  private final Trees trees;
  private final Map<ExecutableElement, Boolean> known = new HashMap<>();
  private final Set<ExecutableElement> scanning = new HashSet<>();

  ArrayEffects(Trees trees) {
    this.trees = trees;
  }

  /** Whether a call to {@code m} provably writes into none of the arrays passed to it. */
  boolean readOnly(ExecutableElement m) {
    return readOnly(m, 0);
  }

  /**
   * The first array element written in {@code tree} (a lambda passed to a kept call) into an
   * array it did not create, or null when there is none.
   */
  Tree firstOuterWrite(TreePath tree) {
    return new Scan(0).writeOutside(tree);
  }

  private boolean readOnly(ExecutableElement m, int depth) {
    if (known.containsKey(m)) {
      return known.get(m);
    }
    // A library method only reads its arrays (those that write are known above); a call back into a
    // method being scanned: the outer scan decides for the whole cycle.
    if (library(m) || scanning.contains(m)) {
      return true;
    }
    TreePath path = trees.getPath(m);
    if (depth > MAX_DEPTH || path == null || !(path.getLeaf() instanceof MethodTree method)
        || method.getBody() == null) {
      // No source (a compiled library), or abstract, or native: nothing is known, so it may write.
      return false;
    }
    scanning.add(m);
    boolean result = new Scan(depth).writeOutside(new TreePath(path, method.getBody())) == null;
    scanning.remove(m);
    if (!result || depth == 0) {
      // A read-only answer found inside a cycle assumed the cycle's head read-only; it holds only at the top.
      known.put(m, result);
    }
    return result;
  }

  private static boolean library(ExecutableElement m) {
    if (!(m.getEnclosingElement() instanceof TypeElement owner)) {
      return false;
    }
    String ownerName = owner.getQualifiedName().toString();
    String name = m.getSimpleName().toString();
    if (ownerName.equals("java.util.Arrays")) {
      return READ_ONLY_ARRAYS.contains(name);
    }
    // An array's own methods (clone, equals, hashCode, toString) only read it.
    return (READ_ONLY_CLASSES.contains(ownerName) && !WRITERS.contains(name)) || ownerName.equals("Array");
  }

  /**
   * One method body's array writes: each written array's root variable, and whether a write goes
   * somewhere the scan cannot name (a field, an element of another array, a call's result).
   */
  private final class Scan extends TreePathScanner<Void, Void> {
    private final int depth;
    private final Set<Element> fresh = new HashSet<>();
    private final Set<Element> reassigned = new HashSet<>();
    // Insertion-ordered: the first write in the source is the one reported, in every run (an
    // Element hashes by identity, so a HashMap's order changes from one JVM to the next).
    private final Map<Element, Tree> written = new LinkedHashMap<>();
    private Tree unknownWrite;

    Scan(int depth) {
      this.depth = depth;
    }

    /** The first write in {@code code} into an array it did not create itself, or null. */
    Tree writeOutside(TreePath code) {
      scan(code, null);
      if (unknownWrite != null) {
        return unknownWrite;
      }
      for (Map.Entry<Element, Tree> w : written.entrySet()) {
        if (!fresh.contains(w.getKey()) || reassigned.contains(w.getKey())) {
          return w.getValue();
        }
      }
      return null;
    }

    @Override
    public Void visitVariable(VariableTree t, Void unused) {
      Element e = trees.getElement(getCurrentPath());
      ExpressionTree init = unwrap(t.getInitializer());
      if (e != null && e.asType().getKind() == TypeKind.ARRAY && (init == null || init instanceof NewArrayTree)) {
        fresh.add(e);
      }
      return super.visitVariable(t, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void unused) {
      ExpressionTree target = unwrap(t.getVariable());
      if (target instanceof ArrayAccessTree a) {
        write(a, t);
      } else {
        Element e = trees.getElement(new TreePath(getCurrentPath(), target));
        if (e != null && e.asType().getKind() == TypeKind.ARRAY) {
          if (e.getKind() == ElementKind.LOCAL_VARIABLE && unwrap(t.getExpression()) instanceof NewArrayTree) {
            // a = new double[n] again: still an array of its own.
          } else if (e.getKind() == ElementKind.LOCAL_VARIABLE || e.getKind() == ElementKind.PARAMETER) {
            reassigned.add(e);
          } else {
            // An array stored in a field may be written by anyone later.
            unknown(t);
          }
        }
      }
      return super.visitAssignment(t, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree t, Void unused) {
      if (unwrap(t.getVariable()) instanceof ArrayAccessTree a) {
        write(a, t);
      }
      return super.visitCompoundAssignment(t, unused);
    }

    @Override
    public Void visitUnary(UnaryTree t, Void unused) {
      boolean step = switch (t.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
        default -> false;
      };
      if (step && unwrap(t.getExpression()) instanceof ArrayAccessTree a) {
        write(a, t);
      }
      return super.visitUnary(t, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree t, Void unused) {
      passed(t.getArguments(), t);
      return super.visitMethodInvocation(t, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree t, Void unused) {
      passed(t.getArguments(), t);
      return super.visitNewClass(t, unused);
    }

    /** Arrays handed to the callee at {@code at} that may write them count as written here. */
    private void passed(List<? extends ExpressionTree> args, Tree at) {
      if (!(trees.getElement(getCurrentPath()) instanceof ExecutableElement callee)
          || args.stream().noneMatch(this::isArray) || readOnly(callee, depth + 1)) {
        return;
      }
      Integer only = callee.getEnclosingElement() instanceof TypeElement owner
          ? WRITES_ONE.get(owner.getQualifiedName() + "." + callee.getSimpleName()) : null;
      for (int i = 0; i < args.size(); i++) {
        if (isArray(args.get(i)) && (only == null || only == i)) {
          root(unwrap(args.get(i)), at);
        }
      }
    }

    private boolean isArray(ExpressionTree a) {
      TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), a));
      return type != null && type.getKind() == TypeKind.ARRAY;
    }

    private void write(ArrayAccessTree a, Tree at) {
      ExpressionTree array = unwrap(a.getExpression());
      while (array instanceof ArrayAccessTree inner) {
        array = unwrap(inner.getExpression());
      }
      root(array, at);
    }

    /** The variable a written array is read from, or an unknown write when it is not one. */
    private void root(ExpressionTree array, Tree at) {
      Element e = array instanceof IdentifierTree || array instanceof MemberSelectTree
          ? trees.getElement(new TreePath(getCurrentPath(), array)) : null;
      boolean variable = e != null && (e.getKind() == ElementKind.LOCAL_VARIABLE || e.getKind() == ElementKind.PARAMETER);
      if (variable) {
        written.putIfAbsent(e, at);
      } else {
        unknown(at);
      }
    }

    /** A write into an array the scan cannot name; the first one is the one reported. */
    private void unknown(Tree at) {
      if (unknownWrite == null) {
        unknownWrite = at;
      }
    }
  }
}
