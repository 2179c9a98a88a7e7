package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.manifest.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Table: review-parser.yaml. Each body is answered with its one-line error, or parses with its uid and object. */
class ReviewParserTest {

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = ReviewParserTest.class.getResourceAsStream("review-parser.yaml")) {
            List<?> rows = (List<?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return rows.stream().map(r -> (Map<?, ?>) r).map(r -> Arguments.of(Named.of((String) r.get("name"), r)));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersEachBody(Map<String, String> row) throws Exception {
        String body = row.get("body").replace("DEEP", "[".repeat(5_000) + "]".repeat(5_000));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (row.containsKey("uid")) {
            AdmissionReview.Request request = ReviewParser.parse(bytes);
            assertEquals(row.get("uid"), request.uid());
            JsonNode expected = Json.mapper().readTree(bytes).path("request");
            assertEquals(expected.path("object"), request.object(), "the object, exactly as sent");
            assertEquals(expected, Json.mapper().valueToTree(request), "nothing of the request lost");
            return;
        }
        String error = assertThrows(ReviewParser.BadReviewException.class, () -> ReviewParser.parse(bytes))
                .getMessage();
        assertNotNull(error);
        assertEquals(1, error.lines().count(), error);
        if (row.containsKey("error")) {
            assertEquals(row.get("error"), error);
        }
        if (row.containsKey("errorStartsWith")) {
            assertTrue(error.startsWith(row.get("errorStartsWith")), error);
        }
        if (row.containsKey("errorEndsWith")) {
            assertTrue(error.endsWith(row.get("errorEndsWith")), error);
        }
    }
}
