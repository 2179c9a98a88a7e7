package io.gatewarden.applier.realize;

import java.util.regex.Pattern;

/**
 * AKO-compatible load-balancer object names for one cluster, so a team moving between AKO and Gatewarden
 * finds its objects under the names it knows (reference §1 and §3):
 * <ul>
 * <li>L4 (Gateway, LoadBalancer Service): virtual service and VsVip {@code <cluster>--<namespace>-<name>}</li>
 * <li>Gateway pool: {@code <cluster>--<gwNamespace>-<service>-<gwName>-<PROTO>-<port>}</li>
 * <li>Service pool: {@code <cluster>--<namespace>-<service>-<PROTO>-<port>}</li>
 * <li>Ingress shard: {@code <cluster>--<setting>-Shared-L7-<n>} ({@code <cluster>--Shared-L7-<n>} without a
 * setting); dedicated: {@code <cluster>--<host>-L7-dedicated}</li>
 * <li>Ingress pool: {@code <cluster>--<host><path, / as _>-<namespace>-<ingress>}</li>
 * </ul>
 * Names longer than 255 characters are refused (AKO skips them silently; here the object says why).
 */
public final class Naming {

    /** AKO's rule for cluster names. */
    public static final Pattern CLUSTER = Pattern.compile("^[a-zA-Z0-9-_]*$");
    static final int MAX = 255;

    private final String cluster;

    public Naming(String cluster) {
        if (cluster == null || cluster.isEmpty() || !CLUSTER.matcher(cluster).matches()) {
            throw new NotRealizableException("cluster name '" + cluster + "' cannot prefix load-balancer names: it must "
                    + "match " + CLUSTER.pattern() + " and not be empty");
        }
        this.cluster = cluster;
    }

    public String l4(String namespace, String name) {
        return checked(io.gatewarden.model.lb.AkoNames.l4(cluster, namespace, name));
    }

    public String gatewayPool(String gwNamespace, String service, String gwName, String protocol, int port) {
        return checked(cluster + "--" + gwNamespace + "-" + service + "-" + gwName + "-" + protocol.toUpperCase()
                + "-" + port);
    }

    public String shard(String setting, int shard) {
        return checked(cluster + "--" + (setting == null ? "" : setting + "-") + "Shared-L7-" + shard);
    }

    public String dedicated(String host) {
        return checked(cluster + "--" + host + "-L7-dedicated");
    }

    public String ingressPool(String host, String path, String namespace, String ingress) {
        return checked(cluster + "--" + host + path.replace('/', '_') + "-" + namespace + "-" + ingress);
    }

    private static String checked(String name) {
        if (name.length() > MAX) {
            throw new NotRealizableException("load-balancer name " + name.substring(0, 60) + "… is " + name.length()
                    + " characters long; Avi accepts at most " + MAX + " (shorten the namespace or name)");
        }
        return name;
    }
}
