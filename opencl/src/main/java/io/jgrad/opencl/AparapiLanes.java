package io.jgrad.opencl;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import io.jgrad.runtime.Backend;
import io.jgrad.runtime.BackendUnavailableException;
import io.jgrad.runtime.internal.DeviceLanes;

/** A kernel compiled for one device, in Aparapi's explicit mode: buffers move only when asked. */
final class AparapiLanes implements DeviceLanes {
  /** Lanes per OpenCL work-group; the global range is padded to a multiple and kernels skip the padding. */
  static final int WORK_GROUP = 64;

  private final String name;
  private final Kernel kernel;
  private final OpenCLDevice device;

  AparapiLanes(String name, Kernel kernel, OpenCLDevice device) {
    this.name = name;
    this.kernel = kernel;
    this.device = device;
  }

  @Override
  public String device() {
    return OpenClDevices.describe(device);
  }

  @Override
  public void run(int size, Iterable<Object> changedInputs, Object[] outputs) {
    synchronized (AparapiBackend.LOCK) {
      for (Object in : changedInputs) {
        if (in instanceof double[] d) {
          kernel.put(d);
        } else if (in instanceof int[] ints) {
          kernel.put(ints);
        } else if (in instanceof long[] longs) {
          kernel.put(longs);
        } else if (in instanceof boolean[] booleans) {
          kernel.put(booleans);
        } else {
          kernel.put((float[]) in);
        }
      }
      int padded = (size + WORK_GROUP - 1) / WORK_GROUP * WORK_GROUP;
      kernel.execute(Range.create(device, padded, WORK_GROUP));
      if (!kernel.isRunningCL()) {
        throw new BackendUnavailableException(Backend.OPENCL, name + " fell back to "
            + kernel.getExecutionMode() + " instead of running on " + device(), null);
      }
      for (Object out : outputs) {
        // The leaves of a record result may be int, long or boolean.
        if (out instanceof double[] d) {
          kernel.get(d);
        } else if (out instanceof int[] ints) {
          kernel.get(ints);
        } else if (out instanceof long[] longs) {
          kernel.get(longs);
        } else if (out instanceof boolean[] booleans) {
          kernel.get(booleans);
        } else {
          kernel.get((float[]) out);
        }
      }
    }
  }

  @Override
  public void dispose() {
    synchronized (AparapiBackend.LOCK) {
      kernel.dispose();
    }
  }
}
