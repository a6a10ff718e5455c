package io.warden.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Looks up a contender adapter by class name, so a benchmark compiles and runs its baseline even
 * while the Warden side (framework, recipes) is not built yet. The class must have a static no-arg
 * {@code factory()} method returning the expected factory type.
 */
final class OptionalContender {
    private OptionalContender() {
    }

    static <T> Optional<T> find(String className, Class<T> type) {
        try {
            Object factory = Class.forName(className).getDeclaredMethod("factory").invoke(null);
            return Optional.of(type.cast(factory));
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            System.err.println("note: " + className + " is not on the classpath (" + e.getMessage()
                    + "); the Warden column stays empty");
            return Optional.empty();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(className + " has no usable static factory()", e);
        }
    }
}
