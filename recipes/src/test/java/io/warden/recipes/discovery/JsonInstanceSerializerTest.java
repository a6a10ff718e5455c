package io.warden.recipes.discovery;

import io.warden.recipes.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonInstanceSerializerTest {

    @Test
    void roundTripKeepsEveryFieldIncludingEnabledInNonCompatibleMode() throws Exception {
        ServiceInstance<Details> in = ServiceInstance.<Details>builder().name("svc").id("a").address("10.0.0.1")
                .port(80).sslPort(443).payload(new Details("eu", 3)).registrationTimeUTC(42)
                .serviceType(ServiceType.STATIC).uriSpec(new UriSpec("{scheme}://{address}:{port}")).enabled(false)
                .build();
        JsonInstanceSerializer<Details> s = new JsonInstanceSerializer<>(Details.class, false);
        assertEquals(in, s.deserialize(s.serialize(in)));
        String json = new String(s.serialize(in), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"name\":\"svc\",\"id\":\"a\",\"address\":\"10.0.0.1\",\"port\":80,\"sslPort\":443,"
                + "\"payload\":{\"@class\":\"io.warden.recipes.discovery.Details\""), json);
        assertTrue(json.endsWith("\"enabled\":false}"), json);
    }

    @Test
    void compatibleModeOmitsEnabledAndReadsItAsTrue() throws Exception {
        ServiceInstance<Void> in = ServiceInstance.<Void>builder().name("svc").address("h").build();
        JsonInstanceSerializer<Void> s = new JsonInstanceSerializer<>(Void.class);
        String json = new String(s.serialize(in), StandardCharsets.UTF_8);
        assertFalse(json.contains("enabled"), json);
        assertTrue(s.deserialize(json.getBytes(StandardCharsets.UTF_8)).isEnabled());
    }

    @Test
    void unknownFieldsAreIgnoredAndTheClassHintCannotChooseTheType() throws Exception {
        String json = "{\"name\":\"svc\",\"id\":\"i\",\"address\":\"h\",\"port\":5,\"sslPort\":null,"
                + "\"payload\":{\"@class\":\"java.lang.ProcessBuilder\",\"region\":\"us\",\"weight\":1},"
                + "\"registrationTimeUTC\":1,\"serviceType\":\"DYNAMIC\",\"uriSpec\":null,\"futureField\":[1,2]}";
        ServiceInstance<Details> out = new JsonInstanceSerializer<>(Details.class)
                .deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Details("us", 1), out.getPayload());
        assertEquals(5, out.getPort());
        assertNull(out.getSslPort());
    }

    @Test
    void badInputGetsAClearError() {
        JsonInstanceSerializer<Void> s = new JsonInstanceSerializer<>(Void.class);
        IOException noName = assertThrows(IOException.class, () -> s.deserialize("{\"id\":\"x\"}".getBytes()));
        assertTrue(noName.getMessage().contains("name"));
        IOException badType = assertThrows(IOException.class,
                () -> s.deserialize("{\"name\":\"n\",\"serviceType\":\"WEIRD\"}".getBytes()));
        assertTrue(badType.getMessage().contains("WEIRD"));
        assertThrows(IOException.class, () -> s.deserialize("[1]".getBytes()));
    }

    @Test
    void uriSpecExpandsBuiltInsOverridesAndBraceEscapes() {
        ServiceInstance<Void> i = ServiceInstance.<Void>builder().name("nm").id("ii").address("ad").port(1).sslPort(2)
                .build();
        assertEquals("https://ad:1:2/nm/ii/{}/", new UriSpec("{scheme}://{address}:{port}:{ssl-port}/{name}/{id}/{[}{]}/{unknown}").build(i));
        assertEquals("ftp://ad:7", new UriSpec("{scheme}://{address}:{port}").build(i, Map.of("scheme", "ftp", "port", 7)));
        assertThrows(IllegalArgumentException.class, () -> new UriSpec("{open"));
    }
}
