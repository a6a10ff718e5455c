/** The Curator-style client framework: CuratorFramework and its fluent builders. */
package io.warden.framework;
