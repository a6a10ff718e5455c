package io.warden.sim;

import io.warden.zab.Ready;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabDriver;
import io.warden.zab.ZabEvent;
import io.warden.zab.ZabPeer;
import io.warden.zab.ZabTransport;
import java.util.Random;

/** One simulated server: its disk survives crashes; peer, driver and application do not. */
final class SimNode {
    final long id;
    final ZabConfig config;
    final SimDisk disk = new SimDisk(SimApp.emptySnapshot());
    private final InvariantChecker checker;
    private ZabPeer peer;
    private ZabDriver driver;
    private SimApp app;
    int incarnation;
    boolean fsyncScheduled;

    SimNode(long id, ZabConfig config, InvariantChecker checker) {
        this.id = id;
        this.config = config;
        this.checker = checker;
    }

    boolean alive() {
        return peer != null;
    }

    ZabPeer peer() {
        return peer;
    }

    SimApp app() {
        return app;
    }

    ZabDriver driver() {
        return driver;
    }

    /** Boots from whatever the disk holds: snapshot into the app, log and epochs into the peer. */
    void start(ZabTransport transport, Random random) {
        var state = disk.load();
        app = new SimApp(id, checker, state.snapshot());
        peer = new ZabPeer(config, state, app, random);
        driver = new ZabDriver(peer, transport, disk, app);
        incarnation++;
        fsyncScheduled = false;
    }

    void crash(Random random, boolean loseAllUnsynced) {
        disk.crash(random, loseAllUnsynced);
        peer = null;
        driver = null;
        app = null;
        incarnation++;
    }

    /** Carries out the peer's Ready and feeds its events to the checker. */
    Ready process() {
        Ready ready = driver.process();
        for (ZabEvent e : ready.events()) {
            if (e instanceof ZabEvent.LeaderEstablished le) {
                checker.onEstablished(id, le.epoch(), peer.log());
            }
        }
        checker.onEpochs(id, peer.acceptedEpoch(), peer.currentEpoch());
        return ready;
    }

    /** Takes an application snapshot at the applied point and compacts the log behind it. */
    void snapshotAndCompact() {
        var snap = app.takeSnapshot();
        if (snap.zxid() != peer.committedZxid()) {
            return; // deliveries pending; try another time
        }
        disk.saveSnapshot(snap);
        peer.compactLog(snap.zxid());
    }
}
