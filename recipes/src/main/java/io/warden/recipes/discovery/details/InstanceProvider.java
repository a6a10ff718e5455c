package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.ServiceInstance;

import java.util.List;

/** The instances a strategy chooses from. */
@FunctionalInterface
public interface InstanceProvider<T> {
    List<ServiceInstance<T>> getInstances() throws Exception;
}
