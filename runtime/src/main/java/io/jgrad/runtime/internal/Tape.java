package io.jgrad.runtime.internal;

import java.util.Arrays;

/**
 * The record of a forward sweep that generated reverse-mode code reads back in reverse: three
 * stacks (doubles, ints, objects) that grow on demand. Generated code only: one per
 * forward sweep, written by one thread, then read by any number of {@link Reader}s; or one per
 * backward sweep, used as a stack that each backward trip fills and empties.
 */
public final class Tape {
  private double[] doubles = new double[16];
  private int doubleCount;
  private int[] ints = new int[16];
  private int intCount;
  private Object[] objects = new Object[4];
  private int objectCount;

  /**
   * Makes room for {@code trips} trips of a loop that records {@code doublesPerTrip} doubles,
   * {@code intsPerTrip} ints and {@code objectsPerTrip} objects each, so that the loop's records
   * never copy the tape; a trip count below zero makes no room.
   */
  public void reserve(int trips, int doublesPerTrip, int intsPerTrip, int objectsPerTrip) {
    if (trips <= 0) {
      return;
    }
    int length = room(doubles.length, doubleCount, (long) trips * doublesPerTrip);
    if (length > doubles.length) {
      doubles = Arrays.copyOf(doubles, length);
    }
    length = room(ints.length, intCount, (long) trips * intsPerTrip);
    if (length > ints.length) {
      ints = Arrays.copyOf(ints, length);
    }
    length = room(objects.length, objectCount, (long) trips * objectsPerTrip);
    if (length > objects.length) {
      objects = Arrays.copyOf(objects, length);
    }
  }

  /**
   * The length a stack of {@code length} holding {@code count} needs for {@code more} records:
   * double the length for a few more; for a reservation larger than the stack, what it needs and an
   * eighth more, so that the few records a loop after it adds copy nothing.
   */
  private static int room(int length, int count, long more) {
    long needed = count + more;
    long grown = more > length ? needed + needed / 8 : Math.max(needed, 2L * length);
    return needed <= length ? length : (int) Math.min(Integer.MAX_VALUE - 8, grown);
  }

  /**
   * How many trips of a checkpointed loop of {@code trips} trips lie between two checkpoints:
   * ⌈√trips⌉, so that the checkpoints and the trips of one stretch taken together are fewest.
   */
  public static int checkpointInterval(int trips) {
    return trips <= 1 ? 1 : (int) Math.ceil(Math.sqrt(trips));
  }

  /** How many checkpoints a loop of {@code trips} trips keeps, one every {@code interval} trips. */
  public static int checkpoints(int trips, int interval) {
    return trips <= 0 ? 0 : (trips - 1) / interval + 1;
  }

  /** Records a double for the reverse sweep. */
  public void pushDouble(double value) {
    if (doubleCount == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleCount++] = value;
  }

  /**
   * Records every element of {@code values}, in order: one copy of an array that a loop reads many
   * times and does not write, where recording each element read would record it once per read.
   */
  public void pushDoubles(double[] values) {
    if (doubleCount + values.length > doubles.length) {
      doubles = Arrays.copyOf(doubles, room(doubles.length, doubleCount, values.length));
    }
    System.arraycopy(values, 0, doubles, doubleCount, values.length);
    doubleCount += values.length;
  }

  /** Records an int (a branch taken, a trip count, an index) for the reverse sweep. */
  public void pushInt(int value) {
    if (intCount == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intCount++] = value;
  }

  /** Records an object (a callee's pullback) for the reverse sweep. */
  public void pushObject(Object value) {
    if (objectCount == objects.length) {
      objects = Arrays.copyOf(objects, objects.length * 2);
    }
    objects[objectCount++] = value;
  }

  /**
   * The most recently recorded double, taken off the tape: a tape one backward trip fills and then
   * empties again is used as a stack, by one thread, without a {@link Reader}.
   */
  public double popDouble() {
    return doubles[--doubleCount];
  }

  /** The most recently recorded int, taken off the tape (see {@link #popDouble()}). */
  public int popInt() {
    return ints[--intCount];
  }

  /**
   * A reader positioned after the last record, reading back in reverse. Each reader has its own
   * position, so a pullback may run any number of times, from any number of threads.
   */
  public Reader reader() {
    return new Reader(this, doubleCount, intCount, objectCount);
  }

  /** Reads a {@link Tape} back from its end; generated reverse sweeps only. */
  public static final class Reader {
    private final Tape tape;
    private int doubleCount;
    private int intCount;
    private int objectCount;

    private Reader(Tape tape, int doubleCount, int intCount, int objectCount) {
      this.tape = tape;
      this.doubleCount = doubleCount;
      this.intCount = intCount;
      this.objectCount = objectCount;
    }

    /** The most recently recorded double not yet read back. */
    public double popDouble() {
      return tape.doubles[--doubleCount];
    }

    /** Reads back into {@code into} the array {@link Tape#pushDoubles} recorded last; its length is the array's. */
    public void popDoubles(double[] into) {
      doubleCount -= into.length;
      System.arraycopy(tape.doubles, doubleCount, into, 0, into.length);
    }

    /** The most recently recorded int not yet read back. */
    public int popInt() {
      return tape.ints[--intCount];
    }

    /** The most recently recorded object not yet read back, cast to the type it was recorded as. */
    @SuppressWarnings("unchecked")
    public <T> T popObject() {
      return (T) tape.objects[--objectCount];
    }
  }
}
