package io.warden.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends ZooKeeper four-letter words ({@code srvr}, {@code ruok}, ...) on a plain socket: how the
 * harness learns a server's role without a client library. Stateless; blocks up to the timeout.
 */
public final class FourLetterWordClient {
    private FourLetterWordClient() {
    }

    /** The answer to {@code word}, or empty if the server cannot be reached or does not answer in time. */
    public static Optional<String> send(int port, String word, Duration timeout) {
        int ms = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ms);
            socket.setSoTimeout(ms);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code Mode:} line of {@code srvr} in lower case ({@code leader}, {@code follower},
     * {@code observer}, {@code standalone}, {@code read-only}), or empty when the server is down or
     * not serving.
     */
    public static Optional<String> mode(int port, Duration timeout) {
        return send(port, "srvr", timeout).flatMap(FourLetterWordClient::parseMode);
    }

    static Optional<String> parseMode(String srvr) {
        for (String line : srvr.split("\n")) {
            String l = line.trim();
            if (l.startsWith("Mode:")) {
                return Optional.of(l.substring("Mode:".length()).trim().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
