package io.jgrad.examples.fuzz;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Not part of the suite: dumps the processor's output for fuzz seeds, to pin a refactor. */
class PinDumpTest {
  @Test
  void dump() throws Exception {
    Path out = Path.of(System.getProperty("pin.out"));
    long first = Long.getLong("pin.first", 1);
    int seeds = Integer.getInteger("pin.seeds", 1000);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (long seed = first; seed < first + seeds; seed++) {
      FuzzProgram program = new RandomPrograms(seed).program(DifferentialFuzzTest.PROGRAMS_PER_SEED);
      String pkg = "fz";
      String src = program.sourceWithOverflowTwins(pkg, "F");
      Path dir = out.resolve("seed" + seed);
      Files.createDirectories(dir);
      Path classes = Files.createTempDirectory("pin");
      JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///fz/F.java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignore) {
          return src;
        }
      };
      java.io.StringWriter diag = new java.io.StringWriter();
      List<String> options = new ArrayList<>(List.of("-proc:only", "-s", dir.toString(), "-d", classes.toString(),
          "-classpath", System.getProperty("java.class.path")));
      var task = javac.getTask(diag, null, d -> diag.write(d.toString() + "\n"), options, null, List.of(file));
      task.setProcessors(List.of(new io.jgrad.processor.JgradProcessor()));
      task.call();
      Files.writeString(dir.resolve("diagnostics.txt"), diag.toString());
      if (seed > 30) {
        // Keep only a digest of each file beyond the first seeds: a pin of 1000 seeds is gigabytes.
        StringBuilder digests = new StringBuilder();
        try (var files = Files.walk(dir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            digests.append(java.util.HexFormat.of().formatHex(hash)).append(' ').append(dir.relativize(f)).append('\n');
          }
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("digests.txt"), digests.toString());
      }
      deleteTree(classes);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var files = Files.walk(p)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
