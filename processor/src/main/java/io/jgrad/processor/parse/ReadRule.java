package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Function;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @CustomJvp} rule's body read into the function it defines, with the source position of
 * each expression of that body, so that checks after reading (linearity) report in the rule.
 */
public record ReadRule(Function.JvpRule function, Map<Expr, Tree> positions, CompilationUnitTree unit,
    ExecutableElement rule) {}
