package io.warden.recipes.discovery.strategies;

import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.details.InstanceProvider;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Picks a random instance. Thread-safe. */
public class RandomStrategy<T> implements ProviderStrategy<T> {
    private final Supplier<Random> random;

    public RandomStrategy() {
        this(ThreadLocalRandom::current);
    }

    /** With an injected source of randomness (seeded in tests). */
    public RandomStrategy(Supplier<Random> random) {
        this.random = random;
    }

    @Override
    public ServiceInstance<T> getInstance(InstanceProvider<T> provider) throws Exception {
        List<ServiceInstance<T>> instances = provider.getInstances();
        return instances.isEmpty() ? null : instances.get(random.get().nextInt(instances.size()));
    }
}
