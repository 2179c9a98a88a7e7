package io.gatewarden.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The fabric8 test server does not implement server-side apply (it answers 415). On it, a status apply is taken
 * as a JSON Patch that sets {@code /status} to the applied status, which is what an apply by the only field
 * manager amounts to. Ownership among managers, merge keys and transition times are tested on a real API server
 * (the applier's {@code StatusWriterKubeIT}). Discovery documents and server-side printing for kubectl are answered
 * here too ({@link Discovery}, {@link TablePrinter}).
 */
public final class ApplyAsStatusPatch extends Dispatcher {

    private final KubernetesCrudDispatcher crud;

    public ApplyAsStatusPatch(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        var discovery = Discovery.answer(request.getMethod(), request.getPath());
        if (discovery.isPresent()) {
            return discovery.get(); // so that kubectl finds the resources
        }
        if (TablePrinter.wanted(request.getMethod(), request.getPath(), request.getHeader("Accept"))) {
            MockResponse list = crud.dispatch(request);
            try {
                return list.setBody(TablePrinter.table(request.getPath(), list.getBody().readUtf8()));
            } catch (IOException unreadable) {
                return list;
            }
        }
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return crud.dispatch(request);
        }
        JsonNode applied;
        try {
            applied = Json.mapper().readTree(request.getUtf8Body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "add").put("path", "/status").set("value", applied.path("status"));
        String path = request.getPath().replaceAll("[?&](fieldManager|force)=[^&]*", "");
        return crud.dispatch(new RecordedRequest(request.getRequestLine(), request.method(), path,
                request.getHeaders().newBuilder().set("Content-Type", "application/json-patch+json").build(),
                new Buffer(patch.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
