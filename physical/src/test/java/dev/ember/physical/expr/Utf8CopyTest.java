package dev.ember.physical.expr;

import org.apache.arrow.memory.util.MemoryUtil;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Utf8#copy}: every length across the short (word loop) and long (copyMemory) paths, unaligned. */
class Utf8CopyTest {
    @Test
    void copiesExactlyTheBytesAskedFor() {
        Random rnd = new Random(3);
        long src = MemoryUtil.allocateMemory(256);
        long dst = MemoryUtil.allocateMemory(256);
        try {
            for (int len = 0; len <= 80; len++) {
                for (int shift = 0; shift < 8; shift += 3) {
                    for (int i = 0; i < 256; i++) {
                        MemoryUtil.putByte(src + i, (byte) rnd.nextInt());
                        MemoryUtil.putByte(dst + i, (byte) 0x5A);
                    }
                    Utf8.copy(src + shift, dst + 1 + shift, len);
                    for (int i = 0; i < 256; i++) {
                        int from = 1 + shift;
                        byte expected = i >= from && i < from + len ? MemoryUtil.getByte(src + shift + (i - from)) : (byte) 0x5A;
                        assertThat(MemoryUtil.getByte(dst + i)).as("len " + len + " byte " + i).isEqualTo(expected);
                    }
                }
            }
        } finally {
            MemoryUtil.freeMemory(src);
            MemoryUtil.freeMemory(dst);
        }
    }
}
