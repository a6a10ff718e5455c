package io.warden.recipes.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Helpers for sequential node names ({@code [prefix]name0000000042}); the sequence is the trailing 10 digits. */
public final class Sequences {
    private static final int DIGITS = 10;

    private Sequences() {}

    /** The sequence number of a sequential node name, or -1 when the name does not end in one. */
    public static long sequenceOf(String name) {
        if (name.length() < DIGITS) {
            return -1;
        }
        String tail = name.substring(name.length() - DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            if (!Character.isDigit(tail.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(tail);
    }

    /** Children that contain {@code marker} (any if null) and end in a sequence, sorted by sequence. */
    public static List<String> sorted(List<String> children, String marker) {
        List<String> out = new ArrayList<>(children.size());
        for (String c : children) {
            if ((marker == null || c.contains(marker)) && sequenceOf(c) >= 0) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Sequences::sequenceOf));
        return out;
    }

    /** The last segment of a path. */
    public static String nodeName(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /** Joins a parent path and a child name. */
    public static String join(String parent, String child) {
        return parent.endsWith("/") ? parent + child : parent + "/" + child;
    }
}
