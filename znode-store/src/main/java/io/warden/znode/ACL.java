package io.warden.znode;

import java.util.Objects;

/** One access-control entry: permission bits granted to an {@link Id}. */
public record ACL(int perms, Id id) {
    public ACL {
        Objects.requireNonNull(id, "id");
    }

    public int getPerms() { return perms; }
    public Id getId() { return id; }

    @Override
    public String toString() { return id + " perms=" + perms; }
}
