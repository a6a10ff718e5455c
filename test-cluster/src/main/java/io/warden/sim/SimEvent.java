package io.warden.sim;

import io.warden.zab.message.ZabMessage;

/** Everything that can happen at a point of virtual time. */
sealed interface SimEvent {
    record Tick(long node, int incarnation) implements SimEvent {
    }

    record Deliver(long from, long to, ZabMessage message) implements SimEvent {
    }

    record Fsync(long node, int incarnation) implements SimEvent {
    }

    /**
     * {@code node}'s driver saw a connection with {@code peer} close; {@code whileCut}: only if the
     * two are still cut apart then (a keepalive that gave up).
     */
    record LinkLost(long node, int incarnation, long peer, boolean election, boolean whileCut) implements SimEvent {
    }

    record ClientWrite() implements SimEvent {
    }

    record Compact(long node) implements SimEvent {
    }

    record Nemesis() implements SimEvent {
    }

    /** A scheduled fault or repair, described for the trace. */
    record Action(String description, Runnable run) implements SimEvent {
        @Override
        public String toString() {
            return "Action[" + description + "]";
        }
    }
}
