package io.warden.server.config;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Parses the value of one {@code server.N} line:
 * {@code host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]}.
 * IPv6 literals go in brackets ({@code [::1]:2888:3888}). Failures are reported as
 * {@link IllegalArgumentException} with a reason; the caller adds file and line.
 */
final class ServerLineParser {

    private ServerLineParser() {
    }

    /** Parses the {@code N} of {@code server.N}. */
    static long parseId(String suffix) {
        try {
            long id = Long.parseLong(suffix);
            if (id < 0) {
                throw new IllegalArgumentException("server id must be >= 0, got '" + suffix + "'");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server id is not a number: '" + suffix + "'");
        }
    }

    static PeerSpec parse(long id, String value) {
        if (value.indexOf('|') >= 0) {
            throw new IllegalArgumentException("multiple addresses per server ('|') are not supported: '" + value + "'");
        }
        int semi = value.indexOf(';');
        String addressPart = (semi < 0 ? value : value.substring(0, semi)).trim();
        Optional<InetSocketAddress> client = Optional.empty();
        if (semi >= 0) {
            client = Optional.of(parseClientAddress(value.substring(semi + 1).trim()));
        }
        HostAndRest hr = splitHost(addressPart, "host:quorumPort:electionPort[:participant|:observer]");
        String[] parts = hr.rest.isEmpty() ? new String[0] : hr.rest.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected host:quorumPort:electionPort[:participant|:observer], got '"
                    + addressPart + "'");
        }
        int quorumPort = parsePort("quorum port", parts[0]);
        int electionPort = parsePort("election port", parts[1]);
        PeerRole role = PeerRole.PARTICIPANT;
        if (parts.length == 3) {
            role = PeerRole.fromConfigName(parts[2]).orElseThrow(() -> new IllegalArgumentException(
                    "peer type must be 'participant' or 'observer', got '" + parts[2] + "'"));
        }
        if (quorumPort == electionPort) {
            throw new IllegalArgumentException("quorum port and election port must differ, both are " + quorumPort);
        }
        return new PeerSpec(id, hr.host, quorumPort, electionPort, role, client);
    }

    /** {@code port}, {@code host:port} or {@code [v6]:port}; the host stays unresolved. */
    static InetSocketAddress parseClientAddress(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty client address after ';'");
        }
        if (text.indexOf(':') < 0) {
            return InetSocketAddress.createUnresolved("0.0.0.0", parsePort("client port", text));
        }
        HostAndRest hr = splitHost(text, "[clientHost:]clientPort");
        if (hr.rest.contains(":")) {
            throw new IllegalArgumentException("expected [clientHost:]clientPort, got '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(hr.host, parsePort("client port", hr.rest));
    }

    static int parsePort(String what, String text) {
        String t = text.trim();
        int port;
        try {
            port = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + t + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be in 1..65535, got " + port);
        }
        return port;
    }

    private record HostAndRest(String host, String rest) {
    }

    /** Splits {@code host:rest} or {@code [v6]:rest}. */
    private static HostAndRest splitHost(String text, String expected) {
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bad IPv6 address, expected " + expected + ", got '" + text + "'");
            }
            host = text.substring(1, close);
            rest = text.substring(close + 2);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
            }
            host = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        host = host.trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("missing host, expected " + expected + ", got '" + text + "'");
        }
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host contains whitespace: '" + host + "'");
        }
        return new HostAndRest(host, rest.trim());
    }
}
