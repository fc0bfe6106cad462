package io.jgrad.runtime;

import io.jgrad.runtime.internal.DeviceLanes;
import io.jgrad.runtime.internal.Lanes;
import io.jgrad.runtime.internal.OpenCl;
import io.jgrad.runtime.internal.OpenClBackend;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A batched kernel bound to its arrays and to the backend it runs on. {@code fBatch}-style methods
 * run one and close it; their {@code ...Session} twins return it so that repeated launches keep
 * unchanged inputs on the OpenCL device: call {@link #changed} for the inputs you modified, then
 * {@link #run()}. JAVA and THREADS need nothing but this runtime; OPENCL needs the
 * {@code jgrad-opencl} artifact, at compile time (for the kernels) and at run time.
 */
public final class Batch implements AutoCloseable {
  /** Below this many lanes AUTO stays on the calling thread: splitting costs more than it saves. */
  static final int PARALLEL_THRESHOLD = 4096;

  private final String name;
  private final Lanes lanes;
  private final int size;
  private final Backend backend;
  private final Object[] inputs;
  private final Object[] outputs;
  private final Set<Object> changed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final DeviceLanes device;
  private boolean closed;
  private boolean executed;
  private int copiesToDevice;

  private Batch(String name, Lanes lanes, int size, Backend backend, DeviceLanes device, Object[] inputs,
      Object[] outputs) {
    this.name = name;
    this.lanes = lanes;
    this.size = size;
    this.backend = backend;
    this.device = device;
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
    Collections.addAll(changed, inputs);
  }

  /**
   * Binds generated lanes to {@code requested}; {@code inputs} are the arrays it reads (lane arrays and
   * tables), {@code outputs} those it writes ({@code double[]} or {@code float[]}). Throws {@link BackendUnavailableException} when the
   * backend cannot run it: OPENCL without {@code jgrad-opencl}, or for lanes generated without it.
   * AUTO chooses OPENCL only where an OpenCL GPU runs the lanes, else THREADS or JAVA by size.
   */
  public static Batch prepare(String name, Lanes lanes, int size, Backend requested, Object[] inputs,
      Object[] outputs) {
    if (requested == null) {
      throw new IllegalArgumentException("backend is null; use Backend.AUTO to let jgrad choose");
    }
    Backend chosen = requested;
    DeviceLanes device = null;
    if (requested == Backend.OPENCL) {
      OpenClBackend openCl = OpenCl.backend();
      if (openCl == null) {
        throw new BackendUnavailableException(Backend.OPENCL, OpenCl.missing(), null);
      }
      device = openCl.compile(name, lanes);
    } else if (requested == Backend.AUTO) {
      device = onGpu(name, lanes);
      chosen = device != null ? Backend.OPENCL : onCpu(size);
    }
    return new Batch(name, lanes, size, chosen, device, inputs, outputs);
  }

  /** The lanes compiled for an OpenCL GPU, or null where there is none or it cannot run them. */
  private static DeviceLanes onGpu(String name, Lanes lanes) {
    OpenClBackend openCl = OpenCl.backend();
    if (openCl == null || !openCl.gpu()) {
      return null;
    }
    try {
      return openCl.compile(name, lanes);
    } catch (BackendUnavailableException e) {
      return null;
    }
  }

  private static Backend onCpu(int size) {
    return size >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1
        ? Backend.THREADS : Backend.JAVA;
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
    Backend chosen = requested != Backend.AUTO ? requested : onCpu(size);
    return new Batch(name, lanes, size, chosen, null, inputs, outputs);
  }

  /** Runs {@code lanes} once on {@code requested} and returns the backend that ran it. */
  public static Backend runOnce(String name, Lanes lanes, int size, Backend requested, Object[] inputs,
      Object[] outputs) {
    try (Batch batch = prepare(name, lanes, size, requested, inputs, outputs)) {
      batch.run();
      return batch.backend();
    }
  }

  /** Whether {@code jgrad-opencl} is on the class path and found an OpenCL device for {@link Backend#OPENCL}. */
  public static boolean openClAvailable() {
    OpenClBackend openCl = OpenCl.backend();
    return openCl != null && openCl.device() != null;
  }

  /** The OpenCL device kernels would run on, described, or why there is none. */
  public static String openClStatus() {
    OpenClBackend openCl = OpenCl.backend();
    if (openCl == null) {
      return OpenCl.missing();
    }
    return openCl.device() != null ? openCl.device() : openCl.reason();
  }

  /** The backend this batch runs on (what AUTO chose). */
  public Backend backend() {
    return backend;
  }

  /** The OpenCL device this batch runs on, described, or the CPU backend's name. */
  public String device() {
    return device == null ? backend.name() : device.device();
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
    device.run(size, changed, outputs);
    copiesToDevice += changed.size();
    changed.clear();
    executed = true;
  }

  /** Releases the kernel's OpenCL resources; a closed batch cannot run. */
  @Override
  public void close() {
    // Aparapi's native dispose crashes the JVM on a kernel that was compiled but never executed.
    if (!closed && device != null && executed) {
      device.dispose();
    }
    closed = true;
  }
}
