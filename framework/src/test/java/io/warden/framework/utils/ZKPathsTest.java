package io.warden.framework.utils;

import io.warden.framework.imps.Namespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZKPathsTest {
    @Test
    void makePathJoinsWithExactlyOneSeparator() {
        assertEquals("/a/b", ZKPaths.makePath("/a", "b"));
        assertEquals("/a/b", ZKPaths.makePath("/a/", "/b"));
        assertEquals("/a", ZKPaths.makePath("a", null));
        assertEquals("/", ZKPaths.makePath("/", ""));
        assertEquals("/a/b/c/d", ZKPaths.makePath("/a", "b", "c", "/d"));
    }

    @Test
    void splitsAndNamesNodes() {
        assertEquals("c", ZKPaths.getNodeFromPath("/a/b/c"));
        assertEquals(new ZKPaths.PathAndNode("/a/b", "c"), ZKPaths.getPathAndNode("/a/b/c"));
        assertEquals(new ZKPaths.PathAndNode("/", "a"), ZKPaths.getPathAndNode("/a"));
        assertEquals(List.of("a", "b"), ZKPaths.split("/a/b"));
        assertEquals(List.of(), ZKPaths.split("/"));
        assertEquals("0000000042", ZKPaths.extractSequentialSuffix("/q/item-0000000042"));
        assertNull(ZKPaths.extractSequentialSuffix("/q/item"));
    }

    @Test
    void namespaceFixAndUnfixAreInverse() {
        assertEquals("/ns/a", ZKPaths.fixForNamespace("ns", "/a"));
        assertEquals("/ns", ZKPaths.fixForNamespace("ns", "/"));
        assertEquals("/a", ZKPaths.fixForNamespace(null, "/a"));
        Namespace ns = Namespace.of("x/y");
        assertEquals("/a", ns.unfix(ns.fix("/a")));
        assertEquals("/", ns.unfix("/x/y"));
        assertThrows(IllegalArgumentException.class, () -> Namespace.of("bad/"));
    }

    @Test
    void invalidPathsAreRejectedNamingThePath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZKPaths.split("/a//b"));
        assertTrue(e.getMessage().contains("/a//b"));
        assertThrows(IllegalArgumentException.class, () -> ZKPaths.fixForNamespace("ns", "rel"));
        assertThrows(IllegalArgumentException.class, () -> ZKPaths.getNodeFromPath("/a/"));
    }
}
