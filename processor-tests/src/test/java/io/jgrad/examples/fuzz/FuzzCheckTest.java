package io.jgrad.examples.fuzz;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's checks accept a NaN reverse-mode derivative only when a value overflowed (the
 * documented 0 · ∞ poisoning), which the plain overflow twin of each function detects.
 */
class FuzzCheckTest {
  private static FuzzProgram withDeadValue(String deadValue) {
    return new FuzzProgram(List.of(new FuzzProgram.Function("f0", 1,
        List.of(new FuzzStmt.Line("double v0 = " + deadValue + ";")), "x * 0.5 + x")));
  }

  @Test
  void deadOverflowIsRecognisedAndExcused() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.exp(800 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isTrue();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  @Test
  void withoutOverflowTheTwinStaysQuiet() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.exp(0.1 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isFalse();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  /** Seed 803: atan2(a, ∞) = 0 hides the overflow from the local; the twin's Math wrapper sees it. */
  @Test
  void overflowHiddenBySaturationIsRecognised() throws Exception {
    FuzzCheck.Compiled c = FuzzCheck.compile(withDeadValue("Math.atan2(1.0, Math.exp(800 * x))"),
        new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.reverseX(c, "f0", 1.0, 0.5)).isNaN();
    assertThat(FuzzCheck.overflows(c, "f0", 1.0, 0.5)).isTrue();
    assertThat(FuzzCheck.check(c, "f0", 1, 1.0, 0.5)).isEqualTo(Optional.empty());
  }

  /** The poisoning the twin excuses is real: reverse mode of the overflowing program is NaN. */
  @Test
  void theExcusedCaseIsTheDocumentedPoisoning() throws Exception {
    var c = FuzzCheck.compile(withDeadValue("Math.exp(800 * x)"), new StringBuilder()).orElseThrow();
    assertThat(FuzzCheck.reverseX(c, "f0", 1.0, 0.5)).isNaN();
  }
}
