package io.gatewarden.model.lb;

/**
 * AKO's names for load-balancer objects (reference §1 and §3), used by the webhook (to refuse collisions) and
 * the applier (to name what it writes). An L4 object (Gateway, LoadBalancer Service) is
 * {@code <cluster>--<namespace>-<name>}: namespace and name joined by a dash, so different objects can share one
 * name ({@code demo}/{@code oam-syslog} and {@code demo-oam}/{@code syslog}).
 */
public final class AkoNames {

    private AkoNames() {
    }

    /** What follows {@code <cluster>--} in an L4 object's name. */
    public static String l4Suffix(String namespace, String name) {
        return namespace + "-" + name;
    }

    public static String l4(String cluster, String namespace, String name) {
        return cluster + "--" + l4Suffix(namespace, name);
    }

    /**
     * Every other (namespace, name) pair whose L4 name equals this one's: the splits of {@code namespace-name} at
     * each other dash.
     */
    public static java.util.List<String[]> collidingPairs(String namespace, String name) {
        String joined = l4Suffix(namespace, name);
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (int i = joined.indexOf('-'); i >= 0; i = joined.indexOf('-', i + 1)) {
            String ns = joined.substring(0, i);
            String n = joined.substring(i + 1);
            if (!ns.isEmpty() && !n.isEmpty() && !(ns.equals(namespace) && n.equals(name))) {
                out.add(new String[] {ns, n});
            }
        }
        return out;
    }
}
