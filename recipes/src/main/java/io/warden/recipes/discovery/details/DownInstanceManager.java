package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.DownInstancePolicy;
import io.warden.recipes.discovery.InstanceFilter;
import io.warden.recipes.discovery.ServiceInstance;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tracks errors per instance id; an instance with threshold errors is filtered out until its timeout passes. */
class DownInstanceManager<T> implements InstanceFilter<T> {
    private record Status(int errors, long sinceMs) {}

    private final DownInstancePolicy policy;
    private final Clock clock;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    DownInstanceManager(DownInstancePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    void add(ServiceInstance<?> instance) {
        long now = clock.millis();
        statuses.merge(instance.getId(), new Status(1, now), (old, one) -> new Status(old.errors() + 1, now));
    }

    @Override
    public boolean test(ServiceInstance<T> instance) {
        Status s = statuses.get(instance.getId());
        if (s == null) {
            return true;
        }
        if (clock.millis() - s.sinceMs() >= policy.getTimeoutMs()) {
            statuses.remove(instance.getId(), s);
            return true;
        }
        return s.errors() < policy.getErrorThreshold();
    }
}
