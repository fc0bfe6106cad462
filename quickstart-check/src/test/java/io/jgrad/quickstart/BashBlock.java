package io.jgrad.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the README's bash blocks as written, in the Quick start's folder, under bash -e. The
 * only changes are to the environment: {@code HOME} (and Maven's {@code user.home}) is the
 * {@link QuickstartHome}, {@code java}, {@code javac} and {@code mvn} are this build's JDK and Maven.
 */
final class BashBlock {
  private BashBlock() {}

  /** Long enough for a first build on a fresh machine that downloads Maven's plugins. */
  private static final long TIMEOUT_MINUTES = 15;

  /** The block's standard output and error, together; fails with them when a command fails. */
  static String run(String block, Path projectDir, QuickstartHome home) throws IOException, InterruptedException {
    // An empty .mvn marks the project's root, so Maven does not take up a .mvn of the jgrad checkout above it.
    Files.createDirectories(projectDir.resolve(".mvn"));
    Path log = projectDir.resolve("block-output.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", block).directory(projectDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    String javaHome = System.getProperty("java.home");
    String mavenHome = System.getProperty("jgrad.quickstart.mavenHome");
    env.put("HOME", home.dir().toString());
    env.put("JAVA_HOME", javaHome);
    env.put("PATH", javaHome + "/bin:" + mavenHome + "/bin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    // Maven reads its settings and repository from user.home, which Java takes from the password file, not HOME.
    String opts = env.getOrDefault("MAVEN_OPTS", "") + " -Duser.home=" + home.dir();
    if (home.offline()) {
      // Offline, Maven refuses every remote repository, the outer local one (file:) included, unless told.
      opts += " -Daether.offline.protocols=file";
    }
    env.put("MAVEN_OPTS", opts.trim());
    env.put("MAVEN_SKIP_RC", "true");
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the block ran over " + TIMEOUT_MINUTES + " minutes:\n" + block + "\n" + read(log));
    }
    String output = read(log);
    if (p.exitValue() != 0) {
      throw new AssertionError("the block failed (exit " + p.exitValue() + ") in " + projectDir + ":\n" + block
          + "\n--- its output:\n" + output);
    }
    return output;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
