package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.ServiceInstance;

/** Converts instances to and from the bytes stored in their znodes. Implementations must be thread-safe. */
public interface InstanceSerializer<T> {
    byte[] serialize(ServiceInstance<T> instance) throws Exception;

    /** @throws Exception with a message naming the problem when the bytes are not a valid instance */
    ServiceInstance<T> deserialize(byte[] bytes) throws Exception;
}
