package io.gatewarden.local.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints a demo result as a table a newcomer can read. */
public final class DemoTable {

    private DemoTable() {
    }

    public static void print(DemoResult r, boolean stats, PrintStream out) {
        out.println();
        out.println("Refused by the webhook (" + r.refused().size() + "):");
        for (DemoResult.Refusal f : r.refused()) {
            out.println("  " + f.kind() + " " + f.namespace() + "/" + f.name());
            out.println("      " + f.message());
        }
        out.println();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"OBJECT", "STATUS", "VIP", "SHARD", "LOAD BALANCER (read back)"});
        for (DemoResult.Row row : r.rows()) {
            String status = row.status() + (row.injected() == null ? "" : " (setting " + row.injected() + " injected)");
            lines.add(new String[] {row.object(), status, orDash(row.vip()), orDash(row.shard()),
                    row.loadBalancer().isEmpty() ? orDash(row.reason()) : String.join("; ", row.loadBalancer())});
        }
        int[] width = new int[4];
        for (String[] l : lines) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            out.printf("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-" + width[3] + "s  %s%n",
                    (Object[]) l);
        }
        out.println();
        out.println(r.rows().size() + " objects with a VIP, " + r.supporting() + " supporting objects admitted, "
                + r.refused().size() + " refused" + (r.complete() ? "" : " — the applier did not finish in time"));
        if (stats) {
            out.printf("admission → VIP: n=%d p50 %d ms p99 %d ms (outcomes polled every %d ms)%n",
                    r.latencies().size(), r.percentile(50), r.percentile(99), Demo.POLL.toMillis());
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
