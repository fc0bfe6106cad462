package io.jgrad.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes a compile-testing compilation wrote, so tests can run the code it generated. */
public final class CompiledClasses {
  private CompiledClasses() {}

  /** A loader of {@code c}'s class files, which also serves their bytes as resources. */
  public static ClassLoader loader(Compilation c) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : c.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.getName().replaceFirst("^/CLASS_OUTPUT/", "").replace(".class", "").replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        }
      }
    }
    return new ClassLoader(CompiledClasses.class.getClassLoader()) {
      // Aparapi reads a kernel's bytecode as a resource to translate it to OpenCL.
      @Override
      public InputStream getResourceAsStream(String resource) {
        byte[] bytes = classes.get(resource.replace(".class", "").replace('/', '.'));
        return bytes != null ? new java.io.ByteArrayInputStream(bytes) : super.getResourceAsStream(resource);
      }

      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
