package io.warden.znode;

import java.util.List;

/**
 * A ZooKeeper error, carrying the protocol's error {@link Code} and the path it concerns.
 * Each code has its own subclass, so callers can catch e.g. {@link NoNodeException}.
 */
public abstract class KeeperException extends Exception {

    /** Error codes with their wire values. */
    public enum Code {
        OK(0, "ok"),
        SYSTEMERROR(-1, "system error"),
        RUNTIMEINCONSISTENCY(-2, "runtime inconsistency"),
        DATAINCONSISTENCY(-3, "data inconsistency"),
        CONNECTIONLOSS(-4, "connection loss"),
        MARSHALLINGERROR(-5, "error while marshalling or unmarshalling data"),
        UNIMPLEMENTED(-6, "unimplemented"),
        OPERATIONTIMEOUT(-7, "operation timeout"),
        BADARGUMENTS(-8, "bad arguments"),
        UNKNOWNSESSION(-12, "unknown session"),
        NEWCONFIGNOQUORUM(-13, "no quorum of new config is connected"),
        RECONFIGINPROGRESS(-14, "another reconfiguration is in progress"),
        APIERROR(-100, "API error"),
        NONODE(-101, "no node"),
        NOAUTH(-102, "not authenticated"),
        BADVERSION(-103, "bad version"),
        NOCHILDRENFOREPHEMERALS(-108, "ephemeral nodes may not have children"),
        NODEEXISTS(-110, "node exists"),
        NOTEMPTY(-111, "directory not empty"),
        SESSIONEXPIRED(-112, "session expired"),
        INVALIDCALLBACK(-113, "invalid callback"),
        INVALIDACL(-114, "invalid ACL"),
        AUTHFAILED(-115, "authentication failed"),
        SESSIONMOVED(-118, "session moved to another server, so operation is ignored"),
        NOTREADONLY(-119, "not a read-only call"),
        EPHEMERALONLOCALSESSION(-120, "ephemeral node on local session"),
        NOWATCHER(-121, "no watcher"),
        REQUESTTIMEOUT(-122, "request timeout"),
        RECONFIGDISABLED(-123, "reconfig is disabled"),
        SESSIONCLOSEDREQUIRESASLAUTH(-124, "session closed because client failed to authenticate"),
        QUOTAEXCEEDED(-125, "quota has exceeded"),
        THROTTLEDOP(-127, "op throttled due to high load");

        private final int intValue;
        private final String message;

        Code(int intValue, String message) {
            this.intValue = intValue;
            this.message = message;
        }

        public int intValue() { return intValue; }

        /** Human-readable text, as ZooKeeper prints it in exception messages. */
        public String message() { return message; }

        /** @return the code for a wire value, or null when no code has that value */
        public static Code get(int code) {
            for (Code c : values()) {
                if (c.intValue == code) {
                    return c;
                }
            }
            return null;
        }
    }

    private final Code code;
    private final String path;
    private List<OpResult> results;

    protected KeeperException(Code code, String path) {
        super(path == null ? "KeeperErrorCode = " + code.message() : "KeeperErrorCode = " + code.message() + " for " + path);
        this.code = code;
        this.path = path;
    }

    public Code code() { return code; }

    public String getPath() { return path; }

    /** For a failed multi: the per-operation results, or null. */
    public List<OpResult> getResults() { return results; }

    public void setMultiResults(List<OpResult> results) { this.results = results; }

