package io.gatewarden.applier.wiring;

import io.gatewarden.applier.cluster.KubernetesAccess;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.config.ControllerSettings;
import io.gatewarden.applier.config.MembersConfiguration;
import io.gatewarden.applier.config.AviConfiguration;
import io.gatewarden.applier.config.LoxiLbConfiguration;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.build.ParentBuilds;
import io.gatewarden.applier.build.SqsBuildQueue;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.store.DynamoGenerationStore;
import io.gatewarden.applier.store.DynamoNameStore;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import io.gatewarden.applier.cluster.KubernetesReader;
import io.gatewarden.applier.dispatch.OutcomeWriter;
import io.gatewarden.applier.handler.ChangeProcessor;
import io.gatewarden.applier.kinds.KindHandlers;
import io.gatewarden.applier.handler.Reconciler;
import io.gatewarden.applier.lbclient.AviClient;
import io.gatewarden.applier.lbclient.AviSettings;
import io.gatewarden.applier.lbclient.Backoff;
import io.gatewarden.applier.lbclient.Credentials;
import io.gatewarden.applier.lbclient.LoadBalancerClient;
import io.gatewarden.applier.lbclient.LoxiLbClient;
import io.gatewarden.applier.realize.KubernetesMembers;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.MemberSource;
import io.gatewarden.applier.realize.Naming;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.realize.StaticMembers;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.status.StatusWriter;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoLinkStore;
import io.gatewarden.applier.store.DynamoLockStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.metrics.AwsRequestCounter;
import io.gatewarden.applier.metrics.MeteredStateStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.StateStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.kubernetes.client.openapi.ApiClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/** AWS clients, the controller clients and the applier's parts. */
@Factory
public class ApplierFactory {

