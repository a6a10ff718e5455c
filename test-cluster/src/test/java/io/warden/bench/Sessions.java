package io.warden.bench;

import java.util.ArrayList;
import java.util.List;

/** N open sessions of one client library; closing closes them all (errors reported, not thrown). */
final class Sessions implements AutoCloseable {
    private final List<AsyncClient> clients;

    private Sessions(List<AsyncClient> clients) {
        this.clients = clients;
    }

    /** Opens {@code n} sessions; if one fails, the ones already open are closed. Blocks while connecting. */
    static Sessions open(AsyncClient.Factory factory, String connectString, int n) throws Exception {
        Sessions sessions = new Sessions(new ArrayList<>());
        try {
            for (int i = 0; i < n; i++) {
                sessions.clients.add(factory.open(connectString));
            }
        } catch (Exception | Error e) {
            sessions.close();
            throw e;
        }
        return sessions;
    }

    /** Opens one session per connect string, in order; if one fails, the ones already open are closed. */
    static Sessions open(AsyncClient.Factory factory, List<String> connectStrings) throws Exception {
        Sessions sessions = new Sessions(new ArrayList<>());
        try {
            for (String connectString : connectStrings) {
                sessions.clients.add(factory.open(connectString));
            }
        } catch (Exception | Error e) {
            sessions.close();
            throw e;
        }
        return sessions;
    }

    List<AsyncClient> list() {
        return List.copyOf(clients);
    }

    @Override
    public void close() {
        for (AsyncClient client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                System.err.println("warning: closing a session failed: " + e);
            }
        }
        clients.clear();
    }
}
