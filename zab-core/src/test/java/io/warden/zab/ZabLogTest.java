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
    void lookupsAgreeWithALinearScanOverALongMultiEpochLog() {
        java.util.ArrayList<Txn> txns = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (long epoch = 1; epoch <= 40; epoch++) {
            int n = 1 + random.nextInt(500);
            for (int c = 1; c <= n; c++) {
                txns.add(txn(epoch, c));
            }
        }
        ZabLog log = new ZabLog(0, txns);
        for (int probe = 0; probe < 5000; probe++) {
            long zxid = Zxid.of(random.nextInt(42), random.nextInt(520));
            long expected = 0;
            for (Txn t : txns) {
                if (t.zxid() <= zxid) {
                    expected = t.zxid();
                }
            }
            boolean present = txns.stream().anyMatch(t -> t.zxid() == zxid);
            assertEquals(expected, log.floor(zxid), Zxid.toString(zxid));
            assertEquals(present || zxid == 0, log.contains(zxid), Zxid.toString(zxid));
        }
        Txn middle = txns.get(txns.size() / 2);
        assertEquals(txns.subList(txns.size() / 2 + 1, txns.size()), log.after(middle.zxid()));
        assertEquals(txns.subList(txns.size() / 2 + 1, txns.size() / 2 + 11),
                log.range(middle.zxid(), txns.get(txns.size() / 2 + 10).zxid()));
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
