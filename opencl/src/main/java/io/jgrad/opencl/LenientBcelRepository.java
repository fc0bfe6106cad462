package io.jgrad.opencl;

import org.apache.bcel.Repository;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.util.ClassPath;

/**
 * BCEL's class repository as Aparapi 3.0.2 needs it on BCEL 6.6.0 and later, the versions without
 * CVE-2022-42920: Aparapi reads every constant-pool index, the unused one after each long or double
 * constant included, and expects null there, where BCEL since 6.6.0 throws.
 */
final class LenientBcelRepository implements org.apache.bcel.util.Repository {
  private final org.apache.bcel.util.Repository delegate;

  private LenientBcelRepository(org.apache.bcel.util.Repository delegate) {
    this.delegate = delegate;
  }

  /** Puts it in front of BCEL's current repository (the one Aparapi looks classes up in), once. */
  static synchronized void install() {
    org.apache.bcel.util.Repository current = Repository.getRepository();
    if (!(current instanceof LenientBcelRepository)) {
      Repository.setRepository(new LenientBcelRepository(current));
    }
  }

  /** {@code c} with its constant pool made lenient; the delegate caches it, so this happens once. */
  private static JavaClass lenient(JavaClass c) {
    if (c != null && !(c.getConstantPool() instanceof LenientPool)) {
      c.setConstantPool(new LenientPool(c.getConstantPool().getConstantPool()));
    }
    return c;
  }

  /** A constant pool that answers null for an empty slot, as BCEL 6.5.0 did. */
  private static final class LenientPool extends ConstantPool {
    LenientPool(Constant[] constants) {
      super(constants);
    }

    @Override
    public <T extends Constant> T getConstant(int index) {
      Constant[] constants = getConstantPool();
      if (index > 0 && index < constants.length && constants[index] == null) {
        return null;
      }
      return super.getConstant(index);
    }
  }

  @Override
  public void storeClass(JavaClass clazz) {
    delegate.storeClass(clazz);
  }

  @Override
  public void removeClass(JavaClass clazz) {
    delegate.removeClass(clazz);
  }

  @Override
  public JavaClass findClass(String className) {
    return lenient(delegate.findClass(className));
  }

  @Override
  public JavaClass loadClass(String className) throws ClassNotFoundException {
    return lenient(delegate.loadClass(className));
  }

  @Override
  public JavaClass loadClass(Class<?> clazz) throws ClassNotFoundException {
    return lenient(delegate.loadClass(clazz));
  }

  @Override
  public void clear() {
    delegate.clear();
  }

  @Override
  public ClassPath getClassPath() {
    return delegate.getClassPath();
  }
}
