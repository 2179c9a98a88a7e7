package io.gatewarden.applier.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes a handler of this package the way the Lambda Java runtime does, in a fresh JVM started from the package's
 * class path (classes plus {@code lib/*}): construct the handler (the init phase), then one
 * {@code handleRequest} with an SQS event read from a file. Prints one line of times since JVM start, for
 * {@code gatewarden bench-coldstart}. With {@code --floor} it only loads the Lambda core interfaces and returns:
 * the least any Java function costs.
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args.length == 1 && args[0].equals("--floor")) {
            Class.forName(RequestHandler.class.getName());
            Class.forName(Context.class.getName());
            System.out.println("floor ready_ms=" + (System.currentTimeMillis() - jvmStart));
            return;
        }
        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long initMs = System.currentTimeMillis() - jvmStart;
        SQSEvent event = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(Files.readString(Path.of(args[1])), SQSEvent.class);
        Object response = ((RequestHandler<SQSEvent, Object>) handler).handleRequest(event, new LocalContext());
        long doneMs = System.currentTimeMillis() - jvmStart;
        System.out.println("handler init_ms=" + initMs + " first_batch_ms=" + doneMs + " response=" + response);
        System.exit(0); // the handler's context and clients keep non-daemon threads, as in Lambda
    }

    /** The few Context values a handler reads. */
    private static final class LocalContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "local-invoke-1";
        }

        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "gatewarden-applier";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:000000000000:function:gatewarden-applier";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, java.nio.charset.StandardCharsets.UTF_8));
                }
            };
        }
    }
}
