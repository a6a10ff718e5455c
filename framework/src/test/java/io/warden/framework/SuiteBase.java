package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.retry.RetryNTimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared fixture of the backend-parameterized suites: one server per class (from {@link #serverFactory()}),
 * a started client per test, and a unique base path per test so tests never see each other's nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SuiteBase {
    protected TestServer server;
    protected CuratorFramework client;
    protected String base;
    private final List<CuratorFramework> extraClients = new ArrayList<>();
    private static int counter;

    /** Which server the suite runs against. */
    protected abstract TestServer.Factory serverFactory();

    @BeforeAll
    void startServer() throws Exception {
        server = serverFactory().start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void startClient(TestInfo info) throws Exception {
        client = newClient(b -> b);
        base = "/t" + (++counter) + "_" + info.getTestMethod().map(m -> m.getName()).orElse("x");
    }

    @AfterEach
    void closeClients() {
        extraClients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignore) {
                // closing twice is allowed in tests
            }
        });
        extraClients.clear();
    }

    /** A started, connected client; closed after the test. */
    protected CuratorFramework newClient(UnaryOperator<CuratorFrameworkFactory.Builder> customizer) throws Exception {
        CuratorFramework c = customizer.apply(CuratorFrameworkFactory.builder()
                .connectString(server.connectString())
                .sessionTimeoutMs(20 * TestServer.TICK_MS)
                .connectionTimeoutMs(3000)
                .retryPolicy(new RetryNTimes(3, 100))).build();
        extraClients.add(c);
        c.start();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS), "client connected");
        return c;
    }

    protected String path(String rel) {
        return base + rel;
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    protected static boolean isIoThread() {
        return Thread.currentThread().getName().startsWith("warden-client-io");
    }
}
