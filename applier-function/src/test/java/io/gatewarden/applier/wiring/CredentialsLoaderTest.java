package io.gatewarden.applier.wiring;

import io.gatewarden.applier.config.AviConfiguration;
import io.gatewarden.applier.config.LoxiLbConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.lbclient.Credentials;
import io.gatewarden.localaws.LoopbackSecretsManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Controller credentials from Secrets Manager — the AWS SDK against a loopback server that answers
 * {@code secretsmanager.GetSecretValue} in the service's JSON protocol — or from the environment.
 */
class CredentialsLoaderTest {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gatewarden/avi-AbCdEf";
    static final String PASSWORD = "s3cr3t-Pa55";

    LoopbackSecretsManager secrets;
    SecretsManagerClient client;

    @BeforeEach
    void start() throws Exception {
        secrets = new LoopbackSecretsManager();
        client = SecretsManagerClient.builder().region(Region.EU_WEST_1).endpointOverride(secrets.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        secrets.close();
    }

    static AviConfiguration avi(String arn) {
        AviConfiguration c = new AviConfiguration();
        c.setSecretArn(arn);
        return c;
    }

    @Test
    void aSecretArn_isReadFromSecretsManager() {
        secrets.put(ARN, "{\"username\":\"gatewarden\",\"password\":\"" + PASSWORD + "\"}");
        Credentials c = new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)).orElseThrow();
        assertEquals(new Credentials("gatewarden", PASSWORD), c);
        assertEquals(List.of(ARN), secrets.asked());
        assertFalse(c.toString().contains(PASSWORD), "a logged Credentials shows no password");
    }

    @Test
    void aMissingSecret_namesTheArn_notAValue() {
        ApplierException e = assertThrows(ApplierException.class,
                () -> new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)));
        assertEquals("cannot read controller credentials from secret " + ARN + ": ResourceNotFoundException",
                e.getMessage());
    }

    @Test
    void aSecretThatIsNotTheExpectedJson_isRefused_withoutEchoingIt() {
        secrets.put(ARN, PASSWORD);
        ApplierException e = assertThrows(ApplierException.class,
                () -> new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)));
        assertEquals("secret " + ARN + " must be JSON with string fields username and password", e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void withoutAnArn_theEnvironmentIsUsed_andSecretsManagerIsNotCalled() {
        CredentialsLoader loader = new CredentialsLoader(() -> {
            throw new AssertionError("Secrets Manager must not be contacted");
        }, env(Map.of("GATEWARDEN_AVI_USERNAME", "admin", "GATEWARDEN_AVI_PASSWORD", PASSWORD)));
        assertEquals(Optional.of(new Credentials("admin", PASSWORD)), loader.load(avi(null)));
        assertTrue(new CredentialsLoader(() -> client, env(Map.of())).load(new LoxiLbConfiguration()).isEmpty(),
                "loxilb without credentials runs without login");
        ApplierException half = assertThrows(ApplierException.class, () -> new CredentialsLoader(() -> client,
                env(Map.of("GATEWARDEN_AVI_USERNAME", "admin"))).load(avi(null)));
        assertEquals("GATEWARDEN_AVI_USERNAME is set but GATEWARDEN_AVI_PASSWORD is not", half.getMessage());
    }

    @Test
    void theClusterSecret_isReadAsStored_andAMissingOneNamesItsArn() {
        String kubeconfig = "apiVersion: v1\nkind: Config\n";
        secrets.put(ARN, kubeconfig);
        assertEquals(kubeconfig, new CredentialsLoader(() -> client, env(Map.of())).secretString(ARN));
        ApplierException e = assertThrows(ApplierException.class,
                () -> new CredentialsLoader(() -> client, env(Map.of())).secretString(ARN + "-gone"));
        assertEquals("cannot read secret " + ARN + "-gone: ResourceNotFoundException", e.getMessage());
    }

    static java.util.function.Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }
}
