package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every store of the applier in memory, with the DynamoDB implementations' semantics (one owner per address, per
 * name; conditional moves and settles; generations), so orchestration tests run without DynamoDB Local. One lock
 * stands for DynamoDB's per-item atomicity and its transactions. The DynamoDB stores keep their own tests against
 * DynamoDB Local, concurrency and conditional-write conflicts included.
 */
public final class InMemoryTable {

    private static final class State {
        String status;
        String reason;
        String detail;
        String vip;
        String pool;
        String movedFrom;
        String uid;
        String digest;
        List<OwnerKey> parents = List.of();
        String realized;
        long observedAt;
        String lastFailure;
    }

    private static final class Pool {
        long next;
        final Map<String, OwnerKey> owners = new HashMap<>();
        final Set<String> free = new TreeSet<>();
    }

    private final Map<OwnerKey, State> states = new HashMap<>();
    private final Map<String, Pool> pools = new HashMap<>();
    private final Map<String, Map<String, Integer>> placements = new HashMap<>();
    private final Map<OwnerKey, long[]> generations = new HashMap<>();
    private final Map<OwnerKey, Set<OwnerKey>> pending = new HashMap<>();
    private final Map<String, OwnerKey> names = new HashMap<>();
    private final Map<OwnerKey, Set<OwnerKey>> links = new HashMap<>();

    private State state(OwnerKey owner) {
        return states.computeIfAbsent(owner, o -> new State());
    }

    private Pool pool(String id) {
        return pools.computeIfAbsent(id, p -> new Pool());
    }

    private static ObjectState view(OwnerKey owner, State s) {
        return new ObjectState(owner, s.status, s.reason, s.vip, s.detail, s.uid, s.digest, s.parents, s.realized,
                s.observedAt, s.movedFrom);
    }

    /** The address becomes the owner's: its address entry, its free-list entry gone, its state's lease. */
    private static ClaimResult take(Pool p, String poolId, String address, OwnerKey owner, State s) {
        p.owners.put(address, owner);
        p.free.remove(address);
        s.vip = address;
        s.pool = poolId;
        return ClaimResult.CLAIMED;
    }

    public StateStore states() {
        return new StateStore() {
            @Override
            public void intend(OwnerKey owner, List<OwnerKey> parents, String realized) {
                synchronized (InMemoryTable.this) {
                    State s = state(owner);
                    s.parents = List.copyOf(parents);
                    s.realized = realized;
                }
            }

            @Override
            public void setOutcome(OwnerKey owner, String status, String reason, String detail, boolean deleted) {
                synchronized (InMemoryTable.this) {
                    State s = state(owner);
                    s.status = status;
                    s.reason = reason;
                    s.detail = detail;
                }
            }

            @Override
            public void observed(OwnerKey owner, String uid, String digest) {
                synchronized (InMemoryTable.this) {
                    State s = state(owner);
                    s.uid = uid;
                    s.digest = digest;
                    s.observedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                }
            }

            @Override
            public Optional<ObjectState> load(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    return Optional.ofNullable(states.get(owner)).map(s -> view(owner, s));
                }
            }

            @Override
            public void record(OwnerKey owner, String status, String detail, List<OwnerKey> parents, String uid,
                    String digest) {
                synchronized (InMemoryTable.this) {
                    intend(owner, parents, null);
                    setOutcome(owner, status, null, detail, false);
                    observed(owner, uid, digest);
                }
            }

            @Override
            public Optional<ObjectState> settle(OwnerKey owner, Set<String> from, String status, String reason) {
                synchronized (InMemoryTable.this) {
                    State s = states.get(owner);
                    if (s == null || s.status == null || !from.contains(s.status)) {
                        return Optional.empty();
                    }
                    s.status = status;
                    s.reason = reason;
                    return Optional.of(view(owner, s));
                }
            }

            @Override
            public void recordFailure(OwnerKey owner, String reason) {
                synchronized (InMemoryTable.this) {
                    state(owner).lastFailure = reason;
                }
            }

            @Override
            public Optional<String> lastFailure(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    return Optional.ofNullable(states.get(owner)).map(s -> s.lastFailure);
                }
            }

