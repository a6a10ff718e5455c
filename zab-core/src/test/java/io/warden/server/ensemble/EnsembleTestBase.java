package io.warden.server.ensemble;

import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every in-process ensemble test holds: a data directory, the ensemble, and the clients it closes. */
abstract class EnsembleTestBase {
    @TempDir
    Path dir;

    LocalEnsemble ensemble;
    final List<ZooKeeper> clients = new ArrayList<>();

    @AfterEach
    void closeClientsAndEnsemble() throws InterruptedException {
        for (ZooKeeper zk : clients) {
            zk.close(1000);
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }
}
