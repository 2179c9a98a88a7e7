package io.gatewarden.webhook.publish;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The SQS client, only when publishing is enabled. */
@Factory
public class SqsFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = PublishConfiguration.PREFIX + ".enabled", value = "true")
    SqsClient sqs(PublishConfiguration config) {
        SqsClientBuilder b = SqsClient.builder()
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", config.getRegion())))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build());
        if (config.getSqsEndpoint() != null && !config.getSqsEndpoint().isBlank()) {
            b.endpointOverride(URI.create(config.getSqsEndpoint()));
        }
        return b.build();
    }
}
