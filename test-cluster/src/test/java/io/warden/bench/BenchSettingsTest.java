package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsMatchTheDocumentedBenchmark() {
        BenchSettings s = BenchSettings.from(props());
        assertEquals(Duration.ofSeconds(10), s.measure());
        assertEquals(Duration.ofSeconds(10), s.warmup());
        assertEquals(8, s.clients());
        assertEquals(100, s.window());
        assertEquals(1024, s.payloadBytes());
        assertEquals(List.of(ServerKind.ZOOKEEPER, ServerKind.WARDEN), s.servers());
        assertEquals(List.of(Workload.CREATE, Workload.SET_DATA, Workload.GET_DATA), s.workloads());
        assertEquals(List.of(1, 4, 16), s.lockContenders());
    }

    @Test
    void warmUpFollowsTheMeasuredWindowUnlessGiven() {
        assertEquals(Duration.ofSeconds(2), BenchSettings.from(props("bench.seconds", "2")).warmup());
        assertEquals(Duration.ofMillis(500),
                BenchSettings.from(props("bench.seconds", "2", "bench.warmupSeconds", "0.5")).warmup());
    }

    @Test
    void listsAreParsedCaseInsensitively() {
        BenchSettings s = BenchSettings.from(props("bench.servers", "Warden", "bench.workloads", "getdata, CREATE",
                "bench.lockClients", "2,3", "bench.server", "warden"));
        assertEquals(List.of(ServerKind.WARDEN), s.servers());
        assertEquals(ServerKind.WARDEN, s.server());
        assertEquals(List.of(Workload.GET_DATA, Workload.CREATE), s.workloads());
        assertEquals(List.of(2, 3), s.lockContenders());
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.from(props("bench.clients", "many")));
        assertTrue(number.getMessage().contains("bench.clients"), number.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.from(props("bench.window", "0")));
        assertTrue(range.getMessage().contains("bench.window"), range.getMessage());
        IllegalArgumentException server = assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.from(props("bench.servers", "etcd")));
        assertTrue(server.getMessage().contains("bench.servers"), server.getMessage());
    }
}