    /** Builds the subclass for {@code code}. */
    public static KeeperException create(Code code, String path) {
        return switch (code) {
            case SYSTEMERROR -> new SystemErrorException(path);
            case RUNTIMEINCONSISTENCY -> new RuntimeInconsistencyException(path);
            case DATAINCONSISTENCY -> new DataInconsistencyException(path);
            case CONNECTIONLOSS -> new ConnectionLossException(path);
            case MARSHALLINGERROR -> new MarshallingErrorException(path);
            case UNIMPLEMENTED -> new UnimplementedException(path);
            case OPERATIONTIMEOUT -> new OperationTimeoutException(path);
            case BADARGUMENTS -> new BadArgumentsException(path);
            case UNKNOWNSESSION -> new UnknownSessionException(path);
            case NEWCONFIGNOQUORUM -> new NewConfigNoQuorum(path);
            case RECONFIGINPROGRESS -> new ReconfigInProgress(path);
            case APIERROR -> new APIErrorException(path);
            case NONODE -> new NoNodeException(path);
            case NOAUTH -> new NoAuthException(path);
            case BADVERSION -> new BadVersionException(path);
            case NOCHILDRENFOREPHEMERALS -> new NoChildrenForEphemeralsException(path);
            case NODEEXISTS -> new NodeExistsException(path);
            case NOTEMPTY -> new NotEmptyException(path);
            case SESSIONEXPIRED -> new SessionExpiredException(path);
            case INVALIDCALLBACK -> new InvalidCallbackException(path);
            case INVALIDACL -> new InvalidACLException(path);
            case AUTHFAILED -> new AuthFailedException(path);
            case SESSIONMOVED -> new SessionMovedException(path);
            case NOTREADONLY -> new NotReadOnlyException(path);
            case EPHEMERALONLOCALSESSION -> new EphemeralOnLocalSessionException(path);
            case NOWATCHER -> new NoWatcherException(path);
            case REQUESTTIMEOUT -> new RequestTimeoutException(path);
            case RECONFIGDISABLED -> new ReconfigDisabledException(path);
            case SESSIONCLOSEDREQUIRESASLAUTH -> new SessionClosedRequireAuthException(path);
            case QUOTAEXCEEDED -> new QuotaExceededException(path);
            case THROTTLEDOP -> new ThrottledOpException(path);
            case OK -> throw new IllegalArgumentException("OK is not an error");
        };
    }

    public static KeeperException create(Code code) { return create(code, null); }

    /** Builds the exception for a wire error value; unknown values become SYSTEMERROR. */
    public static KeeperException create(int code, String path) {
        Code c = Code.get(code);
        return create(c == null || c == Code.OK ? Code.SYSTEMERROR : c, path);
    }

    public static class SystemErrorException extends KeeperException {
        public SystemErrorException() { super(Code.SYSTEMERROR, null); }
        public SystemErrorException(String path) { super(Code.SYSTEMERROR, path); }
    }

    public static class RuntimeInconsistencyException extends KeeperException {
        public RuntimeInconsistencyException() { super(Code.RUNTIMEINCONSISTENCY, null); }
        public RuntimeInconsistencyException(String path) { super(Code.RUNTIMEINCONSISTENCY, path); }
    }

    public static class DataInconsistencyException extends KeeperException {
        public DataInconsistencyException() { super(Code.DATAINCONSISTENCY, null); }
        public DataInconsistencyException(String path) { super(Code.DATAINCONSISTENCY, path); }
    }

    public static class ConnectionLossException extends KeeperException {
        public ConnectionLossException() { super(Code.CONNECTIONLOSS, null); }
        public ConnectionLossException(String path) { super(Code.CONNECTIONLOSS, path); }
    }

    public static class MarshallingErrorException extends KeeperException {
        public MarshallingErrorException() { super(Code.MARSHALLINGERROR, null); }
        public MarshallingErrorException(String path) { super(Code.MARSHALLINGERROR, path); }
    }

    public static class UnimplementedException extends KeeperException {
        public UnimplementedException() { super(Code.UNIMPLEMENTED, null); }
        public UnimplementedException(String path) { super(Code.UNIMPLEMENTED, path); }
    }

    public static class OperationTimeoutException extends KeeperException {
        public OperationTimeoutException() { super(Code.OPERATIONTIMEOUT, null); }
        public OperationTimeoutException(String path) { super(Code.OPERATIONTIMEOUT, path); }
    }

    public static class BadArgumentsException extends KeeperException {
        public BadArgumentsException() { super(Code.BADARGUMENTS, null); }
        public BadArgumentsException(String path) { super(Code.BADARGUMENTS, path); }
    }

    public static class UnknownSessionException extends KeeperException {
        public UnknownSessionException() { super(Code.UNKNOWNSESSION, null); }
        public UnknownSessionException(String path) { super(Code.UNKNOWNSESSION, path); }
    }

    public static class NewConfigNoQuorum extends KeeperException {
        public NewConfigNoQuorum() { super(Code.NEWCONFIGNOQUORUM, null); }
        public NewConfigNoQuorum(String path) { super(Code.NEWCONFIGNOQUORUM, path); }
    }

    public static class ReconfigInProgress extends KeeperException {
        public ReconfigInProgress() { super(Code.RECONFIGINPROGRESS, null); }
        public ReconfigInProgress(String path) { super(Code.RECONFIGINPROGRESS, path); }
    }

    public static class APIErrorException extends KeeperException {
        public APIErrorException() { super(Code.APIERROR, null); }
        public APIErrorException(String path) { super(Code.APIERROR, path); }
    }

