package io.jgrad.processor.transform;

import java.util.Set;

/**
 * Names a kernel's locals must not take: OpenCL C's built-in functions, types and keywords. Aparapi
 * keeps Java local names, so a temporary called {@code atan2} would hide the function it calls.
 */
final class OpenClNames {
  private OpenClNames() {}

  private static final Set<String> RESERVED = Set.of(
      // math built-ins (OpenCL C 1.2, 6.12.2) and the common and geometric ones
      "acos", "acosh", "acospi", "asin", "asinh", "asinpi", "atan", "atan2", "atanh", "atanpi", "atan2pi",
      "cbrt", "ceil", "copysign", "cos", "cosh", "cospi", "erfc", "erf", "exp", "exp2", "exp10", "expm1",
      "fabs", "fdim", "floor", "fma", "fmax", "fmin", "fmod", "fract", "frexp", "hypot", "ilogb", "ldexp",
      "lgamma", "lgamma_r", "log", "log2", "log10", "log1p", "logb", "mad", "maxmag", "minmag", "modf", "nan",
      "nextafter", "pow", "pown", "powr", "remainder", "remquo", "rint", "rootn", "round", "rsqrt", "sin",
      "sincos", "sinh", "sinpi", "sqrt", "tan", "tanh", "tanpi", "tgamma", "trunc", "abs", "abs_diff",
      "add_sat", "clamp", "degrees", "max", "min", "mix", "radians", "step", "smoothstep", "sign", "cross",
      "dot", "distance", "length", "normalize", "select", "any", "all", "isnan", "isinf", "isfinite",
      "isnormal", "signbit", "bitselect", "mul24", "mad24", "rotate", "popcount", "clz", "get_global_id",
      "get_local_id", "get_group_id", "get_global_size", "get_local_size", "barrier",
      // types and keywords
      "bool", "char", "uchar", "short", "ushort", "uint", "ulong", "half", "size_t", "ptrdiff_t",
      "intptr_t", "uintptr_t", "void", "kernel", "global", "local", "constant", "private", "read_only",
      "write_only", "read_write", "restrict", "inline", "auto", "register", "signed", "unsigned", "struct",
      "union", "enum", "typedef", "sizeof", "volatile", "extern", "image2d_t", "image3d_t", "sampler_t",
      "event_t");

  /** Whether a local named {@code name} would clash in OpenCL C. */
  static boolean isReserved(String name) {
    return RESERVED.contains(name) || name.startsWith("get_") || name.startsWith("__");
  }
}
