package io.gatewarden.webhook.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.kube.LiveCluster;
import io.gatewarden.kube.credentials.ReloadingKubeconfig;
import io.gatewarden.webhook.testing.AkoTestCluster;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After a SnapStart restore the read-through view is read again at once; when the cluster cannot be read then, the
 * checkpoint's snapshot is dropped (reviews fail open) instead of being served as if it were current.
 */
class ApiViewSourceRenewTest {

    @Test
    void renew_readsAgain_andDropsTheCheckpointsSnapshotWhenTheClusterIsGone() throws Exception {
        AkoTestCluster cluster = new AkoTestCluster();
        String kubeconfig = cluster.kubeconfig();
        ApiViewSource source = new ApiViewSource(new LiveCluster(ReloadingKubeconfig.client(() -> kubeconfig)),
                Duration.ofHours(1), Clock.systemUTC());
        try {
            assertTrue(source.synced());
            source.renew();
            assertTrue(source.synced(), "read again while the cluster answers");
            assertTrue(source.describe().contains("3 objects"), source.describe());

            cluster.close();
            source.renew();
            assertFalse(source.synced(), "no view of the past after a restore");
            assertTrue(source.incompleteReason().isPresent());
        } finally {
            source.close();
        }
    }
}
