package io.gatewarden.applier.wiring;

import io.gatewarden.applier.config.ControllerSettings;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.lbclient.Credentials;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Controller credentials: from AWS Secrets Manager when the settings name a secret ARN (JSON
 * {@code {"username": …, "password": …}}), else from the environment. Messages name the secret or the variable,
 * never a value.
 */
public final class CredentialsLoader {

    private final Supplier<SecretsManagerClient> secrets;
    private final Function<String, String> env;

    public CredentialsLoader(Supplier<SecretsManagerClient> secrets, Function<String, String> env) {
        this.secrets = secrets;
        this.env = env;
    }

    /** The credentials, or empty when neither a secret nor the variables are set. */
    public Optional<Credentials> load(ControllerSettings s) {
        if (s.getSecretArn() != null && !s.getSecretArn().isBlank()) {
            return Optional.of(fromSecret(s.getSecretArn()));
        }
        String user = env.apply(s.usernameVariable());
        String password = env.apply(s.passwordVariable());
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        if (password == null) {
            throw new ApplierException(s.usernameVariable() + " is set but " + s.passwordVariable() + " is not");
        }
        return Optional.of(new Credentials(user, password));
    }

    /** A secret's string as stored (the cluster secret's kubeconfig); the error names the secret, never its value. */
    public String secretString(String arn) {
        return read(arn, "secret");
    }

    private String read(String arn, String what) {
        try {
            return secrets.get().getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (SdkException e) {
            throw new ApplierException("cannot read " + what + " " + arn + ": " + e.getClass().getSimpleName());
        }
    }

    private Credentials fromSecret(String arn) {
        String value = read(arn, "controller credentials from secret");
        try {
            JsonNode json = Json.mapper().readTree(value == null ? "" : value);
            if (!json.path("username").isTextual() || !json.path("password").isTextual()) {
                throw new ApplierException("secret " + arn + " must be JSON with string fields username and password");
            }
            return new Credentials(json.path("username").asText(), json.path("password").asText());
        } catch (IOException e) {
            throw new ApplierException("secret " + arn + " must be JSON with string fields username and password");
        }
    }
}
