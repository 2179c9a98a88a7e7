package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.List;

/**
 * Which objects make up a load-balancer object: the Services joined to a Gateway, the routes attached to a
 * Gateway, the Ingresses with a host on a shard. The applier is stateless, so a parent is rebuilt from its
 * links whenever one of its children changes.
 */
public interface LinkStore {

    void link(OwnerKey parent, OwnerKey child);

    void unlink(OwnerKey parent, OwnerKey child);

    List<OwnerKey> children(OwnerKey parent);
}
