package io.jgrad.opencl;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.BackendUnavailableException;
import io.jgrad.runtime.internal.DeviceLanes;
import io.jgrad.runtime.internal.Lanes;
import io.jgrad.runtime.internal.OpenClBackend;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The OpenCL backend through Aparapi, found by the core runtime's {@link java.util.ServiceLoader}.
 * It runs lanes that are Aparapi kernels: the processor generates them so where
 * {@code com.aparapi.Kernel} is on the compile class path.
 */
public final class AparapiBackend implements OpenClBackend {
  /** OpenCL compiles and launches are serialized: Aparapi's runners share native state per device. */
  static final Object LOCK = new Object();

  /** For {@link java.util.ServiceLoader}; devices are looked up on first use. */
  public AparapiBackend() {}

  @Override
  public String device() {
    OpenCLDevice d = OpenClDevices.get().device();
    return d == null ? null : OpenClDevices.describe(d);
  }

  @Override
  public String reason() {
    return OpenClDevices.get().reason();
  }

  @Override
  public boolean gpu() {
    return OpenClDevices.get().isGpu();
  }

  @Override
  public DeviceLanes compile(String name, Lanes lanes) {
    if (!(lanes instanceof Kernel kernel)) {
      throw new BackendUnavailableException(Backend.OPENCL, name + " has no OpenCL kernel: it was generated"
          + " without com.aparapi.Kernel on the compile class path; add io.jgrad:jgrad-opencl to the"
          + " dependencies of the module that declares it and recompile", null);
    }
    OpenClDevices devices = OpenClDevices.get();
    OpenCLDevice device = devices.device();
    if (device == null) {
      throw new BackendUnavailableException(Backend.OPENCL, devices.reason(), null);
    }
    try {
      compile(kernel, device);
    } catch (CompileFailedException e) {
      throw new BackendUnavailableException(Backend.OPENCL, name + " does not compile for "
          + OpenClDevices.describe(device) + ": " + e.getMessage() + " (Aparapi could not translate"
          + " the kernel, or the device lacks what it needs, such as cl_khr_fp64 for double)", e);
    }
    kernel.setExplicit(true);
    return new AparapiLanes(name, kernel, device);
  }

  /**
   * Compiles {@code kernel} for {@code device} alone. Aparapi remembers a failure per kernel class
   * and silently moves that class to Java threads for the rest of the JVM's life; naming the device
   * alone for every kernel we run resets that, and a failure surfaces as an exception instead of a
   * fallback.
   */
  private static void compile(Kernel kernel, OpenCLDevice device) throws CompileFailedException {
    synchronized (LOCK) {
      // before Aparapi's first class lookup: it reads the constant pool as BCEL 6.5.0 answered it
      LenientBcelRepository.install();
      KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
      kernel.compile(device);
    }
  }
}
