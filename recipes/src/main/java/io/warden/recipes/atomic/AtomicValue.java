package io.warden.recipes.atomic;

/** The outcome of an atomic operation: whether it applied, and the values before and after. */
public interface AtomicValue<T> {
    boolean succeeded();

    T preValue();

    T postValue();
}
