package io.jgrad.processor.ir;

import java.util.List;

/** The IR of one differentiable method: its signature as a {@link Callee} and its body. */
public record Function(Callee signature, List<Stmt> body) {}
