package io.warden.recipes.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A URI template such as {@code "{scheme}://{address}:{port}/api"}. Variables are written in braces;
 * {@code {[}} and {@code {]}} produce literal braces. Built-in variables come from the instance
 * (scheme is https when the instance has an sslPort, else http); unknown variables expand to "".
 * Serialized as {@code {"parts":[{"value":..,"variable":..}]}} like curator-x-discovery.
 *
 * <p>Threading: not thread-safe while being mutated with {@link #add}/{@link #remove}; treat as
 * immutable once attached to an instance.
 */
public class UriSpec implements Iterable<UriSpec.Part> {
    public static final String FIELD_SCHEME = "scheme";
    public static final String FIELD_NAME = "name";
    public static final String FIELD_ID = "id";
    public static final String FIELD_ADDRESS = "address";
    public static final String FIELD_PORT = "port";
    public static final String FIELD_SSL_PORT = "ssl-port";
    public static final String FIELD_REGISTRATION_TIME_UTC = "registration-time-utc";
    public static final String FIELD_SERVICE_TYPE = "service-type";
    public static final String FIELD_OPEN_BRACE = "[";
    public static final String FIELD_CLOSE_BRACE = "]";

    private final List<Part> parts = new ArrayList<>();

    public UriSpec() {}

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException if a variable is not closed or braces are nested
     */
    public UriSpec(String template) {
        Objects.requireNonNull(template, "template");
        StringBuilder current = new StringBuilder();
        boolean inVariable = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                if (inVariable) {
                    throw new IllegalArgumentException("nested '{' at index " + i + " in uri spec: " + template);
                }
                flush(current, false);
                inVariable = true;
            } else if (c == '}' && inVariable) {
                flush(current, true);
                inVariable = false;
            } else {
                current.append(c);
            }
        }
        if (inVariable) {
            throw new IllegalArgumentException("variable not closed with '}' in uri spec: " + template);
        }
        flush(current, false);
    }

    private void flush(StringBuilder current, boolean variable) {
        if (current.length() > 0 || variable) {
            parts.add(new Part(current.toString(), variable));
        }
        current.setLength(0);
    }

    /** Expands with no instance and no extra values. */
    public String build() {
        return build(null, Map.of());
    }

    public String build(ServiceInstance<?> instance) {
        return build(instance, Map.of());
    }

    public String build(Map<String, Object> variables) {
        return build(null, variables);
    }

    /** Expands the template; {@code variables} override the instance's built-in values. */
    public String build(ServiceInstance<?> instance, Map<String, Object> variables) {
        Map<String, Object> values = new HashMap<>();
        values.put(FIELD_OPEN_BRACE, "{");
        values.put(FIELD_CLOSE_BRACE, "}");
        if (instance != null) {
            values.put(FIELD_SCHEME, instance.getSslPort() != null ? "https" : "http");
            values.put(FIELD_NAME, instance.getName());
            values.put(FIELD_ID, instance.getId());
            values.put(FIELD_ADDRESS, instance.getAddress());
            values.put(FIELD_PORT, instance.getPort());
            values.put(FIELD_SSL_PORT, instance.getSslPort());
            values.put(FIELD_REGISTRATION_TIME_UTC, instance.getRegistrationTimeUTC());
            values.put(FIELD_SERVICE_TYPE, instance.getServiceType() == null
                    ? null : instance.getServiceType().name().toLowerCase());
        }
        if (variables != null) {
            values.putAll(variables);
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.isVariable()) {
                Object value = values.get(part.getValue());
                if (value != null) {
                    out.append(value);
                }
            } else {
                out.append(part.getValue());
            }
        }
        return out.toString();
    }

    @Override
    public Iterator<Part> iterator() {
        return getParts().iterator();
    }

    public List<Part> getParts() {
        return Collections.unmodifiableList(new ArrayList<>(parts));
    }

    public void add(Part part) {
        parts.add(Objects.requireNonNull(part, "part"));
    }

    public void remove(Part part) {
        parts.remove(part);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UriSpec other && other.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p.isVariable() ? "{" + p.getValue() + "}" : p.getValue());
        }
        return sb.toString();
    }

    /** One literal or variable piece of a template. */
    public static final class Part {
        private final String value;
        private final boolean variable;

        public Part(String value, boolean variable) {
            this.value = Objects.requireNonNull(value, "value");
            this.variable = variable;
        }

        public String getValue() {
            return value;
        }

        public boolean isVariable() {
            return variable;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && p.variable == variable && p.value.equals(value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, variable);
        }

        @Override
        public String toString() {
            return (variable ? "{" + value + "}" : value);
        }
    }
}
