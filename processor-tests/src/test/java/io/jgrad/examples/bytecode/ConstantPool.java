package io.jgrad.examples.bytecode;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant pool of a class file, read with a few lines of {@link DataInputStream} (JVMS §4.4):
 * every field or method a class file refers to, and every name and descriptor, is here, so scanning
 * it finds each use of an API without a bytecode library.
 */
final class ConstantPool {
  /** A field or method reference: owner in internal form ({@code java/lang/Class}), name, descriptor. */
  record MemberRef(String owner, String name, String descriptor) {}

  private final List<MemberRef> memberRefs = new ArrayList<>();
  private final List<String> utf8 = new ArrayList<>();

  private ConstantPool() {}

  /** Reads the constant pool of {@code classFile}. */
  static ConstantPool read(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    Object[] entries = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> entries[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // eight-byte constants take two slots
        }
        case 7, 8, 16, 19, 20 -> entries[i] = new int[] {tag, in.readUnsignedShort()};
        case 9, 10, 11, 12, 17, 18 -> entries[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          entries[i] = new int[] {tag, in.readUnsignedShort()};
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    ConstantPool pool = new ConstantPool();
    for (Object e : entries) {
      if (e instanceof String s) {
        pool.utf8.add(s);
      } else if (e instanceof int[] a && (a[0] == 9 || a[0] == 10 || a[0] == 11)) {
        String owner = (String) entries[((int[]) entries[a[1]])[1]];
        int[] nameAndType = (int[]) entries[a[2]];
        pool.memberRefs.add(new MemberRef(owner, (String) entries[nameAndType[1]], (String) entries[nameAndType[2]]));
      }
    }
    return pool;
  }

  /** Every field and method referred to. */
  List<MemberRef> memberRefs() {
    return memberRefs;
  }

  /** Every string of the pool: names, descriptors, literals. */
  List<String> utf8() {
    return utf8;
  }
}
