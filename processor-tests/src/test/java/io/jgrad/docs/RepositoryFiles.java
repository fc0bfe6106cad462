package io.jgrad.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's root and its user-facing markdown files, found from the module's directory. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository root: the parent of this module (surefire runs in the module's directory). */
  public static Path root() {
    String basedir = System.getProperty("basedir");
    Path module = basedir != null ? Paths.get(basedir) : Paths.get("").toAbsolutePath();
    Path root = module.toAbsolutePath().getParent();
    if (root == null || !Files.isRegularFile(root.resolve("README.md")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("no repository root with README.md and pom.xml above " + module);
    }
    return root;
  }

  /** README.md, CONTRIBUTING.md, CHANGELOG.md and every markdown file under docs/, sorted. */
  public static List<Path> markdown(Path root) {
    List<Path> files = new ArrayList<>();
    for (String top : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
      if (Files.isRegularFile(root.resolve(top))) {
        files.add(root.resolve(top));
      }
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> walk = Files.walk(docs)) {
        walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
