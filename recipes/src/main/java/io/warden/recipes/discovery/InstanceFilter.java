package io.warden.recipes.discovery;

import java.util.function.Predicate;

/** Filters the instances a {@link ServiceProvider} may return. */
@FunctionalInterface
public interface InstanceFilter<T> extends Predicate<ServiceInstance<T>> {
}
