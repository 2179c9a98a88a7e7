package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kubernetes' intstr.IntOrString: a port number or a port name. */
public record IntOrString(Integer intValue, String strValue) {

    @JsonCreator
    public static IntOrString of(Object value) {
        if (value instanceof Number n) {
            return new IntOrString(n.intValue(), null);
        }
        return new IntOrString(null, value == null ? null : value.toString());
    }

    @JsonValue
    public Object value() {
        return intValue != null ? intValue : strValue;
    }

    @Override
    public String toString() {
        return String.valueOf(value());
    }
}
