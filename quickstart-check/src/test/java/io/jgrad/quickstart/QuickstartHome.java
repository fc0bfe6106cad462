package io.jgrad.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user home the Quick start's commands run in, standing for a user's: its {@code .m2/repository}
 * holds the jgrad artifacts of this build (put there by invoker:install), so the README's
 * {@code $HOME/.m2/repository/...} paths and its plain {@code mvn} find them without touching the
 * real local repository. Its {@code .m2/settings.xml} lets Maven fetch what else it needs (plugins)
 * from the outer build's local repository first, then from Maven Central, or offline when the outer
 * build is offline.
 */
record QuickstartHome(Path dir, boolean offline, Path outerRepository) {
  static QuickstartHome fromSystemProperties() {
    return new QuickstartHome(Path.of(required("jgrad.quickstart.home")),
        required("jgrad.quickstart.offline").equals("offline=true"),
        Path.of(required("jgrad.quickstart.outerRepository")));
  }

  Path repository() {
    return dir.resolve(".m2/repository");
  }

  /** Writes {@code .m2/settings.xml}; the repository must already hold this build's artifacts. */
  void writeSettings() throws IOException {
    if (!Files.isDirectory(repository().resolve("io/jgrad/jgrad-runtime"))) {
      throw new IllegalStateException(repository() + " has no jgrad-runtime: invoker:install did not run"
          + " (run the integration-test phase, e.g. mvn verify)");
    }
    String outer = outerRepository.toUri().toString();
    // The outer repository serves releases only: jgrad's snapshots must come from this build.
    String repo = """
              <id>outer-local-repository</id>
              <url>%s</url>
              <releases><enabled>true</enabled></releases>
              <snapshots><enabled>false</enabled></snapshots>
        """.formatted(outer);
    String settings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- written by jgrad's quickstart-check -->
        <settings>
          <offline>%s</offline>
          <profiles>
            <profile>
              <id>outer-local-repository</id>
              <repositories>
                <repository>
        %s        </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
        %s        </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>outer-local-repository</activeProfile>
          </activeProfiles>
        </settings>
        """.formatted(offline, repo, repo);
    Files.writeString(dir.resolve(".m2/settings.xml"), settings, StandardCharsets.UTF_8);
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException("system property " + name + " is not set: run this test through Maven");
    }
    return value;
  }
}
