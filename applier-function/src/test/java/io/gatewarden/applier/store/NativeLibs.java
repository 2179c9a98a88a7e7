package io.gatewarden.applier.store;

/** Where Maven put sqlite4java's native library (a test dependency of DynamoDB Local). */
final class NativeLibs {

    private NativeLibs() {
    }

    static String dir() {
        return System.getProperty("gatewarden.native-libs", "target/native-libs");
    }
}
