package io.jgrad.opencl;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.apache.bcel.Repository;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantDouble;
import org.apache.bcel.classfile.ConstantLong;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.junit.jupiter.api.Test;

/**
 * Aparapi reads a class's constant pool index by index through BCEL's repository, expecting null
 * in the unused slot after each long or double; BCEL 6.6.0 and later throw there unless jgrad's
 * repository is installed.
 */
class LenientBcelRepositoryTest {
  /** Holds a double and a long constant, so its pool has two unused slots. */
  static final class WithWideConstants {
    static double scale(double x, long n) {
      return x * 0.123456789 + n * 9876543210L;
    }
  }

  @Test
  void everyIndexReadsAsAparapiReadsItWithNullOnlyAfterLongsAndDoubles() throws Exception {
    LenientBcelRepository.install();
    LenientBcelRepository.install(); // a second call changes nothing
    assertThat(Repository.getRepository()).isInstanceOf(LenientBcelRepository.class);

    JavaClass c = Repository.lookupClass(WithWideConstants.class);
    ConstantPool pool = c.getConstantPool();
    Constant[] raw = pool.getConstantPool();
    int wide = 0;
    for (int i = 1; i < pool.getLength(); i++) {
      Constant read = pool.getConstant(i);
      boolean afterWide = raw[i - 1] instanceof ConstantDouble || raw[i - 1] instanceof ConstantLong;
      if (afterWide) {
        wide++;
        assertWithMessage("index %s follows a long or double", i).that(read).isNull();
      } else {
        assertWithMessage("index %s", i).that(read).isSameInstanceAs(raw[i]);
      }
    }
    assertThat(wide).isAtLeast(2);
  }
}