    public static class NoNodeException extends KeeperException {
        public NoNodeException() { super(Code.NONODE, null); }
        public NoNodeException(String path) { super(Code.NONODE, path); }
    }

    public static class NoAuthException extends KeeperException {
        public NoAuthException() { super(Code.NOAUTH, null); }
        public NoAuthException(String path) { super(Code.NOAUTH, path); }
    }

    public static class BadVersionException extends KeeperException {
        public BadVersionException() { super(Code.BADVERSION, null); }
        public BadVersionException(String path) { super(Code.BADVERSION, path); }
    }

    public static class NoChildrenForEphemeralsException extends KeeperException {
        public NoChildrenForEphemeralsException() { super(Code.NOCHILDRENFOREPHEMERALS, null); }
        public NoChildrenForEphemeralsException(String path) { super(Code.NOCHILDRENFOREPHEMERALS, path); }
    }

    public static class NodeExistsException extends KeeperException {
        public NodeExistsException() { super(Code.NODEEXISTS, null); }
        public NodeExistsException(String path) { super(Code.NODEEXISTS, path); }
    }

    public static class NotEmptyException extends KeeperException {
        public NotEmptyException() { super(Code.NOTEMPTY, null); }
        public NotEmptyException(String path) { super(Code.NOTEMPTY, path); }
    }

    public static class SessionExpiredException extends KeeperException {
        public SessionExpiredException() { super(Code.SESSIONEXPIRED, null); }
        public SessionExpiredException(String path) { super(Code.SESSIONEXPIRED, path); }
    }

    public static class InvalidCallbackException extends KeeperException {
        public InvalidCallbackException() { super(Code.INVALIDCALLBACK, null); }
        public InvalidCallbackException(String path) { super(Code.INVALIDCALLBACK, path); }
    }

    public static class InvalidACLException extends KeeperException {
        public InvalidACLException() { super(Code.INVALIDACL, null); }
        public InvalidACLException(String path) { super(Code.INVALIDACL, path); }
    }

    public static class AuthFailedException extends KeeperException {
        public AuthFailedException() { super(Code.AUTHFAILED, null); }
        public AuthFailedException(String path) { super(Code.AUTHFAILED, path); }
    }

    public static class SessionMovedException extends KeeperException {
        public SessionMovedException() { super(Code.SESSIONMOVED, null); }
        public SessionMovedException(String path) { super(Code.SESSIONMOVED, path); }
    }

    public static class NotReadOnlyException extends KeeperException {
        public NotReadOnlyException() { super(Code.NOTREADONLY, null); }
        public NotReadOnlyException(String path) { super(Code.NOTREADONLY, path); }
    }

    public static class EphemeralOnLocalSessionException extends KeeperException {
        public EphemeralOnLocalSessionException() { super(Code.EPHEMERALONLOCALSESSION, null); }
        public EphemeralOnLocalSessionException(String path) { super(Code.EPHEMERALONLOCALSESSION, path); }
    }

    public static class NoWatcherException extends KeeperException {
        public NoWatcherException() { super(Code.NOWATCHER, null); }
        public NoWatcherException(String path) { super(Code.NOWATCHER, path); }
    }

    public static class RequestTimeoutException extends KeeperException {
        public RequestTimeoutException() { super(Code.REQUESTTIMEOUT, null); }
        public RequestTimeoutException(String path) { super(Code.REQUESTTIMEOUT, path); }
    }

    public static class ReconfigDisabledException extends KeeperException {
        public ReconfigDisabledException() { super(Code.RECONFIGDISABLED, null); }
        public ReconfigDisabledException(String path) { super(Code.RECONFIGDISABLED, path); }
    }

    public static class SessionClosedRequireAuthException extends KeeperException {
        public SessionClosedRequireAuthException() { super(Code.SESSIONCLOSEDREQUIRESASLAUTH, null); }
        public SessionClosedRequireAuthException(String path) { super(Code.SESSIONCLOSEDREQUIRESASLAUTH, path); }
    }

    public static class QuotaExceededException extends KeeperException {
        public QuotaExceededException() { super(Code.QUOTAEXCEEDED, null); }
        public QuotaExceededException(String path) { super(Code.QUOTAEXCEEDED, path); }
    }

    public static class ThrottledOpException extends KeeperException {
        public ThrottledOpException() { super(Code.THROTTLEDOP, null); }
        public ThrottledOpException(String path) { super(Code.THROTTLEDOP, path); }
    }
}
