package io.warden.server.admin;

import java.util.List;

/**
 * Sessions that expire at the same tick, for {@code dump}.
 *
 * @param expiresAtMillis wall-clock expiry time of the bucket (epoch ms)
 * @param sessionIds      sessions in the bucket
 */
public record ExpiryBucket(long expiresAtMillis, List<Long> sessionIds) {

    public ExpiryBucket {
        sessionIds = List.copyOf(sessionIds);
    }
}
