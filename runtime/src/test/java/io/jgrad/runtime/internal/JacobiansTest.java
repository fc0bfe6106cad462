package io.jgrad.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The unit vectors, flattenings and column writes that generated {@code fJacobian} code uses. */
class JacobiansTest {
  @Test
  void aUnitVectorIsOneAtItsIndexAndZerosOutside() {
    assertThat(Jacobians.unit(3, 1)).usingExactEquality().containsExactly(0.0, 1.0, 0.0).inOrder();
    // An index past the array (a later leaf of a record) gives zeros.
    assertThat(Jacobians.unit(2, 2)).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    assertThat(Jacobians.unit(2, -1)).usingExactEquality().containsExactly(0.0, 0.0).inOrder();
    assertThat(Jacobians.floatUnit(2, 0)).usingExactEquality().containsExactly(1f, 0f).inOrder();
  }

  @Test
  void leavesAreFlattenedInOrderIntoANewArray() {
    double[] w = {1, 2};
    double[] flat = Jacobians.leaves(w, 3.0, new float[] {4f}, 5f);
    assertThat(flat).usingExactEquality().containsExactly(1.0, 2.0, 3.0, 4.0, 5.0).inOrder();
    assertThat(Jacobians.leaves(w)).isNotSameInstanceAs(w);
    assertThat(Jacobians.floatLeaves(new float[] {1f}, 2f)).usingExactEquality().containsExactly(1f, 2f).inOrder();
  }

  @Test
  void aColumnOfAnotherLengthThanTheRowsIsAnError() {
    double[][] jac = new double[2][2];
    Jacobians.setColumn(jac, 1, new double[] {7, 8});
    assertThat(jac[0]).usingExactEquality().containsExactly(0.0, 7.0).inOrder();
    assertThat(jac[1]).usingExactEquality().containsExactly(0.0, 8.0).inOrder();
    var e = assertThrows(IllegalStateException.class, () -> Jacobians.setColumn(jac, 0, new double[3]));
    assertThat(e).hasMessageThat().isEqualTo("a tangent has 3 leaves but the value has 2");
    assertThrows(IllegalStateException.class, () -> Jacobians.setColumn(new float[2], new float[1]));
  }
}
