package io.warden.server.compat;

import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * setWatches/setWatches2 on reconnect: a client cut off while others change things learns on reconnect,
 * through events synthesized from its relative zxid, what its watches missed; persistent watches are
 * re-armed. The cut-off client reaches the server through a {@link ToggleProxy}.
 */
class WatchesSurviveReconnectTest extends CompatTestBase {
    private static final int LONG_SESSION_MS = 10_000;
    private ToggleProxy proxy;

    @Override
    UnaryOperator<ServerConfig.Builder> serverTweaks() {
        return b -> b.maxSessionTimeout(LONG_SESSION_MS);
    }

    @AfterEach
    void closeProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void watchesMissedWhileDisconnectedFireOnReconnect() throws Exception {
        proxy = new ToggleProxy(server.port());
        checkMissedEventsAreDelivered(() -> { });
    }

    @Test
    void watchesMissedWhileTheServerRestartedFireOnReconnect() throws Exception {
        proxy = new ToggleProxy(server.port());
        checkMissedEventsAreDelivered(() -> server.restart());
    }

    private interface Step {
        void run() throws Exception;
    }

    private void checkMissedEventsAreDelivered(Step whileCutOff) throws Exception {
        ZooKeeper writer = connect();
        writer.create("/data", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/kids", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/gone", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/same", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Events session = new Events();
        ZooKeeper cut = connect(proxy.connectString(), LONG_SESSION_MS, session);
        long sessionId = cut.getSessionId();
        Events events = new Events();
        cut.getData("/data", events, null);
        cut.exists("/born", events);
        cut.getChildren("/kids", events);
        cut.getData("/gone", events, null);
        cut.getData("/same", events, null);
        Events recursive = new Events();
        cut.addWatch("/tree", recursive, AddWatchMode.PERSISTENT_RECURSIVE);

        proxy.refuse();
        session.awaitState(KeeperState.Disconnected);
        whileCutOff.run();
        writer = connect(); // a fresh session, so this test does not depend on the writer's re-attach
        writer.setData("/data", new byte[]{1}, -1);
        writer.create("/born", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/kids/k", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.delete("/gone", -1);
        writer.create("/tree", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); // missed: no catch-up for persistent
        proxy.forward();

        session.awaitState(KeeperState.SyncConnected);
        assertEquals(sessionId, cut.getSessionId(), "the session survives the dropped connection");
        // the four missed changes arrive in some order; /same saw nothing and must stay quiet
        Set<String> got = Set.of(OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()),
                OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()));
        assertEquals(Set.of("NodeDataChanged /data", "NodeCreated /born", "NodeChildrenChanged /kids",
                "NodeDeleted /gone"), got);

        // /same is still armed: a change now fires it, and it is the next event
        writer.setData("/same", new byte[]{1}, -1);
        events.expect(EventType.NodeDataChanged, "/same");

        // the persistent recursive watch is armed again
        writer.create("/tree/leaf", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> tree = recursive.takeUntilMarker("/tree/leaf").stream()
                .map(OneShotWatchesTest::describe).collect(Collectors.toList());
        assertEquals(List.of(), tree, "persistent watches are re-armed without catch-up events");
    }
}
