package io.warden.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Splits the client byte stream into frames ({@code int32 length} + payload). The first four bytes of
 * a connection may instead be a four-letter word, which is passed on as a {@link FourLetterCommand}.
 * A negative length or one above {@code jute.maxbuffer} closes only this connection.
 */
public final class ClientFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameDecoder.class);

    /** The first four bytes of the connection named a four-letter word. */
    public record FourLetterCommand(int code) {}

    private final int maxFrame;
    private final IntPredicate isFourLetterWord;
    private boolean first = true;

    public ClientFrameDecoder(int maxFrame, IntPredicate isFourLetterWord) {
        this.maxFrame = maxFrame;
        this.isFourLetterWord = isFourLetterWord;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int len = in.getInt(in.readerIndex());
            if (first && isFourLetterWord.test(len)) {
                in.skipBytes(4);
                first = false;
                out.add(new FourLetterCommand(len));
                return;
            }
            if (len < 0 || len > maxFrame) {
                LOG.warn("Closing connection from {}: frame length {} is outside [0, {}] (jute.maxbuffer)",
                        ctx.channel().remoteAddress(), len, maxFrame);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + len) {
                return;
            }
            in.skipBytes(4);
            byte[] frame = new byte[len];
            in.readBytes(frame);
            first = false;
            out.add(frame);
        }
    }
}
