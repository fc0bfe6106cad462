package io.jgrad.architecture;

import static com.google.common.truth.Truth.assertWithMessage;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jgrad.processor.JgradProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The processor's layers, read from its bytecode (so fully qualified names count as much as
 * imports): {@code ir} depends on nothing (its primitives included), {@code rules} (the primitives'
 * derivative rules) on {@code ir}; {@code emit} prints and depends on {@code ir} and {@code rules} only;
 * {@code transform} on {@code ir} and {@code rules}; {@code check} and {@code parse} (reading) on
 * {@code ir} and {@code diag}, the diagnostics channel ({@code Report}, {@code Codes}), which
 * depends on no other layer: reading and checking report errors, transforms and printing after the gate do not; nothing
 * below the processor's entry depends on {@code emit}. Today's violations are frozen in
 * {@code architecture/layer-violations.txt}, a list that may only shrink: a new violation fails, and
 * so does a listed one that is gone, until its line is removed.
 */
class LayersTest {
  private static final String ROOT = "io.jgrad.processor";

  /** What each layer may use besides itself; the root package (the processor's entry) may use all. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "ir", Set.of(),
      "rules", Set.of("ir"),
      "diag", Set.of(),
      "parse", Set.of("ir", "diag"),
      "check", Set.of("ir", "diag"),
      "transform", Set.of("ir", "rules"),
      "emit", Set.of("ir", "rules"));

  @Test
  void layersDependOnlyDownwardsBeyondTheFrozenList() throws Exception {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(Set.of(com.tngtech.archunit.core.importer.Location.of(
            JgradProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
    Set<String> actual = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = layer(c);
      if (from == null || !ALLOWED.containsKey(from)) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = layer(d.getTargetClass());
        if (to != null && !to.equals(from) && !ALLOWED.get(from).contains(to)) {
          actual.add(topLevel(c) + " -> " + topLevel(d.getTargetClass()));
        }
      }
    }
    Set<String> frozen = frozen();
    Set<String> added = new TreeSet<>(actual);
    added.removeAll(frozen);
    Set<String> gone = new TreeSet<>(frozen);
    gone.removeAll(actual);
    assertWithMessage("new dependencies against the layers (fix them; the frozen list only shrinks)")
        .that(added).isEmpty();
    assertWithMessage("violations fixed: remove these lines from architecture/layer-violations.txt")
        .that(gone).isEmpty();
  }

  /** The layer of a processor class ("" for the root package), or null outside the processor. */
  private static String layer(JavaClass c) {
    String pkg = c.getPackageName();
    if (pkg.equals(ROOT)) {
      return "";
    }
    return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1).split("\\.")[0] : null;
  }

  private static String topLevel(JavaClass c) {
    String name = c.getName().substring(ROOT.length() + 1);
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static Set<String> frozen() throws IOException {
    try (InputStream in = LayersTest.class.getResourceAsStream("/architecture/layer-violations.txt")) {
      Set<String> out = new TreeSet<>();
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    }
  }
}
