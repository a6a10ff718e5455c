/**
 * ZAB as a deterministic state machine.
 *
 * <p>{@link io.warden.zab.ZabPeer} is driven by {@code tick()}, {@code step(from, message)},
 * {@code propose(payload)} and {@code persisted(zxid)}; its outputs accumulate in a
 * {@link io.warden.zab.Ready} (persist, then send and apply). Roles: {@code Looking} (fast leader
 * election, {@code election}), {@code Leader} and {@code Learner} (follower or observer), which follow
 * the paper's phases: discovery ({@code discovery}), synchronization ({@code sync}) and broadcast
 * ({@code broadcast}). The seams to the outside world are {@link io.warden.zab.ZabTransport},
 * {@link io.warden.zab.ZabStorage} and {@link io.warden.zab.StateMachine} (with
 * {@link io.warden.zab.SnapshotSource}); {@link io.warden.zab.ZabDriver} wires a peer to them in the
 * order the Ready contract requires. Nothing here starts threads, reads clocks or does I/O.
 */
package io.warden.zab;
