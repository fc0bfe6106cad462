/**
 * Types for jgrad's generated code and its other artifacts only (the tape, argument checks, the
 * lanes of batched kernels, the OpenCL backend's interface), as Dagger's {@code dagger.internal}:
 * not an API, and they may change without notice in any release. Call the generated
 * {@code ...Derivatives} methods and the types of {@code io.jgrad.runtime} instead.
 */
package io.jgrad.runtime.internal;
