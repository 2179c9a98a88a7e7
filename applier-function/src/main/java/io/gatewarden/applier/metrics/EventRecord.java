package io.gatewarden.applier.metrics;

/**
 * What happened while this thread handled one change event, for its log line: the object's recorded outcome,
 * its VIP, its shard placement and how many controller calls it took. Filled in by the parts that know (the state
 * store, the allocator's caller, the controller clients) without passing it through every signature.
 */
public final class EventRecord {

    private static final ThreadLocal<EventRecord> CURRENT = new ThreadLocal<>();

    private final String owner;
    private String outcome;
    private String detail;
    private String vip;
    private int controllerCalls;

    private EventRecord(String owner) {
        this.owner = owner;
    }

    /** Starts recording the event of {@code owner} (an owner id) on this thread. */
    public static EventRecord start(String owner) {
        EventRecord r = new EventRecord(owner);
        CURRENT.set(r);
        return r;
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** The outcome recorded for {@code owner}, when it is the object this thread handles (not a parent's). */
    static void outcome(String owner, String status, String detail) {
        EventRecord r = CURRENT.get();
        if (r != null && r.owner.equals(owner)) {
            r.outcome = status;
            r.detail = detail;
        }
    }

    public static void vip(String address) {
        EventRecord r = CURRENT.get();
        if (r != null) {
            r.vip = address;
        }
    }

    public static void controllerCall() {
        EventRecord r = CURRENT.get();
        if (r != null) {
            r.controllerCalls++;
        }
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public String vip() {
        return vip;
    }

    public int controllerCalls() {
        return controllerCalls;
    }
}
