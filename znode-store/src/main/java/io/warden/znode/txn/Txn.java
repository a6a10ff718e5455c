package io.warden.znode.txn;

/**
 * A transaction of the znode state machine: what the leader proposes, the log stores and every
 * server applies in zxid order. Txns are fully resolved (sequential names, expanded ACLs, new
 * versions) so that applying the same sequence gives the same tree on every server.
 * Instances are immutable; byte arrays they hold must not be modified after construction.
 */
public sealed interface Txn permits CreateTxn, DeleteTxn, DeleteContainerTxn, SetDataTxn, SetACLTxn, CheckTxn,
        MultiTxn, ErrorTxn, CreateSessionTxn, CloseSessionTxn {

    /** The ZooKeeper opcode this txn travels as (create, delete, ..., error -1, createSession -10, ...). */
    int type();
}
