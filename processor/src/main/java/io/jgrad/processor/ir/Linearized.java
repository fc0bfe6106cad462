package io.jgrad.processor.ir;

import java.util.List;
import java.util.Map;

/**
 * A linearized program and the tangent of each value it differentiates (primal name to tangent),
 * with what could not be linearized ({@code problems}, empty when all went well).
 */
public record Linearized(List<Linear> program, Map<String, Expr.Var> tangents, List<String> problems) {}
