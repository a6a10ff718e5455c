package io.warden.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a Warden server JVM is started: {@code <java> <jvmOptions> -cp <classpath>
 * io.warden.server.WardenMain <zoo.cfg>}. Immutable.
 *
 * @param javaExecutable the java executable
 * @param classpath  the server's class path
 * @param jvmOptions extra JVM options (heap, logging)
 */
public record ServerLauncher(Path javaExecutable, String classpath, List<String> jvmOptions) {
    public static final String MAIN_CLASS = "io.warden.server.WardenMain";

    public ServerLauncher {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** This JVM's java and class path (in a test run: the modules built in this reactor). */
    public static ServerLauncher fromCurrentClasspath() {
        return new ServerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), defaultOptions());
    }

    /**
     * The jars {@code bin/warden-server} runs: {@code zab-core/target/zab-core-*.jar} plus the runtime
     * class path it lists in {@code zab-core/target/classpath.txt}.
     *
     * @param repositoryRoot the Warden checkout
     * @throws IOException if they are not built (run {@code bin/warden-server --help}'s build, or
     *                     {@code mvn -pl zab-core -am package dependency:build-classpath ...})
     */
    public static ServerLauncher fromBuiltJars(Path repositoryRoot) throws IOException {
        Path target = repositoryRoot.resolve("zab-core").resolve("target");
        Path classpathFile = target.resolve("classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IOException("no " + classpathFile + "; build it the way bin/warden-server does");
        }
        Path jar = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "zab-core-*.jar")) {
            for (Path p : jars) {
                String name = p.getFileName().toString();
                if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar")) {
                    jar = p;
                }
            }
        }
        if (jar == null) {
            throw new IOException("no zab-core jar in " + target + "; build it the way bin/warden-server does");
        }
        String deps = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        return new ServerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                jar.toAbsolutePath() + (deps.isEmpty() ? "" : File.pathSeparator + deps), defaultOptions());
    }

    private static List<String> defaultOptions() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");
    }

    /** The same launcher with other JVM options. */
    public ServerLauncher withJvmOptions(List<String> options) {
        return new ServerLauncher(javaExecutable, classpath, options);
    }

    /** The full command line for {@code zooCfg}. */
    public List<String> command(Path zooCfg) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.add(zooCfg.toAbsolutePath().toString());
        return cmd;
    }
}
