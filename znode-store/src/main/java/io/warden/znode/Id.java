package io.warden.znode;

import java.util.Objects;

/** An identity under an authentication scheme, e.g. {@code digest:user:hash} or {@code ip:10.0.0.0/8}. */
public record Id(String scheme, String id) {
    public Id {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(id, "id");
    }

    public String getScheme() { return scheme; }
    public String getId() { return id; }

    @Override
    public String toString() { return scheme + ":" + id; }
}
