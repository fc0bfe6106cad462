package io.jgrad.examples.table;

import io.jgrad.annotations.Differentiable;

/**
 * One differentiable function per primitive of the rule table, all of two parameters so that
 * {@code PrimitiveTableTest} treats them alike (the unary ones ignore {@code y}).
 */
final class TableFunctions {
  private TableFunctions() {}

  @Differentiable
  static double add(double x, double y) {
    return x + y;
  }

  @Differentiable
  static double sub(double x, double y) {
    return x - y;
  }

  @Differentiable
  static double mul(double x, double y) {
    return x * y;
  }

  @Differentiable
  static double div(double x, double y) {
    return x / y;
  }

  @Differentiable
  static double neg(double x, double y) {
    return -x;
  }

  @Differentiable
  static double sin(double x, double y) {
    return Math.sin(x);
  }

  @Differentiable
  static double cos(double x, double y) {
    return Math.cos(x);
  }

  @Differentiable
  static double tan(double x, double y) {
    return Math.tan(x);
  }

  @Differentiable
  static double asin(double x, double y) {
    return Math.asin(x);
  }

  @Differentiable
  static double acos(double x, double y) {
    return Math.acos(x);
  }

  @Differentiable
  static double atan(double x, double y) {
    return Math.atan(x);
  }

  @Differentiable
  static double atan2(double x, double y) {
    return Math.atan2(x, y);
  }

  @Differentiable
  static double sinh(double x, double y) {
    return Math.sinh(x);
  }

  @Differentiable
  static double cosh(double x, double y) {
    return Math.cosh(x);
  }

  @Differentiable
  static double tanh(double x, double y) {
    return Math.tanh(x);
  }

  @Differentiable
  static double exp(double x, double y) {
    return Math.exp(x);
  }

  @Differentiable
  static double expm1(double x, double y) {
    return Math.expm1(x);
  }

  @Differentiable
  static double log(double x, double y) {
    return Math.log(x);
  }

  @Differentiable
  static double log1p(double x, double y) {
    return Math.log1p(x);
  }

  @Differentiable
  static double log10(double x, double y) {
    return Math.log10(x);
  }

  @Differentiable
  static double sqrt(double x, double y) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double cbrt(double x, double y) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double abs(double x, double y) {
    return Math.abs(x);
  }

  @Differentiable
  static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  static double min(double x, double y) {
    return Math.min(x, y);
  }

  @Differentiable
  static double floor(double x, double y) {
    return Math.floor(x);
  }

  @Differentiable
  static double ceil(double x, double y) {
    return Math.ceil(x);
  }

  @Differentiable
  static double rint(double x, double y) {
    return Math.rint(x);
  }

  @Differentiable
  static float sinFloat(float x, float y) {
    return (float) Math.sin(x) * y;
  }
}
