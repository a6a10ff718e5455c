package io.warden.zab;

import io.warden.zab.message.ZabMessage;

/** A message addressed to one peer. */
public record Envelope(long to, ZabMessage message) {
}
