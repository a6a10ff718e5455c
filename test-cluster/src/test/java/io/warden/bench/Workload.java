package io.warden.bench;

/**
 * The three load shapes. Each session issues into its own key sequence so sessions do not
 * share a hot node more than the workload implies.
 */
enum Workload {
    /** Persistent-sequential creates with a payload under {@code <root>/create}. */
    CREATE("create"),
    /** setData with a payload on the pre-created nodes, round robin, version -1. */
    SET_DATA("setData"),
    /** getData (no watch) of the pre-created nodes, round robin. */
    GET_DATA("getData");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Issues operation number {@code seq} of session {@code session}; {@code done} is called exactly once. */
    void issue(AsyncClient client, BenchPaths paths, int session, long seq, byte[] payload, AsyncClient.Completion done) {
        switch (this) {
            case CREATE -> client.create(paths.createPrefix(), payload, done);
            case SET_DATA -> client.setData(paths.dataNode(session, seq), payload, done);
            case GET_DATA -> client.getData(paths.dataNode(session, seq), done);
            default -> throw new IllegalStateException("unhandled workload " + this);
        }
    }

    static Workload parse(String name) {
        for (Workload w : values()) {
            if (w.label.equalsIgnoreCase(name.trim()) || w.name().equalsIgnoreCase(name.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "' (expected create, setData or getData)");
    }
}
