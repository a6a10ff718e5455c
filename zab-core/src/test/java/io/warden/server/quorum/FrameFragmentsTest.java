package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fragments of a frame longer than a link's limit are joined into its body, within a size limit. */
class FrameFragmentsTest {
    private static ByteBuf fragment(boolean last, int bytes) {
        return Unpooled.buffer().writeByte(PeerCodec.FRAGMENT).writeByte(last ? 1 : 0)
                .writeZero(bytes);
    }

    @Test
    void fragmentsBeyondTheAssemblyLimitOrAFrameAmongFragmentsAreRefused() {
        EmbeddedChannel tooLong =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        tooLong.writeInbound(fragment(false, 60));
        PeerCodecException e = assertThrows(PeerCodecException.class,
                () -> tooLong.writeInbound(fragment(true, 60)));
        assertEquals("fragmented frame longer than 100 bytes", e.getMessage());

        EmbeddedChannel interleaved =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        interleaved.writeInbound(fragment(false, 10));
        assertThrows(PeerCodecException.class,
                () -> interleaved.writeInbound(Unpooled.buffer().writeByte(1).writeLong(2)));

        EmbeddedChannel joined =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        joined.writeInbound(fragment(false, 30));
        joined.writeInbound(fragment(true, 20));
        ByteBuf whole = joined.readInbound();
        assertEquals(50, whole.readableBytes(), "the pieces without their headers, as one body");
        whole.release();
    }
}
