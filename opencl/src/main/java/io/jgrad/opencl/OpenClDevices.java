package io.jgrad.opencl;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL device kernels run on: the first GPU, else the first accelerator, else the first
 * OpenCL CPU device (PoCL). Looked up once; when there is none, {@link #reason()} says why.
 */
final class OpenClDevices {
  private static final java.util.logging.Logger APARAPI_LOG =
      java.util.logging.Logger.getLogger(com.aparapi.Config.getLoggerName());
  private static final OpenClDevices INSTANCE = probe();

  private final OpenCLDevice device;
  private final String reason;

  private OpenClDevices(OpenCLDevice device, String reason) {
    this.device = device;
    this.reason = reason;
  }

  static OpenClDevices get() {
    return INSTANCE;
  }

  /** The chosen device, or null when there is none. */
  OpenCLDevice device() {
    return device;
  }

  /** Why there is no device (null when there is one). */
  String reason() {
    return reason;
  }

  boolean isGpu() {
    return device != null && device.getType() == Device.TYPE.GPU;
  }

  private static OpenClDevices probe() {
    // Aparapi's class reader warns about every nested kernel class's NestHost attribute (Java 11+),
    // which is harmless to its translation; its other warnings (fallbacks) jgrad turns into
    // exceptions. A level the user chose with -Dcom.aparapi.logLevel is kept.
    if (System.getProperty("com.aparapi.logLevel") == null) {
      APARAPI_LOG.setLevel(java.util.logging.Level.SEVERE);
    }
    List<OpenCLDevice> found = new ArrayList<>();
    try {
      for (Device.TYPE type : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
        found.addAll(OpenCLDevice.listDevices(type));
      }
    } catch (LinkageError | RuntimeException e) {
      // No OpenCL ICD loader (libOpenCL.so) or no Aparapi native library for this platform.
      return new OpenClDevices(null, "OpenCL could not be loaded (" + e + "); install an OpenCL driver,"
          + " e.g. apt-get install pocl-opencl-icd ocl-icd-libopencl1");
    }
    if (found.isEmpty()) {
      return new OpenClDevices(null, "no OpenCL platform or device found; install an OpenCL driver,"
          + " e.g. apt-get install pocl-opencl-icd ocl-icd-libopencl1");
    }
    return new OpenClDevices(found.get(0), null);
  }

  /** A one-line description of the device: its name, type and vendor's platform. */
  static String describe(OpenCLDevice d) {
    return d.getName().trim() + " (" + d.getType() + ", " + d.getOpenCLPlatform().getName().trim() + ")";
  }
}
