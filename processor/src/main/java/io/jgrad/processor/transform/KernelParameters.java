package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;

/** Which parameters a kernel takes: scalars per lane, primitives shared between lanes, no OpenCL C names. */
final class KernelParameters {
  private KernelParameters() {}

  /** Throws {@link NotBatchable} at the first parameter of {@code sig} that a kernel cannot take. */
  static void check(Callee sig) {
    for (Callee.Param p : sig.params()) {
      if (OpenClNames.isReserved(p.name())) {
        throw new NotBatchable("parameter " + p.name() + " has the name of an OpenCL C built-in, which the kernel"
            + " would hide; hint: rename it");
      }
      if (p.differentiated() && !p.type().isScalar()) {
        throw new NotBatchable("parameter " + p.name() + " is an array: a kernel takes one scalar per lane;"
            + " hint: mark it @NonDiff or leave it out of wrt to share it between lanes");
      }
      if (p.javaType() != null && TypeMapper.NARROW_INTS.contains(p.javaType())) {
        // The kernel's fields are int; the CPU lanes would hand them back to the user's method.
        throw new NotBatchable("parameter " + p.name() + " is a " + p.javaType() + ", which kernels do not take"
            + " yet; hint: declare it int");
      }
      if (!p.differentiated() && !p.type().isScalar() && p.type() != Type.INT && p.type() != Type.LONG
          && p.type() != Type.BOOLEAN) {
        // a reference parameter (String, enum, interface) is Type.OBJECT: name the type the user wrote
        String shown = p.javaType() == null ? p.type().javaName()
            : p.javaType().substring(p.javaType().lastIndexOf('.') + 1);
        throw new NotBatchable("parameter " + p.name() + " of type " + shown
            + " cannot be passed to a kernel: shared parameters must be primitives; hint: pass what the"
            + " kernel needs as an int, long, boolean or double (an enum's ordinal(), say)");
      }
    }
  }
}
