package io.gatewarden.webhook.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GithubAnnotationsTest {

    @Test
    void data_escapesPercentAndLineBreaks() {
        assertEquals("50%25 of a%0Ab%0D", GithubAnnotations.data("50% of a\nb\r"));
    }

    @Test
    void property_alsoEscapesColonAndComma() {
        assertEquals("C%3A/x%2Cy.yaml", GithubAnnotations.property("C:/x,y.yaml"));
    }
}
