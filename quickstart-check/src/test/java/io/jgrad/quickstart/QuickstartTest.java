package io.jgrad.quickstart;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's Quick start, taken from between its markers, written to target/quickstart as a separate
 * project and run as the README says: once with Maven (its {@code run} block: Maven's default plugin
 * versions, only what the README's pom names is pinned), once with plain javac (its {@code javac}
 * block), each against the jgrad artifacts of this build. Each checks the printed values.
 */
class QuickstartTest {
  private static Quickstart quickstart;
  private static QuickstartHome home;
  private static Path dir;

  @BeforeAll
  static void readReadme() throws IOException {
    quickstart = Quickstart.read(Path.of(System.getProperty("jgrad.readme")));
    home = QuickstartHome.fromSystemProperties();
    home.writeSettings();
    dir = Path.of(System.getProperty("jgrad.quickstart.dir"));
  }

  @Test
  void theMavenBuildRunsAndPrintsTheDerivatives() throws Exception {
    Path project = dir.resolve("maven");
    quickstart.writeTo(project);
    PrintedValues.check(BashBlock.run(quickstart.run(), project, home));
  }

  @Test
  void plainJavacWithTheProcessorJarRunsAndPrintsTheDerivatives() throws Exception {
    Path project = dir.resolve("javac");
    quickstart.writeTo(project);
    PrintedValues.check(BashBlock.run(quickstart.javac(), project, home));
  }
}
