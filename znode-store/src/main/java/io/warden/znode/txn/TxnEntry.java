package io.warden.znode.txn;

/** A header and its txn, as one log record holds them. */
public record TxnEntry(TxnHeader header, Txn txn) {}
