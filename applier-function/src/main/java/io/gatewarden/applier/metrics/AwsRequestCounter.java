package io.gatewarden.applier.metrics;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB requests the applier's client sends (every attempt of every call), for the applier
 * benchmark's "DynamoDB requests per change". One counter per JVM; costs an increment per request.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {

    private static final AtomicLong DYNAMODB = new AtomicLong();

    /** DynamoDB requests sent by this JVM's applier clients so far. */
    public static long dynamoDbRequests() {
        return DYNAMODB.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        DYNAMODB.incrementAndGet();
    }
}
