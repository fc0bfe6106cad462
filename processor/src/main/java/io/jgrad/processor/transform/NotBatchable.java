package io.jgrad.processor.transform;

/**
 * A function that cannot become a kernel, or whose reverse mode cannot be written as code for one (a
 * kernel lane then calls the scalar generated code); the message says which construct and why.
 */
public final class NotBatchable extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String call;

  NotBatchable(String message) {
    this(message, null);
  }

  NotBatchable(String message, String call) {
    super(message);
    this.call = call;
  }

  /** The simple name of the call the error is about, to point at it in the source; null for the method. */
  public String call() {
    return call;
  }
}
