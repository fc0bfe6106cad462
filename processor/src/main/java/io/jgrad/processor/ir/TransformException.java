package io.jgrad.processor.ir;

/**
 * What went wrong while transforming (what could not be linearized), for a diagnostic at the
 * function. It lives with the IR because the transforms throw it and the processor's entry reports
 * it.
 */
public final class TransformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransformException(String message) {
    super(message);
  }
}
