package io.warden.znode.txn;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TxnCodecTest {
    static final List<Txn> SAMPLES = List.of(
            new CreateTxn(OpCode.create2, "/a", "data".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, 0),
            new CreateTxn(OpCode.create, "/n", null, List.of(new ACL(1, new Id("digest", "u:h"))), 0x1234L),
            new CreateTxn(OpCode.createTTL, "/t", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, EphemeralOwner.ttl(500)),
            new DeleteTxn("/a"), new DeleteContainerTxn("/c"), new SetDataTxn("/a", null, 3),
            new SetACLTxn("/a", ZooDefs.Ids.READ_ACL_UNSAFE, 2), new CheckTxn("/a", -1), new ErrorTxn(-101),
            new CreateSessionTxn(30000), new CloseSessionTxn(),
            new MultiTxn(List.of(new CreateTxn(OpCode.create, "/m", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0),
                    new CheckTxn("/m", 0))),
            new MultiTxn(List.of(new ErrorTxn(0), new ErrorTxn(-101), new ErrorTxn(-2))));

    @Test
    void everyTxnTypeRoundTrips() {
        for (Txn t : SAMPLES) {
            assertEquals(t, TxnCodec.decode(TxnCodec.encode(t)), t.toString());
        }
    }

    @Test
    void headerAndTxnRoundTripAsOneEntry() {
        TxnHeader h = new TxnHeader(0x100000b835c0000L, 7, 0x100000005L, 1_700_000_000_000L);
        TxnEntry e = TxnCodec.decodeEntry(TxnCodec.encode(h, SAMPLES.get(0)));
        assertEquals(h, e.header());
        assertEquals(SAMPLES.get(0), e.txn());
    }

    @Test
    void truncatedOrUnknownBytesAreRejected() {
        byte[] ok = TxnCodec.encode(SAMPLES.get(0));
        assertThrows(WireFormatException.class, () -> TxnCodec.decode(java.util.Arrays.copyOf(ok, ok.length - 1)));
        assertThrows(WireFormatException.class, () -> TxnCodec.decode(new byte[] {0, 0, 0, 99}));
    }

    @Test
    void ownerMarkersAreNeverExposed() {
        assertEquals(0, EphemeralOwner.exposed(EphemeralOwner.CONTAINER));
        assertEquals(0, EphemeralOwner.exposed(EphemeralOwner.ttl(EphemeralOwner.MAX_TTL)));
        assertEquals(0x100000b835c0000L, EphemeralOwner.exposed(0x100000b835c0000L));
        assertEquals(1234, EphemeralOwner.ttlOf(EphemeralOwner.ttl(1234)));
    }
}
