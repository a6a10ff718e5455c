package io.warden.recipes.shared;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value together with the znode version it was read at; pass it back to a {@code trySet...}
 * call so the write only succeeds if nobody changed the value since.
 *
 * @param version the znode's data version when {@code value} was read
 * @param value   the value (never null)
 */
public record VersionedValue<T>(int version, T value) {
    public VersionedValue {
        Objects.requireNonNull(value, "value");
    }

    public int getVersion() {
        return version;
    }

    public T getValue() {
        return value;
    }

    /** The same version with a converted value. */
    public <U> VersionedValue<U> mapValue(Function<? super T, ? extends U> mapper) {
        return new VersionedValue<>(version, mapper.apply(value));
    }
}
