package io.jgrad.sample;

/** The notebook's containers as records: {@code Point(x, y)} and the dict {@code {'a': .., 'b': (.., ..)}}. */
final class Containers {
  private Containers() {}

  /** The notebook's {@code namedtuple("Point", ["x", "y"])}. */
  record Point(double x, double y) {}

  /** The notebook's tuple {@code (jnp.sin(x), jnp.cos(y))}. */
  record Pair(double b0, double b1) {}

  /** The notebook's dict {@code {'a': x ** 2, 'b': (jnp.sin(x), jnp.cos(y))}}. */
  record Dict(double a, Pair b) {}
}
