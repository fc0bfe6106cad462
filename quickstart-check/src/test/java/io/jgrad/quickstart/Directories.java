package io.jgrad.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Emptying the scratch folders a rerun (without {@code mvn clean}) would otherwise find full. */
final class Directories {
  private Directories() {}

  /** Deletes {@code dir} with everything in it, then creates it empty. */
  static void recreate(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
