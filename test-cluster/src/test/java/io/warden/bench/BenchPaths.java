package io.warden.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The znode layout of one measured run: {@code <root>/create/n-<seq>} for creates and
 * {@code <root>/data/n-<i>} for the nodes setData/getData cycle over. Data paths are built once so
 * the load loop allocates nothing for them.
 */
final class BenchPaths {
    private final String root;
    private final String createPrefix;
    private final String[] dataNodes;

    BenchPaths(String root, int nodes) {
        if (!root.startsWith("/") || root.endsWith("/")) {
            throw new IllegalArgumentException("root must be an absolute path without a trailing slash: " + root);
        }
        this.root = root;
        this.createPrefix = root + "/create/n-";
        this.dataNodes = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            dataNodes[i] = root + "/data/n-" + i;
        }
    }

    String root() {
        return root;
    }

    String createPrefix() {
        return createPrefix;
    }

    /** The node session {@code session} touches at step {@code seq}; sessions start spread over the nodes. */
    String dataNode(int session, long seq) {
        int stride = Math.max(1, dataNodes.length / 64);
        return dataNodes[(int) ((session * (long) stride + seq) % dataNodes.length)];
    }

    /** The parents every run needs, outermost first. */
    List<String> parents() {
        List<String> out = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (String part : root.substring(1).split("/")) {
            prefix.append('/').append(part);
            out.add(prefix.toString());
        }
        out.add(root + "/create");
        out.add(root + "/data");
        return out;
    }

    /** The nodes setData/getData cycle over. */
    List<String> dataNodes() {
        return List.of(dataNodes);
    }
}
