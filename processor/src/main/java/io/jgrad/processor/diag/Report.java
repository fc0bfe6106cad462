package io.jgrad.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The findings of validating one class: errors, warnings and notes, each with a stable code and the
 * position of the offending expression. Generation starts only from a report without errors
 * (Dagger's {@code ValidationReport}); {@link #print} hands everything to javac at once.
 */
public final class Report {
  private record Item(
      Diagnostic.Kind kind, String code, String message, Element element, Tree tree,
      CompilationUnitTree unit) {}

  private final List<Item> items = new ArrayList<>();
  private final Map<Element, Tree> unresolved = new LinkedHashMap<>();

  /**
   * A method whose body javac had not attributed when it was read (at {@code at} when known): it gets no
   * derivatives, and an error when processing ends ({@link UnresolvedBodies}).
   */
  public void unresolved(Element method, Tree at) {
    unresolved.putIfAbsent(method, at);
  }

  /** The methods noted by {@link #unresolved}, each with its unattributed expression or null; then none. */
  public Map<Element, Tree> takeUnresolved() {
    Map<Element, Tree> taken = new LinkedHashMap<>(unresolved);
    unresolved.clear();
    return taken;
  }

  /** An error at an expression of a method body. */
  public void error(String code, String message, Tree tree, CompilationUnitTree unit) {
    items.add(new Item(Diagnostic.Kind.ERROR, code, message, null, tree, unit));
  }

  /** An error at a declaration. */
  public void error(String code, String message, Element element) {
    items.add(new Item(Diagnostic.Kind.ERROR, code, message, element, null, null));
  }

  /** An error at an expression of a method body when its tree is known, else at the declaration {@code element}. */
  public void error(String code, String message, Tree tree, CompilationUnitTree unit, Element element) {
    items.add(tree != null ? new Item(Diagnostic.Kind.ERROR, code, message, null, tree, unit)
        : new Item(Diagnostic.Kind.ERROR, code, message, element, null, null));
  }

  /** A warning at a declaration. */
  public void warning(String code, String message, Element element) {
    items.add(new Item(Diagnostic.Kind.WARNING, code, message, element, null, null));
  }

  /** A note at an expression, explaining an error reported elsewhere (a chain of callers). */
  public void note(String message, Tree tree, CompilationUnitTree unit) {
    items.add(new Item(Diagnostic.Kind.NOTE, null, message, null, tree, unit));
  }

  /** How many errors were found so far. */
  public int errorCount() {
    return (int) items.stream().filter(i -> i.kind == Diagnostic.Kind.ERROR).count();
  }

  /** Reports every item to javac, errors at the position of their expression. */
  public void print(Messager messager, Trees trees) {
    // The same finding at the same tree is reported once.
    for (Item item : new java.util.LinkedHashSet<>(items)) {
      String text = item.code == null ? item.message : "[" + item.code + "] " + item.message;
      if (item.tree != null) {
        trees.printMessage(item.kind, text, item.tree, item.unit);
      } else {
        messager.printMessage(item.kind, text, item.element);
      }
    }
    items.clear();
  }
}
