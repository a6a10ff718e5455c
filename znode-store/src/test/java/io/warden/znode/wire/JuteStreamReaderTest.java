package io.warden.znode.wire;

import io.warden.znode.ZooDefs.Ids;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class JuteStreamReaderTest {

    /** Hands out at most {@code step} bytes per read, as a socket or a slow disk may. */
    public static InputStream dribbling(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static byte[] sample(byte[] big) {
        return new JuteWriter().writeInt(-7).writeLong(0x0102030405060708L).writeString("short")
                .writeString("a string longer than the eight-byte buffer").writeString(null)
                .writeBuffer(big).writeBuffer(null).writeBuffer(new byte[0])
                .writeAclList(Ids.CREATOR_ALL_ACL).writeAclList(Ids.OPEN_ACL_UNSAFE).writeInt(42).toByteArray();
    }

    @Test
    void primitivesReadFromAStreamEqualThoseReadFromTheArrayWhateverTheBufferAndReadSizes() {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        byte[] bytes = sample(big);
        for (int buffer : new int[] {JuteStreamReader.MIN_BUFFER, 13, 64 * 1024}) {
            for (int step : new int[] {1, 3, Integer.MAX_VALUE}) {
                JuteStreamReader in = new JuteStreamReader(dribbling(bytes, step), bytes.length, buffer,
                        Integer.MAX_VALUE);
                JuteReader ref = new JuteReader(bytes, 0, bytes.length, Integer.MAX_VALUE);
                String at = "buffer " + buffer + ", reads of " + step;
                assertEquals(ref.readInt(), in.readInt(), at);
                assertEquals(ref.readLong(), in.readLong(), at);
                assertEquals(ref.readString(), in.readString(), at);
                assertEquals(ref.readString(), in.readString(), at);
                assertNull(in.readString(), at);
                ref.readString();
                assertArrayEquals(ref.readBuffer(), in.readBuffer(), at);
                assertNull(in.readBuffer(), at);
                ref.readBuffer();
                assertArrayEquals(ref.readBuffer(), in.readBuffer(), at);
                assertEquals(ref.readAclList(), in.readAclList(), at);
                assertEquals(ref.readAclList(), in.readAclList(), at);
                assertEquals(4, in.remaining(), at);
                assertEquals(42, in.readInt(), at);
                assertEquals(0, in.remaining(), at);
            }
        }
    }

    @Test
    void aLengthBeyondTheDeclaredBytesFailsAsTruncatedBeforeAllocating() {
        byte[] bytes = new JuteWriter().writeInt(Integer.MAX_VALUE - 8).writeLong(1).toByteArray();
        JuteStreamReader in = new JuteStreamReader(new ByteArrayInputStream(bytes), bytes.length, 64,
                Integer.MAX_VALUE);
        WireFormatException e = assertThrows(WireFormatException.class, in::readBuffer);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aLengthAboveTheLimitIsRefused() {
        byte[] bytes = new JuteWriter().writeBuffer(new byte[100]).toByteArray();
        JuteStreamReader in = new JuteStreamReader(new ByteArrayInputStream(bytes), bytes.length, 64, 99);
        assertThrows(WireFormatException.class, in::readBuffer);
    }

    @Test
    void readingPastTheDeclaredLengthFailsEvenWhenTheStreamGoesOn() {
        byte[] bytes = new JuteWriter().writeInt(1).writeInt(2).toByteArray();
        JuteStreamReader in = new JuteStreamReader(new ByteArrayInputStream(bytes), 4, 64, Integer.MAX_VALUE);
        assertEquals(1, in.readInt());
        assertThrows(WireFormatException.class, in::readInt);
    }

    @Test
    void aStreamEndingBeforeItsDeclaredLengthFails() {
        byte[] bytes = new JuteWriter().writeInt(1).writeBuffer(new byte[50]).toByteArray();
        JuteStreamReader in = new JuteStreamReader(new ByteArrayInputStream(bytes, 0, 20), bytes.length, 8,
                Integer.MAX_VALUE);
        assertEquals(1, in.readInt());
        WireFormatException e = assertThrows(WireFormatException.class, in::readBuffer);
        assertTrue(e.getMessage().contains("stream ended"), e.getMessage());
    }

    @Test
    void aFailingStreamSurfacesItsIOException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        JuteStreamReader in = new JuteStreamReader(broken, 100, 8, Integer.MAX_VALUE);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, in::readLong);
        assertEquals("disk gone", e.getCause().getMessage());
    }
}
