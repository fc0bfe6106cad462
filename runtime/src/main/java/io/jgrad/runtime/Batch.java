package io.jgrad.runtime;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A batched kernel bound to its arrays and to the backend it runs on. {@code fBatch}-style methods
 * run one and close it; their {@code ...Session} twins return it so that repeated launches keep
 * unchanged inputs on the OpenCL device (Aparapi's explicit mode): call {@link #changed} for the
 * inputs you modified, then {@link #run()}.
 */
public final class Batch implements AutoCloseable {
  /** Below this many lanes AUTO stays on the calling thread: splitting costs more than it saves. */
  static final int PARALLEL_THRESHOLD = 4096;
  /** Lanes per OpenCL work-group; the global range is padded to a multiple and kernels skip the padding. */
  static final int WORK_GROUP = 64;
  /** OpenCL launches are serialized: Aparapi's runners share native state per device. */
  private static final Object OPENCL_LOCK = new Object();

  private final String name;
  private final Kernel kernel;
  private final Lanes lanes;
  private final int size;
  private final Backend backend;
  private final Object[] inputs;
  private final Object[] outputs;
  private final Set<Object> changed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final OpenCLDevice device;
  private boolean closed;
  private boolean executed;
  private int copiesToDevice;

  private Batch(String name, Kernel kernel, Lanes lanes, int size, Backend backend, OpenCLDevice device,
      Object[] inputs, Object[] outputs) {
    this.name = name;
    this.kernel = kernel;
    this.lanes = lanes;
    this.size = size;
    this.backend = backend;
    this.device = device;
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
    Collections.addAll(changed, inputs);
  }

  /**
   * Binds a generated kernel to {@code requested}; {@code inputs} and {@code outputs} are its lane
   * arrays ({@code double[]} or {@code float[]}). Throws {@link BackendUnavailableException} when the
   * backend cannot run it.
   */
  public static <K extends Kernel & Lanes> Batch prepare(String name, K kernel, int size, Backend requested,
      Object[] inputs, Object[] outputs) {
    if (requested == null) {
      throw new IllegalArgumentException("backend is null; use Backend.AUTO to let jgrad choose");
    }
    Backend chosen = requested;
    OpenCLDevice device = null;
    if (requested == Backend.OPENCL) {
      device = compileOrThrow(name, kernel);
    } else if (requested == Backend.AUTO) {
      OpenClDevices devices = OpenClDevices.get();
      if (devices.isGpu() && compiles(kernel, devices.device())) {
        chosen = Backend.OPENCL;
        device = devices.device();
      } else {
        chosen = size >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1
            ? Backend.THREADS : Backend.JAVA;
      }
    }
    if (device != null) {
      kernel.setExplicit(true);
    }
    return new Batch(name, kernel, kernel, size, chosen, device, inputs, outputs);
  }

  /**
   * Binds lanes that only the CPU can run (they call Java code that has no OpenCL translation) to
   * {@code requested}: OPENCL throws {@link BackendUnavailableException} with {@code whyNotOpenCl},
   * AUTO chooses between THREADS and JAVA.
   */
  public static Batch prepareOnCpu(String name, Lanes lanes, int size, Backend requested, String whyNotOpenCl,
      Object[] inputs, Object[] outputs) {
    if (requested == null) {
      throw new IllegalArgumentException("backend is null; use Backend.AUTO to let jgrad choose");
    }
    if (requested == Backend.OPENCL) {
      throw new BackendUnavailableException(Backend.OPENCL, name + " runs on the CPU only: " + whyNotOpenCl, null);
    }
    Backend chosen = requested != Backend.AUTO ? requested
        : size >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1 ? Backend.THREADS : Backend.JAVA;
    return new Batch(name, null, lanes, size, chosen, null, inputs, outputs);
  }

  /** Runs {@code kernel} once on {@code requested} and returns the backend that ran it. */
  public static <K extends Kernel & Lanes> Backend runOnce(String name, K kernel, int size, Backend requested,
      Object[] inputs, Object[] outputs) {
    try (Batch batch = prepare(name, kernel, size, requested, inputs, outputs)) {
      batch.run();
      return batch.backend();
    }
  }

  /** Whether an OpenCL device was found for {@link Backend#OPENCL}. */
  public static boolean openClAvailable() {
    return OpenClDevices.get().device() != null;
  }

  /** The OpenCL device kernels would run on, described, or why there is none. */
  public static String openClStatus() {
    OpenClDevices devices = OpenClDevices.get();
    return devices.device() == null ? devices.reason() : OpenClDevices.describe(devices.device());
  }

  /** The backend this batch runs on (what AUTO chose). */
  public Backend backend() {
    return backend;
  }

  /** The OpenCL device this batch runs on, described, or the CPU backend's name. */
  public String device() {
    return device == null ? backend.name() : OpenClDevices.describe(device);
  }

  /** The number of lanes. */
  public int size() {
    return size;
  }

  /** How many input arrays OPENCL has copied to the device so far (each input once, then each {@link #changed}). */
  public int copiesToDevice() {
    return copiesToDevice;
  }

  /**
   * Marks an input array as modified since the last run, so OPENCL copies it again. An input
   * modified but not marked keeps its old value on a GPU (an OpenCL CPU device may share host memory
   * and see it anyway).
   */
  public Batch changed(Object input) {
    for (Object in : inputs) {
      if (in == input) {
        changed.add(in);
        return this;
      }
    }
    throw new IllegalArgumentException("changed(...) takes one of the input arrays of " + name);
  }

  /** Runs every lane, and on OPENCL copies the outputs back; returns this batch. */
  public Batch run() {
    if (closed) {
      throw new IllegalStateException(name + " batch is closed");
    }
    switch (backend) {
      case JAVA -> {
        for (int i = 0; i < size; i++) {
          lanes.lane(i);
        }
      }
      case THREADS -> runOnThreads();
      default -> runOnDevice();
    }
    return this;
  }

  private void runOnThreads() {
    int chunks = Math.min(size, 8 * Runtime.getRuntime().availableProcessors());
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = (int) ((long) size * c / chunks);
      int to = (int) ((long) size * (c + 1) / chunks);
      for (int i = from; i < to; i++) {
        lanes.lane(i);
      }
    });
  }

  private void runOnDevice() {
    if (size == 0) {
      return; // OpenCL has no zero-length buffers, and there is nothing to compute
    }
    synchronized (OPENCL_LOCK) {
      for (Object in : inputs) {
        if (changed.contains(in)) {
          put(in);
          copiesToDevice++;
        }
      }
      changed.clear();
      int padded = (size + WORK_GROUP - 1) / WORK_GROUP * WORK_GROUP;
      kernel.execute(Range.create(device, padded, WORK_GROUP));
      executed = true;
      if (!kernel.isRunningCL()) {
        throw new BackendUnavailableException(Backend.OPENCL, name + " fell back to "
            + kernel.getExecutionMode() + " instead of running on " + device(), null);
      }
      for (Object out : outputs) {
        get(out);
      }
    }
  }

  private void put(Object array) {
    if (array instanceof double[] d) {
      kernel.put(d);
    } else {
      kernel.put((float[]) array);
    }
  }

  private void get(Object array) {
    if (array instanceof double[] d) {
      kernel.get(d);
    } else {
      kernel.get((float[]) array);
    }
  }

  /** Releases the kernel's OpenCL resources; a closed batch cannot run. */
  @Override
  public void close() {
    // Aparapi's native dispose crashes the JVM on a kernel that was compiled but never executed.
    if (!closed && device != null && executed) {
      synchronized (OPENCL_LOCK) {
        kernel.dispose();
      }
    }
    closed = true;
  }

  private static OpenCLDevice compileOrThrow(String name, Kernel kernel) {
    OpenClDevices devices = OpenClDevices.get();
    if (devices.device() == null) {
      throw new BackendUnavailableException(Backend.OPENCL, devices.reason(), null);
    }
    try {
      compile(kernel, devices.device());
    } catch (CompileFailedException e) {
      throw new BackendUnavailableException(Backend.OPENCL, name + " does not compile for "
          + OpenClDevices.describe(devices.device()) + ": " + e.getMessage() + " (Aparapi could not translate"
          + " the kernel: it reads bytecode with local variable tables, so compile with -g, as Maven and Gradle"
          + " do by default; or the device lacks what it needs, such as cl_khr_fp64 for double)", e);
    }
    return devices.device();
  }

  /**
   * Compiles {@code kernel} for {@code device} alone. Aparapi remembers a failure per kernel class
   * and silently moves that class to Java threads for the rest of the JVM's life; naming the device
   * alone for every kernel we run resets that, and a failure surfaces as an exception instead of a
   * fallback.
   */
  private static void compile(Kernel kernel, OpenCLDevice device) throws CompileFailedException {
    synchronized (OPENCL_LOCK) {
      // before Aparapi's first class lookup: it reads the constant pool as BCEL 6.5.0 answered it
      LenientBcelRepository.install();
      KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
      kernel.compile(device);
    }
  }

  private static boolean compiles(Kernel kernel, OpenCLDevice device) {
    try {
      compile(kernel, device);
      return true;
    } catch (CompileFailedException e) {
      return false;
    }
  }
}
