package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;
import static io.jgrad.processor.parse.ReadContext.dummy;
import static io.jgrad.processor.parse.ReadContext.widen;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a method call: a {@code Math} primitive, a differentiable function, a function-object
 * parameter's {@code value}, a record accessor, or a call kept as written (printing, integer
 * helpers), which must not write into the function's arrays behind jgrad's back.
 */
final class CallReader {
  private final ReadContext cx;
  private final ArrayEffects effects;
  private final FactoryCalls factories;

  CallReader(ReadContext cx) {
    this.cx = cx;
    this.effects = new ArrayEffects(cx.trees);
    this.factories = new FactoryCalls(cx);
  }

  Expr invocation(MethodInvocationTree t, TreePath path) {
    // First: the generated class it calls may not exist yet, or may exist compiled (a Dual's tangent()).
    Optional<Expr> derivative = cx.derivativeCalls.read(t, path);
    if (derivative.isPresent()) {
      return derivative.get();
    }
    Element element = cx.trees.getElement(path);
    if (!(element instanceof ExecutableElement callee)) {
      Optional<Expr> factory = factories.read(t, path);
      if (factory.isPresent()) {
        return factory.get();
      }
      cx.javacFailedAt(t);
      return dummy();
    }
    if (RecordReader.isAccessor(callee)) {
      return cx.records.componentRead(t, path, callee);
    }
    if (LocalArrayReader.CopyCall.of(callee) != null) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "jgrad differentiates " + callee.getSimpleName() + " where it"
          + " initializes a local array (double[] y = x.clone(), Arrays.copyOf(x, n), Arrays.copyOfRange(x, a, b));"
          + " hint: declare the copy as a local first", t);
    }
    if (CalleeResolver.isDifferentiable(callee) && RecordSignatureReader.involvesRecords(callee)) {
      List<Expr> leaves = cx.records.recordCall(t, path, callee);
      if (leaves.size() != 1 || RecordShape.of(callee.getReturnType()) != null) {
        return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the record " + callee.getSimpleName() + " returns can be read"
            + " component by component or stored in a record local", t);
      }
      return leaves.get(0);
    }
    List<Expr> args = cx.exprs(t.getArguments(), path);
    TypeElement owner = (TypeElement) callee.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    String name = callee.getSimpleName().toString();
    Type returnType = TypeMapper.map(callee.getReturnType());
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      if (integerHelper(callee)) {
        // Math.floorMod(i + k, n), Math.addExact(i, j): integer arithmetic (indices, counts) carries no
        // derivative, so the call is computed as written, as a call to any integer helper is
        return new Expr.PrimalCall(owner.getSimpleName().toString(), name, args, returnType);
      }
      Optional<Primitive> p = Primitive.forMathMethod(name, args.size());
      if (p.isEmpty()) {
        return cx.failed(Codes.UNSUPPORTED_MATH, "Math." + name + " is not in jgrad's table of differentiable"
            + " primitives; hint: give the function that uses it a @CustomJvp rule", t);
      }
      // javac leaves the call unattributed when an argument is a derivative call of a class not generated
      // yet, and may have picked any overload: Math.abs, max, min give the type of their arguments.
      boolean overloaded = owner.getEnclosedElements().stream()
          .filter(m -> m.getSimpleName().equals(callee.getSimpleName())).count() > 1;
      Type type = cx.orInferred(cx.typeOfOrNull(path), path,
          () -> overloaded ? args.stream().map(Expr::type).reduce(Exprs::promote).orElse(returnType) : returnType);
      // Math's double methods take doubles: a float argument is widened, as Java widens it.
      return type == null ? dummy() : new Expr.Prim(p.get(), args.stream().map(a -> widen(a, type)).toList(), type,
          ownerName.endsWith("StrictMath"));
    }
    if (CustomJvpReader.isDual(ownerName) && t.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree && cx.rejectedLocals.contains(
            cx.trees.getElement(new TreePath(new TreePath(path, select), select.getExpression())))) {
      return dummy(); // d.tangent() of a held derivative call refused where d was declared: reported there
    }
    if (CustomJvpReader.isDual(ownerName) && !onFunctionObjectCall(t, path)) {
      return cx.failed(Codes.RULE_RETURN, "a " + owner.getSimpleName() + " may appear only in a custom JVP rule's"
          + " return statement; hint: end each path with return " + owner.getSimpleName()
          + ".of(value, tangent)", t);
    }
    Expr.Var receiver = parameterReceiver(t, path);
    if (receiver != null && !callee.getModifiers().contains(Modifier.STATIC)) {
      return callOnParameter(receiver, name, args, callee, t, path);
    }
    Element receiverElement = receiverElement(t, path);
    if (!callee.getModifiers().contains(Modifier.STATIC) && !(receiverElement != null
        && receiverElement.getKind() == ElementKind.FIELD && receiverElement.getModifiers().contains(Modifier.STATIC))) {
      // Only a call on a static field (System.out.println) reaches an object that is not a parameter.
      return cx.failed(Codes.INSTANCE_CALL, "calling the instance method " + name + " is not in the differentiable"
          + " subset; hint: call a static method", t);
    }
    if (CalleeResolver.isDifferentiable(callee)) {
      if (cx.callsItself(callee, t)) {
        return dummy();
      }
      Callee c = cx.callees.resolve(callee);
      if (c.returnType() == null || !c.returnType().isScalar()) {
        // An array or record result is read from the local that holds it (LocalArrayReader, records).
        String held = c.returnType() != null && c.returnType().isArray() ? c.returnType().javaName() + " y"
            : (callee.getReturnType() instanceof DeclaredType d
                ? d.asElement().getSimpleName() : callee.getReturnType()) + " r";
        return cx.failed(Codes.UNSUPPORTED_TYPE, name + " does not return double or float, and a call of it"
            + " is read only from a local that holds its result; hint: " + held + " = " + name + "(...);"
            + " then read its elements or components", t);
      }
      int order = DiffSpec.of(cx.method).map(DiffSpec::order).orElse(1);
      Optional<String> noTangentVjp = order >= 2 ? CompiledInternals.missing(callee, c, cx) : Optional.empty();
      if (noTangentVjp.isPresent()) {
        return cx.failed(Codes.UNSUPPORTED_ORDER, "order " + order + " through a call to " + name + ", "
            + noTangentVjp.get() + ", is not supported yet; hint: compile " + name + "'s class again with this"
            + " jgrad, or call what " + name + " calls here instead", t);
      }
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof Expr.StaticField f && f.type().isArray()) {
          // The callee's pullback would read the array when it runs, not the elements its forward sweep read.
          return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the static array " + f.name() + " cannot be passed to "
              + name + ", whose pullback would read it when it runs; hint: read it in " + name + " itself",
              t.getArguments().get(i));
        }
      }
      List<Expr> widened = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        widened.add(widen(args.get(i), c.params().get(i).type()));
      }
      return new Expr.Call(c, widened, c.returnType());
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      return cx.failed(Codes.INACCESSIBLE, "the generated derivatives cannot call the private method " + name
          + "; hint: make it package-private", t);
    }
    TypeMirror rt = callee.getReturnType();
    if (rt.getKind() == TypeKind.VOID || (returnType != null && !returnType.isDifferentiable())) {
      checkArrayArguments(callee, t, path);
      // The receiver as generated code spells it: the qualified class, or a static field chain.
      String spelled = receiverElement != null && receiverElement.getKind() == ElementKind.FIELD
          ? ((TypeElement) receiverElement.getEnclosingElement()).getQualifiedName() + "." + receiverElement.getSimpleName()
          : ownerName;
      return new Expr.PrimalCall(spelled, name, args, rt.getKind() == TypeKind.VOID ? Type.OBJECT : returnType);
    }
    return cx.failed(Codes.NOT_DIFFERENTIABLE, "the call to " + owner.getSimpleName() + "." + name + " returns "
        + rt + " but " + name + " is not differentiable; hint: annotate it @Differentiable or give it a"
        + " @CustomJvp rule", t);
  }

  /**
   * A {@code Math} method outside the primitive table over integers only ({@code floorMod},
   * {@code floorDiv}, {@code multiplyExact}, ...): an int or long from ints and longs. {@code abs},
   * {@code max}, {@code min} on ints stay primitives of int type, which carry no derivative either.
   */
  private static boolean integerHelper(ExecutableElement callee) {
    Predicate<TypeMirror> integral = m -> m.getKind() == TypeKind.INT || m.getKind() == TypeKind.LONG;
    return integral.test(callee.getReturnType()) && !callee.getParameters().isEmpty()
        && callee.getParameters().stream().allMatch(p -> integral.test(p.asType()))
        && Primitive.forMathMethod(callee.getSimpleName().toString(), callee.getParameters().size()).isEmpty();
  }

  /** What the call is made on ({@code System.out} in {@code System.out.println(x)}), or null. */
  private Element receiverElement(MethodInvocationTree t, TreePath path) {
    return t.getMethodSelect() instanceof MemberSelectTree m
        ? cx.trees.getElement(new TreePath(new TreePath(path, m), m.getExpression())) : null;
  }

  /** {@code f.jvp(x, 1).tangent()} on a function-object parameter: the call on {@code f} is the mistake to name. */
  private boolean onFunctionObjectCall(MethodInvocationTree t, TreePath path) {
    return t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof MethodInvocationTree inner
        && parameterReceiver(inner, new TreePath(new TreePath(path, m), inner)) != null;
  }

  /** The parameter or local a call is made on ({@code f} in {@code f.value(x)}), or null. */
  private Expr.Var parameterReceiver(MethodInvocationTree t, TreePath path) {
    if (t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree) {
      Element r = receiverElement(t, path);
      Type type = r == null || !cx.names.containsKey(r) ? null : TypeMapper.map(r.asType());
      if (type == Type.OBJECT || (type != null && type.isFunctionObject())) {
        return new Expr.Var(cx.names.get(r), type);
      }
    }
    if (t.getMethodSelect() instanceof MemberSelectTree m && m.getExpression() instanceof MethodInvocationTree inner
        && inner.getArguments().isEmpty() && inner.getMethodSelect() instanceof MemberSelectTree select
        && Callee.PARTIAL_METHODS.contains(select.getIdentifier().toString())) {
      // f.partialFirst().value(x, y): the partial derivative of a function-object parameter, itself one.
      Expr.Var base = parameterReceiver(inner, new TreePath(new TreePath(path, m), inner));
      if (base != null && base.type().isFunctionObject()) {
        return new Expr.Var(base.name() + "." + select.getIdentifier() + "()", base.type());
      }
    }
    return null;
  }

  /**
   * {@code f.value(x)} on a {@code DiffFn1}/{@code DiffFn2} parameter is differentiated through the
   * object; a call on any other non-differentiable parameter ({@code op.applyAsDouble(x)} on a
   * {@code DoubleUnaryOperator}) is an opaque primal computation, which the checks after parsing
   * refuse to feed with differentiated values.
   */
  private Expr callOnParameter(Expr.Var receiver, String name, List<Expr> args, ExecutableElement callee,
      MethodInvocationTree t, TreePath path) {
    if (receiver.type().isFunctionObject()) {
      if (!name.equals("value")) {
        return cx.failed(Codes.INSTANCE_CALL, "call " + receiver.name() + ".value(...) in a differentiable function:"
            + " jgrad differentiates through it with the object's jvp and vjp; " + name
            + " is for code outside", t);
      }
      boolean vector = args.size() == 1 && args.get(0).type() == Type.DOUBLE_ARRAY;
      List<Expr> values = vector ? args : args.stream().map(a -> coerce(a, Type.DOUBLE)).toList();
      List<Type> types = values.stream().map(Expr::type).toList();
      return new Expr.Call(Callee.functionObject(receiver.name(), receiver.type(), types), values, Type.DOUBLE);
    }
    TypeMirror rt = callee.getReturnType();
    Type returnType = rt.getKind() == TypeKind.VOID ? Type.OBJECT : TypeMapper.map(rt);
    if (returnType == null || returnType.isArray() || returnType.isFunctionObject()) {
      return cx.failed(Codes.UNSUPPORTED_TYPE, receiver.name() + "." + name + " returns " + rt + ", which is not in"
          + " the differentiable subset", t);
    }
    checkArrayArguments(callee, t, path);
    return new Expr.PrimalCall(receiver.name(), name, args, returnType);
  }

  /**
   * A call kept as written, not differentiated, must not write into an array the function reads:
   * jgrad would not see the write, and the derivative would be wrong without a word. An array
   * passed to it, or written by a lambda passed to it, is an error unless the callee provably only
   * reads ({@link ArrayEffects}).
   */
  private void checkArrayArguments(ExecutableElement callee, MethodInvocationTree t, TreePath path) {
    String called = callee.getEnclosingElement().getSimpleName() + "." + callee.getSimpleName();
    for (ExpressionTree a : t.getArguments()) {
      TreePath argPath = new TreePath(path, a);
      if (a.getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
        Tree write = effects.firstOuterWrite(argPath);
        if (write != null) {
          cx.error(Codes.ARRAY_WRITE, "this lambda, passed to " + called + ", writes into an array it did not"
              + " create, which jgrad does not see; hint: write the elements in a loop in the function itself",
              write);
        }
        continue;
      }
      TypeMirror type = cx.trees.getTypeMirror(argPath);
      if (type != null && type.getKind() == TypeKind.ARRAY && !effects.readOnly(callee)) {
        cx.error(Codes.ARRAY_WRITE, called + " may write into the array " + a + ", and jgrad would not see the"
            + " write (it keeps only calls it can show read their arrays: printing, logging, and methods whose"
            + " source writes only arrays they create); hint: write the elements in a loop here, or use"
            + " System.arraycopy, Arrays.fill, clone() or Arrays.copyOf, which jgrad differentiates", a);
        return;
      }
    }
  }
}
