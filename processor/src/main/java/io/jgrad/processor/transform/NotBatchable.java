package io.jgrad.processor.transform;

/**
 * A function that cannot become a kernel, or whose reverse mode cannot be written as code for one (a
 * kernel lane then calls the scalar generated code); the message says which construct and why.
 */
public final class NotBatchable extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String call;
  private final String array;

  NotBatchable(String message) {
    this(message, null);
  }

  NotBatchable(String message, String call) {
    this(message, call, null);
  }

  NotBatchable(String message, String call, String array) {
    super(message);
    this.call = call;
    this.array = array;
  }

  /** The name of the local array the error is about, to point at where it is made; null for none. */
  public String array() {
    return array;
  }

  /** The simple name of the call the error is about, to point at it in the source; null for the method. */
  public String call() {
    return call;
  }
}