            @Override
            public List<ObjectState> all(String cluster) {
                synchronized (InMemoryTable.this) {
                    List<ObjectState> out = new ArrayList<>();
                    states.forEach((k, s) -> {
                        if (k.cluster().equals(cluster)) {
                            out.add(view(k, s));
                        }
                    });
                    return out;
                }
            }
        };
    }

    public AllocationStore allocations() {
        return new AllocationStore() {
            @Override
            public Optional<Lease> lease(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    State s = states.get(owner);
                    return s == null || s.vip == null ? Optional.empty() : Optional.of(new Lease(s.pool, s.vip));
                }
            }

            @Override
            public OptionalLong advanceCursor(VipPool pool) {
                synchronized (InMemoryTable.this) {
                    Pool p = pool(pool.id());
                    return p.next < pool.size() ? OptionalLong.of(p.next++) : OptionalLong.empty();
                }
            }

            @Override
            public Optional<String> anyFree(VipPool pool) {
                synchronized (InMemoryTable.this) {
                    return pool(pool.id()).free.stream().findFirst();
                }
            }

            @Override
            public ClaimResult claim(VipPool pool, String address, OwnerKey owner, boolean fromFreeList) {
                synchronized (InMemoryTable.this) {
                    Pool p = pool(pool.id());
                    State s = state(owner);
                    if (p.owners.containsKey(address)) {
                        return ClaimResult.ADDRESS_TAKEN;
                    }
                    if (fromFreeList && !p.free.contains(address)) {
                        return ClaimResult.FREE_GONE;
                    }
                    if (s.vip != null && !s.vip.equals(address)) {
                        return ClaimResult.OWNER_HAS_OTHER;
                    }
                    return take(p, pool.id(), address, owner, s);
                }
            }

            @Override
            public Optional<OwnerKey> ownerOf(VipPool pool, String address) {
                synchronized (InMemoryTable.this) {
                    return Optional.ofNullable(pool(pool.id()).owners.get(address));
                }
            }

            @Override
            public void addFree(VipPool pool, String address) {
                synchronized (InMemoryTable.this) {
                    pool(pool.id()).free.add(address);
                }
            }

            @Override
            public void dropFree(VipPool pool, String address) {
                synchronized (InMemoryTable.this) {
                    pool(pool.id()).free.remove(address);
                }
            }

            @Override
            public void release(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    State s = states.get(owner);
                    if (s == null || s.vip == null) {
                        return;
                    }
                    Pool p = pool(s.pool);
                    if (owner.equals(p.owners.get(s.vip))) {
                        p.owners.remove(s.vip);
                        p.free.add(s.vip);
                    }
                    s.vip = null;
                    s.pool = null;
                }
            }

            @Override
            public ClaimResult move(VipPool pool, String address, OwnerKey owner, Lease from) {
                synchronized (InMemoryTable.this) {
                    Pool p = pool(pool.id());
                    State s = state(owner);
                    if (p.owners.containsKey(address)) {
                        return ClaimResult.ADDRESS_TAKEN;
                    }
                    if (!from.address().equals(s.vip) || s.movedFrom != null) {
                        return ClaimResult.OWNER_HAS_OTHER;
                    }
                    s.movedFrom = from.pool() + "|" + from.address();
                    return take(p, pool.id(), address, owner, s);
                }
            }

            @Override
            public Optional<Lease> movedFrom(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    State s = states.get(owner);
                    if (s == null || s.movedFrom == null) {
                        return Optional.empty();
                    }
                    String[] f = s.movedFrom.split("\\|", 2);
                    return Optional.of(new Lease(f[0], f[1]));
                }
            }

            @Override
            public void finishMove(OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    Optional<Lease> from = movedFrom(owner);
                    if (from.isEmpty()) {
                        return;
                    }
                    Pool p = pool(from.get().pool());
                    if (owner.equals(p.owners.get(from.get().address()))) {
                        p.owners.remove(from.get().address());
                        p.free.add(from.get().address());
                    }
                    states.get(owner).movedFrom = null;
                }
            }

            @Override
            public int returnStranded(VipPool pool) {
                synchronized (InMemoryTable.this) {
                    Pool p = pool(pool.id());
                    int returned = 0;
                    for (long i = 0; i < Math.min(p.next, pool.size()); i++) {
                        String ip = pool.addressAt(i);
                        if (!p.owners.containsKey(ip) && p.free.add(ip)) {
                            returned++;
                        }
                    }
                    return returned;
                }
            }
        };
    }

    public ShardStore shards() {
        return new ShardStore() {
            private Map<String, Integer> of(String cluster, String setting) {
                return placements.computeIfAbsent(cluster + "#" + setting, k -> new TreeMap<>());
            }

            @Override
            public Optional<Integer> shardOf(String cluster, String setting, String host) {
                synchronized (InMemoryTable.this) {
                    return Optional.ofNullable(of(cluster, setting).get(host));
                }
            }

            @Override
            public int placeIfAbsent(String cluster, String setting, String host, int shard) {
                synchronized (InMemoryTable.this) {
                    return of(cluster, setting).computeIfAbsent(host, h -> shard);
                }
            }

            @Override
            public Map<Integer, Integer> loads(String cluster, String setting) {
                synchronized (InMemoryTable.this) {
                    Map<Integer, Integer> loads = new HashMap<>();
                    of(cluster, setting).values().forEach(s -> loads.merge(s, 1, Integer::sum));
                    return loads;
                }
            }

            @Override
            public List<Placement> placements(String cluster, String setting) {
                synchronized (InMemoryTable.this) {
                    List<Placement> out = new ArrayList<>();
                    of(cluster, setting).forEach((h, s) -> out.add(new Placement(h, s)));
                    return out;
                }
            }

            @Override
            public List<Placement> placementsOn(String cluster, String setting, int shard) {
                return placements(cluster, setting).stream().filter(p -> p.shard() == shard).toList();
            }

            @Override
            public boolean move(String cluster, String setting, String host, int from, int to) {
                synchronized (InMemoryTable.this) {
                    return of(cluster, setting).replace(host, from, to);
                }
            }
        };
    }

    public GenerationStore generations() {
        return new GenerationStore() {
            @Override
            public Generation markDirty(OwnerKey parent, OwnerKey child) {
                synchronized (InMemoryTable.this) {
                    if (child != null) {
                        pending.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child);
                    }
                    long[] g = generations.computeIfAbsent(parent, p -> new long[3]);
                    g[0]++;
                    return new Generation(g[0], g[1], Set.of(), g[2]);
                }
            }

            @Override
            public void jobSent(OwnerKey parent, long atMillis) {
                synchronized (InMemoryTable.this) {
                    generations.computeIfAbsent(parent, p -> new long[3])[2] = atMillis;
                }
            }

            @Override
            public Generation load(OwnerKey parent) {
                synchronized (InMemoryTable.this) {
                    long[] g = generations.getOrDefault(parent, new long[3]);
                    return new Generation(g[0], g[1], new LinkedHashSet<>(pending.getOrDefault(parent, Set.of())),
                            g[2]);
                }
            }

            @Override
            public boolean markApplied(OwnerKey parent, long generation, Collection<OwnerKey> settled) {
                synchronized (InMemoryTable.this) {
                    long[] g = generations.computeIfAbsent(parent, p -> new long[3]);
                    if (g[1] >= generation) {
                        return false;
                    }
                    g[1] = generation;
                    pending.getOrDefault(parent, new LinkedHashSet<>()).removeAll(settled);
                    return true;
                }
            }
        };
    }

    public NameStore names() {
        return new NameStore() {
            @Override
            public Optional<OwnerKey> claim(String lbAndName, OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    OwnerKey holder = names.putIfAbsent(lbAndName, owner);
                    return holder == null || holder.equals(owner) ? Optional.empty() : Optional.of(holder);
                }
            }

            @Override
            public void release(String lbAndName, OwnerKey owner) {
                synchronized (InMemoryTable.this) {
                    names.remove(lbAndName, owner);
                }
            }
        };
    }

    public LinkStore links() {
        return new LinkStore() {
            @Override
            public void link(OwnerKey parent, OwnerKey child) {
                synchronized (InMemoryTable.this) {
                    links.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(child);
                }
            }

            @Override
            public void unlink(OwnerKey parent, OwnerKey child) {
                synchronized (InMemoryTable.this) {
                    links.getOrDefault(parent, new LinkedHashSet<>()).remove(child);
                }
            }

            @Override
            public List<OwnerKey> children(OwnerKey parent) {
                synchronized (InMemoryTable.this) {
                    return List.copyOf(links.getOrDefault(parent, Set.of()));
                }
            }
        };
    }

    /** Leases of one process: nothing else contends in an orchestration test. */
    public LockStore locks() {
        return (String name, Duration hold, Duration wait) -> () -> { };
    }
}
