package io.warden.server.ensemble;

import io.warden.zab.ZabEvent.SyncKind;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.warden.server.ensemble.EnsembleReplicationTest.connect;
import static io.warden.server.ensemble.EnsembleReplicationTest.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A restarted server rejoins over real sockets by the sync its log calls for: DIFF or SNAP here; TRUNC
 * needs a silent partition and lives in test-cluster (DeposedLeaderTruncTest).
 */
class RejoinSyncTest extends EnsembleTestBase {

    private static void create(ZooKeeper zk, String path) throws Exception {
        zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    private void awaitSync(long id, SyncKind kind, long leader) {
        LocalEnsemble.until("server " + id + " synchronized", Duration.ofSeconds(20),
                () -> ensemble.member(id).lastSync() != null && ensemble.member(id).isServing());
        assertEquals(kind, ensemble.member(id).lastSync(), "how server " + id + " was brought level");
        LocalEnsemble.until("server " + id + " holds the leader's tree", Duration.ofSeconds(10),
                () -> ensemble.member(id).digest() == ensemble.member(leader).digest());
    }

    @Test
    void aFollowerFarBehindALeaderThatCompactedItsLogRejoinsBySnap() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).snapCount(10).startAll();
        long leader = ensemble.awaitLeader();
        long behind = leader == 1 ? 2 : 1;
        ensemble.kill(behind);
        ZooKeeper zk = connect(ensemble.connectString(leader), 4000, clients);
        for (int i = 0; i < 60; i++) {
            create(zk, "/n" + i);
        }
        ensemble.start(behind);
        assertEquals(leader, ensemble.awaitLeader());
        awaitSync(behind, SyncKind.SNAP, leader);
        ZooKeeper there = connect(ensemble.connectString(behind), 4000, clients);
        sync(there, "/");
        assertNotNull(there.exists("/n59", false));
    }

    @Test
    void aFollowerSlightlyBehindRejoinsByDiff() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        long leader = ensemble.awaitLeader();
        long behind = leader == 1 ? 2 : 1;
        ensemble.kill(behind);
        ZooKeeper zk = connect(ensemble.connectString(leader), 4000, clients);
        for (int i = 0; i < 5; i++) {
            create(zk, "/d" + i);
        }
        ensemble.start(behind);
        assertEquals(leader, ensemble.awaitLeader());
        awaitSync(behind, SyncKind.DIFF, leader);
    }
}
