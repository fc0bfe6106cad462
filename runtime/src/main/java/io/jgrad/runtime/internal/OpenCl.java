package io.jgrad.runtime.internal;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the OpenCL backend once: the first {@link OpenClBackend} that {@link ServiceLoader} finds next
 * to the core runtime, or the reason there is none.
 */
public final class OpenCl {
  /** The artifact that brings the backend, for messages. */
  public static final String ARTIFACT = "io.jgrad:jgrad-opencl";

  private static final OpenCl INSTANCE = find();

  private final OpenClBackend backend;
  private final String missing;

  private OpenCl(OpenClBackend backend, String missing) {
    this.backend = backend;
    this.missing = missing;
  }

  /** The backend, or null when {@link #ARTIFACT} is not on the class path. */
  public static OpenClBackend backend() {
    return INSTANCE.backend;
  }

  /** Why there is no backend (null when there is one). */
  public static String missing() {
    return INSTANCE.missing;
  }

  private static OpenCl find() {
    // The runtime's own loader, not the context loader: a backend from another loader would
    // implement another copy of OpenClBackend.
    try {
      Iterator<OpenClBackend> found =
          ServiceLoader.load(OpenClBackend.class, OpenClBackend.class.getClassLoader()).iterator();
      if (found.hasNext()) {
        return new OpenCl(found.next(), null);
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // jgrad-opencl without Aparapi (an excluded dependency) fails here.
      return new OpenCl(null, "the OpenCL backend could not be loaded (" + e + "); " + ARTIFACT
          + " needs com.aparapi:aparapi on the class path");
    }
    return new OpenCl(null, "the OpenCL backend is a separate artifact: add " + ARTIFACT
        + " as a dependency (and have it on the class path when compiling, so @Batched kernels are"
        + " generated for OpenCL)");
  }
}
