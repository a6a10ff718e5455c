package io.warden.framework.api.transaction;

/** The kind of one transaction operation. */
public enum OperationType {
    CREATE, DELETE, SET_DATA, CHECK
}
