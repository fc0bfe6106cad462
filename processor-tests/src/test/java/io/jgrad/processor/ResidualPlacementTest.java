package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.transform.Jvp;
import io.jgrad.processor.transform.ResidualPlacement;
import io.jgrad.processor.transform.Transposer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where residual placement puts each value the backward sweep reads, on IR built by hand: read
 * again where it cannot have changed, a final local at the top level, the tape inside a loop.
 */
class ResidualPlacementTest {
  private static final Expr.Var X = new Expr.Var("x", Type.DOUBLE);
  private static final Expr.Var N = new Expr.Var("n", Type.INT);
  private static final Callee F = new Callee("p.C", "p.CDerivatives", "f",
      List.of(new Callee.Param("x", Type.DOUBLE, true), new Callee.Param("n", Type.INT, false)), Type.DOUBLE, true, 1);

  @Test
  void parametersAndLocalsAssignedOnceAreReadAgain() {
    Expr.Var a = new Expr.Var("a", Type.DOUBLE);
    Reverse placed = place(List.of(
        new Stmt.Assign(a, mul(X, X), true),
        new Stmt.Return(mul(a, X))));
    assertThat(placed.usesTape()).isFalse();
    assertThat(count(placed.forward(), Stmt.Save.class)).isEqualTo(0);
    assertThat(count(placed.backward(), Stmt.Pop.class)).isEqualTo(0);
  }

  @Test
  void aLocalAssignedAgainIsKeptInAFinalLocalAtTheTopLevel() {
    Expr.Var a = new Expr.Var("a", Type.DOUBLE);
    Reverse placed = place(List.of(
        new Stmt.Assign(a, mul(X, X), true),
        new Stmt.Assign(a, mul(a, X), false),
        new Stmt.Return(a)));
    assertThat(placed.usesTape()).isFalse();
    // x·x reads x twice (kept once), a·x reads the a that the assignment overwrites: that one is kept.
    List<Stmt.Save> saves = all(placed.forward(), Stmt.Save.class);
    assertThat(saves).hasSize(1);
    assertThat(saves.get(0).value()).isEqualTo(a);
  }

  @Test
  void aValueOverwrittenInALoopGoesOnTheTapeWithTheTripCount() {
    Expr.Var s = new Expr.Var("s", Type.DOUBLE);
    Expr.Var i = new Expr.Var("i", Type.INT);
    Reverse placed = place(List.of(
        new Stmt.Assign(s, Exprs.lit(Type.DOUBLE, 1), true),
        new Stmt.Block(List.of(
            new Stmt.Assign(i, Exprs.lit(Type.INT, 0), true),
            new Stmt.While(new Expr.Binary(Expr.BinaryOp.LT, i, N, Type.BOOLEAN), List.of(
                new Stmt.Assign(s, mul(s, X), false),
                new Stmt.Assign(i, new Expr.Binary(Expr.BinaryOp.ADD, i, Exprs.lit(Type.INT, 1), Type.INT),
                    false))))),
        new Stmt.Return(s)));
    assertThat(placed.usesTape()).isTrue();
    // s on each trip (x, a parameter, is read again), then the trip count after the loop.
    List<Stmt.Push> pushes = all(placed.forward(), Stmt.Push.class);
    assertThat(pushes).hasSize(2);
    assertThat(pushes.get(0).value()).isEqualTo(s);
    assertThat(pushes.get(1).type()).isEqualTo(Type.INT);
    assertThat(count(placed.backward(), Stmt.Pop.class)).isEqualTo(2);
    assertThat(count(placed.backward(), Stmt.Repeat.class)).isEqualTo(1);
  }

  @Test
  void pastTheClosuresCaptureLimitOnlyTheClosureReadsFromTheTape() {
    // 200 locals each assigned once: fVjp's pullback lambda could not capture them all.
    List<Stmt> body = new ArrayList<>();
    Expr previous = X;
    for (int k = 0; k < 200; k++) {
      Expr.Var a = new Expr.Var("a" + k, Type.DOUBLE);
      body.add(new Stmt.Assign(a, mul(previous, X), true));
      previous = a;
    }
    body.add(new Stmt.Return(previous));
    Reverse closure = place(body, ResidualPlacement.Policy.CLOSURE);
    Reverse straight = place(body, ResidualPlacement.Policy.STRAIGHT_LINE);
    assertThat(closure.usesTape()).isTrue();
    assertThat(count(closure.backward(), Stmt.Pop.class)).isEqualTo(199);
    assertThat(straight.usesTape()).isFalse();
    assertThat(count(straight.backward(), Stmt.Pop.class)).isEqualTo(0);
  }

  private static Reverse place(List<Stmt> body) {
    return place(body, ResidualPlacement.Policy.CLOSURE);
  }

  private static Reverse place(List<Stmt> body, ResidualPlacement.Policy policy) {
    Names names = Names.of(List.of("x", "n"), body);
    Linearized linear = Jvp.transform(body, F.differentiatedParams(), names);
    assertThat(linear.problems()).isEmpty();
    return ResidualPlacement.place(Transposer.transpose(linear.program(), linear.tangents(), F, names), F, names,
        policy, false);
  }

  private static Expr mul(Expr a, Expr b) {
    return new Expr.Prim(Primitive.MUL, List.of(a, b), Type.DOUBLE, false);
  }

  private static <T extends Stmt> List<T> all(List<Stmt> body, Class<T> kind) {
    List<T> out = new ArrayList<>();
    Rewrite.forEach(body, s -> {
      if (kind.isInstance(s)) {
        out.add(kind.cast(s));
      }
    });
    return out;
  }

  private static int count(List<Stmt> body, Class<? extends Stmt> kind) {
    return all(body, kind).size();
  }
}