    /**
     * DynamoDB client; {@code gatewarden.aws.dynamodb-endpoint} overrides the endpoint (DynamoDB Local,
     * LocalStack). Region and credentials come from the default chains (the Lambda environment in AWS).
     */
    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb(@Nullable @Value("${gatewarden.aws.dynamodb-endpoint:}") String endpoint) {
        DynamoDbClientBuilder b = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new AwsRequestCounter()));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    /**
     * Credentials of both controllers; Secrets Manager is only contacted when a secret ARN is configured. A
     * variable such as {@code GATEWARDEN_AVI_USERNAME} is read as the property {@code gatewarden.avi.username},
     * which Micronaut fills from that environment variable — and which the local stack sets in-process.
     */
    @Singleton
    CredentialsLoader credentials(@Nullable @Value("${gatewarden.aws.secretsmanager-endpoint:}") String endpoint,
            Environment environment) {
        return new CredentialsLoader(() -> {
            SecretsManagerClientBuilder b = SecretsManagerClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            if (endpoint != null && !endpoint.isBlank()) {
                b.endpointOverride(URI.create(endpoint));
            }
            return b.build();
        }, variable -> environment.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'),
                String.class).orElse(null));
    }

    /**
     * The cluster, first match wins: EKS tokens signed by the function's role ({@code eks-*}), the kubeconfig in the
     * cluster secret ({@code kubeconfig-secret-arn}), a kubeconfig file, in-cluster.
     */
    @Singleton
    KubernetesAccess kubernetes(ApplierConfiguration config, CredentialsLoader credentials) {
        if (!config.isKubernetesEnabled()) {
            return new KubernetesAccess(Optional.empty());
        }
        try {
            return new KubernetesAccess(Optional.of(config.access(ApplierConfiguration.PREFIX,
                    credentials::secretString).client()));
        } catch (IllegalArgumentException e) {
            throw new ApplierException(e.getMessage());
        }
    }

    @Singleton
    LoadBalancers loadBalancers(AviConfiguration avi, LoxiLbConfiguration loxilb, CredentialsLoader credentials,
            ApplierConfiguration config) {
        new Naming(config.getCluster()); // a cluster name that cannot prefix AKO names fails at start, not per object
        Optional<LoadBalancerClient> aviClient = Optional.empty();
        if (avi.getUrl() != null) {
            Credentials c = credentials.load(avi).orElseThrow(() -> new ApplierException("gatewarden.applier.avi.url "
                    + "is set but no credentials are: set gatewarden.applier.avi.secret-arn or "
                    + avi.usernameVariable() + "/" + avi.passwordVariable()));
            aviClient = Optional.of(new AviClient(avi.getUrl(), c.username(), c.password(),
                    new AviSettings(avi.getTenant(), avi.getSeGroup(), avi.isEnableRhi()), backoff(avi)));
        }
        Optional<LoadBalancerClient> loxiClient = Optional.empty();
        if (loxilb.getUrl() != null) {
            Optional<Credentials> c = credentials.load(loxilb);
            loxiClient = Optional.of(new LoxiLbClient(loxilb.getUrl(), c.map(Credentials::username).orElse(null),
                    c.map(Credentials::password).orElse(null), backoff(loxilb)));
        }
        return new LoadBalancers(aviClient, loxiClient);
    }

    @Singleton
    MemberSource members(MembersConfiguration members, KubernetesAccess kube) {
        if (members.getMode() == MembersConfiguration.Mode.STATIC) {
            return new StaticMembers(members.getStaticAddresses());
        }
        ApiClient client = kube.client().orElseThrow(() -> new ApplierException("gatewarden.applier.members.mode "
                + members.getMode() + " reads the cluster, but gatewarden.applier.kubernetes-enabled is false"));
        return new KubernetesMembers(client, members.getMode() == MembersConfiguration.Mode.NODE_PORT
                ? KubernetesMembers.Mode.NODE_PORT : KubernetesMembers.Mode.CLUSTER_IP, members.getNodeSelector());
    }

    @Singleton
    StatusReporter status(KubernetesAccess kube) {
        return kube.client().<StatusReporter>map(c -> new StatusWriter(c, Clock.systemUTC())).orElse(StatusReporter.NONE);
    }

    /**
     * The applier's truth: the Kubernetes API. Without Kubernetes access ({@code kubernetes-enabled: false}, tests
     * of allocation alone) every object reads as absent, so events change nothing.
     */
    @Singleton
    ClusterReader clusterReader(KubernetesAccess kube) {
        return kube.client().<ClusterReader>map(KubernetesReader::new).orElse(ClusterReader.ABSENT);
    }

    @Singleton
    Reconciler reconciler(DynamoDbClient ddb, ApplierConfiguration config, ChangeProcessor processor) {
        return new Reconciler(new MeteredStateStore(new DynamoStateStore(ddb, config.getTable())), processor, config.getReconcileGrace(),
                java.time.Clock.systemUTC());
    }

    /** Parts shared by the processor (child events) and the builds (parent jobs). */
    record Parts(StateStore states, DynamoAllocationStore allocations, PoolResolver pools, Realizer realizer,
            OutcomeWriter writer, ParentBuilds builds) {
    }

    @Singleton
    Parts parts(DynamoDbClient ddb, ApplierConfiguration config, LoadBalancers lbs, MemberSource members,
            StatusReporter status, ClusterReader kube,
            @Nullable @Value("${gatewarden.aws.sqs-endpoint:}") String sqsEndpoint) {
        StateStore states = new MeteredStateStore(new DynamoStateStore(ddb, config.getTable()));
        DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, config.getTable());
        PoolResolver pools = new PoolResolver(kube, config);
        Realizer realizer = new Realizer(kube, new DynamoShardStore(ddb, config.getTable()), allocations, pools,
                members, lbs, new DynamoLockStore(ddb, config.getTable(), Clock.systemUTC()),
                new DynamoNameStore(ddb, config.getTable()));
        OutcomeWriter writer = new OutcomeWriter(states, allocations, status);
        ParentBuilds builds = new ParentBuilds(new DynamoGenerationStore(ddb, config.getTable()), realizer, pools,
                writer, allocations, config.getBuildQueueUrl() == null ? null
                        : new SqsBuildQueue(sqs(sqsEndpoint), config.getBuildQueueUrl()));
        return new Parts(states, allocations, pools, realizer, writer, config.getBuildQueueUrl() == null
                ? builds.inline() : builds);
    }

    private static SqsClient sqs(String endpoint) {
        SqsClientBuilder b = SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    @Singleton
    ParentBuilds builds(Parts parts) {
        return parts.builds();
    }

    @Singleton
    ChangeProcessor processor(DynamoDbClient ddb, ApplierConfiguration config, ClusterReader kube, Parts parts) {
        KindHandlers kinds = new KindHandlers(parts.allocations(), parts.pools(), new ShardPlanner(
                new DynamoShardStore(ddb, config.getTable()), config.getPlacement()), config, parts.realizer());
        return new ChangeProcessor(parts.states(), kinds, parts.writer(), config,
                new DynamoLinkStore(ddb, config.getTable()), parts.realizer(), kube, parts.builds());
    }

    private static Backoff backoff(ControllerSettings s) {
        return new Backoff(s.getAttempts(), s.getBackoff(), s.getMaxBackoff());
    }
}
