package io.jgrad.processor.transform;

/** What a transform could not differentiate, for a {@code [jgrad.NotDifferentiated]} error at the function. */
public final class TransformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransformException(String message) {
    super(message);
  }
}
