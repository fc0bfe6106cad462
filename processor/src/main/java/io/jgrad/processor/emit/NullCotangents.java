package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the record a {@code @CustomVjp} backward pass returned in which a null component, a
 * nested record at any depth or an array, is a zero cotangent (JAX's {@code None} in a pytree of
 * cotangents), so that the caller's gradient never reads through a null and the user never receives
 * one standing for zero. Each nested record on the way to a leaf is read once into a local that is
 * null when it or a record above it is ({@code var p_aBar = grad == null ? null : grad.a()}); a
 * number under a null record is zero, an array is zeros of its primal's length (and its length is
 * checked), a component without a cotangent is the primal's.
 *
 * <p>The root's own null is the caller's: an expression read directly from the root sits where the
 * root is known not to be null ({@code grad == null ? zero : new FGrad(grad.x(), ...)}), while the
 * declarations this adds come first and check the root like any record.
 */
final class NullCotangents {
  private final String root;
  private final List<String> namePrefix;
  private final Names names;
  private final CodeBlock.Builder code;
  private final String bwd;
  private final Map<List<String>, String> records = new HashMap<>();

  /**
   * Reads below {@code root}, their declarations added to {@code code}; a local is named after the
   * components it reads, after {@code namePrefix} ({@code pt_aBar}), and {@code bwd} names the backward
   * pass in length errors.
   */
  NullCotangents(String root, List<String> namePrefix, Names names, CodeBlock.Builder code, String bwd) {
    this.root = root;
    this.namePrefix = List.copyOf(namePrefix);
    this.names = names;
    this.code = code;
    this.bwd = bwd;
  }

  /**
   * The number or the array at {@code path} below the root. A number is zero when a record on the way
   * is null. An array is read into a local: zeros of {@code primal}'s length when it or a record on the
   * way is null; another length is an error naming the backward pass and {@code shown}.
   */
  String leaf(List<String> path, Type type, String primal, String shown) {
    if (!type.isArray()) {
      return orElse(path, Terms.zero(type));
    }
    String parent = record(path.subList(0, path.size() - 1));
    String local = names.fresh(name(path));
    code.addStatement("$L $L = $T.gradient($L == null ? null : $L, $L, $S, $S)", type.javaName(), local,
        RuntimeTypes.RULE_CHECKS, parent, read(parent, path), primal, bwd, shown);
    return local;
  }

  /**
   * The component at {@code path}, or {@code otherwise} when the record holding it is null: a number's
   * zero, or for a component without a cotangent (a label, a count) its primal.
   */
  String orElse(List<String> path, String otherwise) {
    String parent = record(path.subList(0, path.size() - 1));
    String read = read(parent, path);
    return parent.equals(root) ? read : parent + " == null ? " + otherwise + " : " + read;
  }

  /** The record at {@code path}: the root, or a local declared once, null when a record on the way is. */
  private String record(List<String> path) {
    if (path.isEmpty()) {
      return root;
    }
    String local = records.get(path);
    if (local == null) {
      String parent = record(path.subList(0, path.size() - 1));
      local = names.fresh(name(path));
      code.addStatement("var $L = $L == null ? null : $L", local, parent, read(parent, path));
      records.put(List.copyOf(path), local);
    }
    return local;
  }

  private static String read(String parent, List<String> path) {
    return parent + "." + path.get(path.size() - 1) + "()";
  }

  private String name(List<String> path) {
    List<String> parts = new ArrayList<>(namePrefix);
    parts.addAll(path);
    return String.join("_", parts) + "Bar";
  }
}
