package io.warden.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZabLogTest {
    static Txn txn(long epoch, long counter) {
        return new Txn(Zxid.of(epoch, counter), new byte[] {(byte) epoch, (byte) counter});
    }

    @Test
    void appendRejectsAHoleInTheHistory_ZK4925() {
        ZabLog log = new ZabLog(0, List.of(txn(1, 1), txn(1, 2)));
        assertThrows(IllegalStateException.class, () -> log.append(txn(1, 4)));
        assertThrows(IllegalStateException.class, () -> log.append(txn(2, 2)));
        log.append(txn(2, 1)); // a new epoch starts at counter 1
        assertEquals(Zxid.of(2, 1), log.lastZxid());
    }

    @Test
    void floorFindsTheLastCommonPointBelowAForeignZxid() {
        ZabLog log = new ZabLog(0, List.of(txn(1, 1), txn(1, 2), txn(3, 1)));
        assertEquals(Zxid.of(1, 2), log.floor(Zxid.of(2, 7)));
        assertEquals(Zxid.of(3, 1), log.floor(Zxid.of(3, 1)));
        assertEquals(0, log.floor(0));
    }

    @Test
    void truncateAndCompactKeepTheRightEntries() {
        ZabLog log = new ZabLog(0, List.of(txn(1, 1), txn(1, 2), txn(1, 3)));
        log.truncateAfter(Zxid.of(1, 2));
        assertEquals(Zxid.of(1, 2), log.lastZxid());
        log.compact(Zxid.of(1, 1));
        assertEquals(Zxid.of(1, 1), log.baseZxid());
        assertTrue(log.contains(Zxid.of(1, 1)));
        assertFalse(log.contains(Zxid.of(1, 3)));
        assertEquals(-1, log.floor(0));
    }
}
