package io.warden.znode.wire;

import io.warden.znode.Op;
import io.warden.znode.OpResult;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.Headers.MultiHeader;
import io.warden.znode.wire.Requests.CreateRequest;
import io.warden.znode.wire.Requests.PathVersionRequest;
import io.warden.znode.wire.Requests.PathWatchRequest;
import io.warden.znode.wire.Requests.SetDataRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The multi (14) and multiRead (22) bodies: a list of {@link MultiHeader}-prefixed records ended by
 * {@code {-1, true, -1}}.
 */
public final class MultiCodec {
    private MultiCodec() {}

    private static final MultiHeader END = new MultiHeader(-1, true, -1);

    public static void writeOps(JuteWriter out, List<Op> ops) {
        for (Op op : ops) {
            new MultiHeader(op.getType(), false, -1).write(out);
            if (op instanceof Op.Create c) {
                new CreateRequest(c.path(), c.data(), c.acl(), c.flags(),
                        c.type() == OpCode.createTTL ? c.ttl() : CreateRequest.NO_TTL).write(out);
            } else if (op instanceof Op.Delete d) {
                new PathVersionRequest(d.path(), d.version()).write(out);
            } else if (op instanceof Op.SetData sd) {
                new SetDataRequest(sd.path(), sd.data(), sd.version()).write(out);
            } else if (op instanceof Op.Check c) {
                new PathVersionRequest(c.path(), c.version()).write(out);
            } else {
                new PathWatchRequest(op.getPath(), false).write(out);
            }
        }
        END.write(out);
    }

    /**
     * @param readOnly true for multiRead: only getData and getChildren are accepted
     * @throws WireFormatException for an opcode that cannot appear in this kind of multi
     */
    public static List<Op> readOps(JuteReader in, boolean readOnly) {
        List<Op> ops = new ArrayList<>();
        while (true) {
            MultiHeader h = MultiHeader.read(in);
            if (h.done()) {
                return ops;
            }
            ops.add(readOp(in, h.type(), readOnly));
        }
    }

    private static Op readOp(JuteReader in, int type, boolean readOnly) {
        if (readOnly) {
            return switch (type) {
                case OpCode.getData -> new Op.GetData(PathWatchRequest.read(in).path());
                case OpCode.getChildren -> new Op.GetChildren(PathWatchRequest.read(in).path());
                default -> throw new WireFormatException("opcode " + type + " is not allowed in multiRead");
            };
        }
        return switch (type) {
            case OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL -> {
                CreateRequest r = CreateRequest.read(in, type == OpCode.createTTL);
                yield new Op.Create(type, r.path(), r.data(), r.acl(), r.flags(), r.hasTtl() ? r.ttl() : -1);
            }
            case OpCode.delete -> {
                PathVersionRequest r = PathVersionRequest.read(in);
                yield new Op.Delete(r.path(), r.version());
            }
            case OpCode.setData -> {
                SetDataRequest r = SetDataRequest.read(in);
                yield new Op.SetData(r.path(), r.data(), r.version());
            }
            case OpCode.check -> {
                PathVersionRequest r = PathVersionRequest.read(in);
                yield new Op.Check(r.path(), r.version());
            }
            default -> throw new WireFormatException("opcode " + type + " is not allowed in multi");
        };
    }

    public static void writeResults(JuteWriter out, List<OpResult> results) {
        for (OpResult r : results) {
            int err = r instanceof OpResult.ErrorResult e ? e.err() : 0;
            new MultiHeader(r.getType(), false, err).write(out);
            if (r instanceof OpResult.CreateResult c) {
                out.writeString(c.path());
                if (c.stat() != null) {
                    out.writeStat(c.stat());
                }
            } else if (r instanceof OpResult.SetDataResult sd) {
                out.writeStat(sd.stat());
            } else if (r instanceof OpResult.GetDataResult g) {
                out.writeBuffer(g.data()).writeStat(g.stat());
            } else if (r instanceof OpResult.GetChildrenResult g) {
                out.writeStringList(g.children());
            } else if (r instanceof OpResult.ErrorResult e) {
                out.writeInt(e.err());
            }
        }
        END.write(out);
    }

    public static List<OpResult> readResults(JuteReader in) {
        List<OpResult> results = new ArrayList<>();
        while (true) {
            MultiHeader h = MultiHeader.read(in);
            if (h.done()) {
                return results;
            }
            results.add(switch (h.type()) {
                case OpCode.create -> new OpResult.CreateResult(in.readString(), null);
                case OpCode.create2 -> new OpResult.CreateResult(in.readString(), in.readStat());
                case OpCode.delete -> new OpResult.DeleteResult();
                case OpCode.setData -> new OpResult.SetDataResult(in.readStat());
                case OpCode.check -> new OpResult.CheckResult();
                case OpCode.getData -> new OpResult.GetDataResult(in.readBuffer(), in.readStat());
                case OpCode.getChildren -> new OpResult.GetChildrenResult(in.readStringList());
                case OpCode.error -> new OpResult.ErrorResult(in.readInt());
                default -> throw new WireFormatException("unknown multi result type " + h.type());
            });
        }
    }
}
