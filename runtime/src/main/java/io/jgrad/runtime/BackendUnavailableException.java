package io.jgrad.runtime;

/** A requested {@link Backend} cannot run this kernel here; the message says why. */
public final class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception for {@code backend} with the reason it cannot run. */
  public BackendUnavailableException(Backend backend, String reason, Throwable cause) {
    super(backend + " backend unavailable: " + reason, cause);
  }
}
