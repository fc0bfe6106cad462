package io.jgrad.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The tape reads back what was pushed, last first, whether or not room was reserved for it. */
class TapeTest {
  @Test
  void readsBackInReverseAcrossGrowthAndReservations() {
    Tape tape = new Tape();
    Object marker = new Object();
    tape.pushDouble(-1);
    tape.reserve(1000, 2, 1, 0);
    for (int k = 0; k < 1500; k++) { // past what was reserved: the tape still grows
      tape.pushDouble(k);
      tape.pushDouble(k + 0.5);
      tape.pushInt(k);
    }
    tape.reserve(-3, 5, 5, 5); // a loop that runs no trip makes no room and breaks nothing
    tape.pushObject(marker);
    Tape.Reader reader = tape.reader();
    assertSame(marker, reader.popObject());
    for (int k = 1499; k >= 0; k--) {
      assertEquals(k, reader.popInt());
      assertEquals(k + 0.5, reader.popDouble());
      assertEquals(k, reader.popDouble());
    }
    assertEquals(-1, reader.popDouble());
  }

  @Test
  void aHugeReservationIsCappedNotOverflowed() {
    Tape tape = new Tape();
    tape.reserve(1 << 20, 0, 0, 0);
    tape.reserve(3, 0, 1, 0);
    tape.pushInt(7);
    assertEquals(7, tape.reader().popInt());
  }

  @Test
  void arraysComeBackWholeBetweenSingleValuesAndAcrossGrowth() {
    Tape tape = new Tape();
    tape.pushDouble(-1);
    double[] big = new double[100]; // past the initial room: the push grows the tape
    for (int k = 0; k < big.length; k++) {
      big[k] = k * 0.25;
    }
    tape.pushDoubles(big);
    tape.pushDouble(7);
    tape.pushDoubles(new double[] {3, 4});
    big[0] = 99; // the tape keeps a copy, not the array
    Tape.Reader reader = tape.reader();
    double[] two = new double[2];
    reader.popDoubles(two);
    assertEquals(3, two[0]);
    assertEquals(4, two[1]);
    assertEquals(7, reader.popDouble());
    double[] back = new double[100];
    reader.popDoubles(back);
    for (int k = 0; k < back.length; k++) {
      assertEquals(k * 0.25, back[k]);
    }
    assertEquals(-1, reader.popDouble());
  }

  @Test
  void aStackFilledAndEmptiedEachTripKeepsItsRoom() {
    Tape tape = new Tape();
    for (int trip = 0; trip < 3; trip++) {
      for (int k = 0; k < 40; k++) {
        tape.pushDouble(trip + k);
        tape.pushInt(k);
      }
      for (int k = 39; k >= 0; k--) {
        assertEquals(k, tape.popInt());
        assertEquals(trip + k, tape.popDouble());
      }
    }
    tape.pushDouble(5);
    assertEquals(5, tape.reader().popDouble());
  }
}
