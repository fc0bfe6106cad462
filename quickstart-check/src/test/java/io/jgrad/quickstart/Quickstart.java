package io.jgrad.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's Quick start as its markers delimit it: each {@code <!-- quickstart:file PATH -->}
 * followed by a fenced block (the file), and the fenced bash blocks after {@code <!-- quickstart:run -->}
 * and {@code <!-- quickstart:javac -->}.
 */
record Quickstart(Map<String, String> files, String run, String javac) {
  /** A marker, blank lines, then a fenced block: group 1 is the marker, group 2 the block's text. */
  private static final Pattern BLOCK = Pattern.compile(
      "<!-- quickstart:(file [^ ]+|run|javac) -->\\n\\s*```[a-z]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  static Quickstart read(Path readme) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> commands = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String marker = m.group(1);
      Map<String, String> into = marker.startsWith("file ") ? files : commands;
      String key = marker.startsWith("file ") ? marker.substring("file ".length()) : marker;
      if (into.put(key, m.group(2)) != null) {
        throw new IllegalStateException("two quickstart blocks for " + marker + " in " + readme);
      }
    }
    // Every marker must have been matched with its block, or a block was silently lost.
    long markers = Pattern.compile("<!-- quickstart:").matcher(text).results().count();
    if (markers != files.size() + commands.size() || !commands.containsKey("run") || !commands.containsKey("javac")
        || files.isEmpty()) {
      throw new IllegalStateException(readme + ": " + markers + " quickstart markers, but read files "
          + files.keySet() + " and commands " + commands.keySet() + " (each marker needs a fenced block next)");
    }
    return new Quickstart(Map.copyOf(files), commands.get("run"), commands.get("javac"));
  }

  /** Writes the files under {@code dir}, which is emptied first. */
  void writeTo(Path dir) throws IOException {
    Directories.recreate(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = dir.resolve(f.getKey()).normalize();
      if (!target.startsWith(dir)) {
        throw new IllegalStateException("a quickstart file outside its project: " + f.getKey());
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
