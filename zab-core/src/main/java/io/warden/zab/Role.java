package io.warden.zab;

/** The role a peer plays; also the state a peer announces in election notifications. */
public enum Role {
    LOOKING, FOLLOWING, LEADING, OBSERVING
}
