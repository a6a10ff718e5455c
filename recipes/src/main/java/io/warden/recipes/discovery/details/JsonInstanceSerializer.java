package io.warden.recipes.discovery.details;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceType;
import io.warden.recipes.discovery.UriSpec;

import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON form curator-x-discovery 5 reads and writes:
 * {@code name, id, address, port, sslPort, payload, registrationTimeUTC, serviceType, uriSpec[, enabled]}.
 *
 * <p>The payload carries Jackson-style class type information ({@code "@class"} inside objects, a
 * {@code ["class", value]} wrapper for non-natural scalars and arrays) because Curator's reader
 * needs it. When reading, that type information is ignored: the payload is always bound to the
 * configured payload class, so a registration cannot make this process load an arbitrary class.
 * Unknown fields are ignored. In compatible mode (the default, as in Curator) {@code enabled} is
 * not written so pre-4.0 readers, which reject unknown fields, keep working.
 *
 * <p>Thread-safe.
 */
public class JsonInstanceSerializer<T> implements InstanceSerializer<T> {
    private static final String TYPE_PROPERTY = "@class";
    private static final Set<Class<?>> NATURAL = Set.of(String.class, Boolean.class, Integer.class, Double.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Class<T> payloadClass;
    private final boolean compatibleSerializationMode;

    public JsonInstanceSerializer(Class<T> payloadClass) {
        this(payloadClass, true);
    }

    /** @param compatibleSerializationMode true: omit the {@code enabled} field (readable by old Curator) */
    public JsonInstanceSerializer(Class<T> payloadClass, boolean compatibleSerializationMode) {
        this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
        this.compatibleSerializationMode = compatibleSerializationMode;
    }

    @Override
    public byte[] serialize(ServiceInstance<T> instance) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", instance.getName());
        root.put("id", instance.getId());
        root.put("address", instance.getAddress());
        root.put("port", instance.getPort());
        root.put("sslPort", instance.getSslPort());
        root.set("payload", payloadToTree(instance.getPayload()));
        root.put("registrationTimeUTC", instance.getRegistrationTimeUTC());
        root.put("serviceType", instance.getServiceType().name());
        root.set("uriSpec", uriSpecToTree(instance.getUriSpec()));
        if (!compatibleSerializationMode) {
            root.put("enabled", instance.isEnabled());
        }
        return mapper.writeValueAsBytes(root);
    }

    @Override
    public ServiceInstance<T> deserialize(byte[] bytes) throws IOException {
        JsonNode root = mapper.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new IOException("service instance JSON must be an object");
        }
        String name = text(root, "name");
        if (name == null) {
            throw new IOException("service instance JSON has no \"name\"");
        }
        String id = text(root, "id");
        return new ServiceInstance<>(name, id == null ? "" : id, text(root, "address"), integer(root, "port"),
                integer(root, "sslPort"), payloadFromTree(root.get("payload")), longValue(root),
                serviceType(root), uriSpecFromTree(root.get("uriSpec")),
                !root.hasNonNull("enabled") || root.get("enabled").asBoolean(true));
    }

    private JsonNode payloadToTree(T payload) {
        if (payload == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode value = mapper.valueToTree(payload);
        if (NATURAL.contains(payload.getClass())) {
            return value;
        }
        if (value.isObject()) {
            ObjectNode typed = JsonNodeFactory.instance.objectNode();
            typed.put(TYPE_PROPERTY, payload.getClass().getName());
            typed.setAll((ObjectNode) value);
            return typed;
        }
        ArrayNode wrapper = JsonNodeFactory.instance.arrayNode();
        wrapper.add(payload.getClass().getName());
        wrapper.add(value);
        return wrapper;
    }

    private T payloadFromTree(JsonNode node) throws IOException {
        if (node == null || node.isNull() || payloadClass == Void.class) {
            return null;
        }
        JsonNode value = node;
        if (node.isObject() && node.has(TYPE_PROPERTY)) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove(TYPE_PROPERTY);
            value = copy;
        } else if (isTypeWrapper(node)) {
            value = node.get(1);
        }
        return mapper.treeToValue(value, payloadClass);
    }

    private boolean isTypeWrapper(JsonNode node) {
        if (!node.isArray() || node.size() != 2 || !node.get(0).isTextual()) {
            return false;
        }
        boolean arrayLike = payloadClass.isArray() || Collection.class.isAssignableFrom(payloadClass);
        // a two-element list payload starting with a string is ambiguous: for list-like payload
        // types only unwrap when the second element is itself the (wrapped) array
        return !arrayLike || node.get(1).isArray();
    }

    private static JsonNode uriSpecToTree(UriSpec spec) {
        if (spec == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode parts = root.putArray("parts");
        for (UriSpec.Part part : spec.getParts()) {
            parts.addObject().put("value", part.getValue()).put("variable", part.isVariable());
        }
        return root;
    }

    private static UriSpec uriSpecFromTree(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        UriSpec spec = new UriSpec();
        JsonNode parts = node.get("parts");
        if (parts == null || parts.isNull()) {
            return spec;
        }
        if (!parts.isArray()) {
            throw new IOException("uriSpec.parts must be an array");
        }
        for (Iterator<JsonNode> it = parts.elements(); it.hasNext(); ) {
            JsonNode part = it.next();
            spec.add(new UriSpec.Part(part.path("value").asText(""), part.path("variable").asBoolean(false)));
        }
        return spec;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode root, String field) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt()) {
            throw new IOException("service instance field \"" + field + "\" is not an int: " + n);
        }
        return n.asInt();
    }

    private static long longValue(JsonNode root) {
        JsonNode n = root.get("registrationTimeUTC");
        return n == null || n.isNull() ? 0L : n.asLong();
    }

    private static ServiceType serviceType(JsonNode root) throws IOException {
        String s = text(root, "serviceType");
        if (s == null) {
            return ServiceType.DYNAMIC;
        }
        try {
            return ServiceType.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown serviceType \"" + s + "\"", e);
        }
    }
}
