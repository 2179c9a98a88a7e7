package io.gatewarden.webhook.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** The serving certificate from PEM files: served anew only when the files changed. */
class PemFilesCertificateTest {

    @TempDir
    Path tmp;

    private static final Duration POLL = Duration.ofMillis(50);

    private static BigInteger serial(KeyStore store) throws Exception {
        return ((X509Certificate) store.getCertificateChain("key")[0]).getSerialNumber();
    }

    private static BigInteger fileSerial(Path cert) throws Exception {
        try (var in = Files.newInputStream(cert)) {
            return ((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in)).getSerialNumber();
        }
    }

    private List<KeyStore> served(PemFilesCertificate provider) {
        List<KeyStore> served = new CopyOnWriteArrayList<>();
        Flux.from(provider.getKeyStore()).subscribe(served::add);
        return served;
    }

    /** A provider polling a certificate and key just written to {@code tls}. */
    private static PemFilesCertificate overFreshFiles(Path tls) throws Exception {
        SelfSignedCa.write(tls, List.of(), Duration.ofDays(1));
        return new PemFilesCertificate(tls.resolve("tls.crt"), tls.resolve("tls.key"), POLL);
    }

    /** Waits up to 5 s for the {@code n}th key store to be served. */
    private static void awaitServed(List<KeyStore> served, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (served.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    @Test
    void unchangedFiles_areNotServedAgain_changedOnesAre() throws Exception {
        Path tls = tmp.resolve("tls");
        PemFilesCertificate provider = overFreshFiles(tls);
        try {
            List<KeyStore> served = served(provider);
            Thread.sleep(POLL.toMillis() * 8);
            assertEquals(1, served.size(), "polled several times, the same files are served once");
            assertEquals(fileSerial(tls.resolve("tls.crt")), serial(served.get(0)));

            Path next = tmp.resolve("next");
            SelfSignedCa.write(next, List.of(), Duration.ofDays(1));
            SelfSignedCa.writeAtomically(tls.resolve("tls.key"), Files.readString(next.resolve("tls.key")));
            SelfSignedCa.writeAtomically(tls.resolve("tls.crt"), Files.readString(next.resolve("tls.crt")));
            awaitServed(served, 2);
            Thread.sleep(POLL.toMillis() * 4);
            assertEquals(2, served.size(), "the rotation is served once");
            assertEquals(fileSerial(next.resolve("tls.crt")), serial(served.get(1)));
        } finally {
            provider.close();
        }
    }

    @Test
    void aHalfWrittenRotation_keepsTheCertificateServed_untilItParses() throws Exception {
        Path tls = tmp.resolve("tls");
        PemFilesCertificate provider = overFreshFiles(tls);
        try {
            List<KeyStore> served = served(provider);
            String key = Files.readString(tls.resolve("tls.key"));
            Files.writeString(tls.resolve("tls.key"), key.substring(0, key.length() / 2));
            Thread.sleep(POLL.toMillis() * 6);
            assertEquals(1, served.size(), "a key that does not parse is not served");

            Files.writeString(tls.resolve("tls.key"), key);
            Files.writeString(tls.resolve("tls.key"), key + "\n"); // the same key, new bytes
            awaitServed(served, 2);
            assertEquals(2, served.size(), "once whole again it is served");
        } finally {
            provider.close();
        }
    }

    @Test
    void aPkcs1RsaKey_asCertManagerWritesByDefault_isServed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=gatewarden");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(4242), Date.from(now), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        StringWriter keyPem = new StringWriter();
        StringWriter certPem = new StringWriter();
        try (JcaPEMWriter k = new JcaPEMWriter(keyPem); JcaPEMWriter c = new JcaPEMWriter(certPem)) {
            k.writeObject(pair.getPrivate()); // the traditional encoding: PKCS#1
            c.writeObject(cert);
        }
        assertTrue(keyPem.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"), keyPem.toString());

        KeyStore store = PemFilesCertificate.keyStore(certPem.toString().getBytes(StandardCharsets.US_ASCII),
                keyPem.toString().getBytes(StandardCharsets.US_ASCII));

        assertEquals(BigInteger.valueOf(4242), serial(store));
        assertEquals(pair.getPrivate(), store.getKey("key", null), "the key is the file's");
    }

    @Test
    void filesThatDoNotParseAtStart_stopTheStart_withBothPathsInTheMessage() throws Exception {
        Path cert = Files.writeString(tmp.resolve("tls.crt"), "not a certificate");
        Path key = Files.writeString(tmp.resolve("tls.key"), "not a key");

        var e = assertThrows(GeneralSecurityException.class, () -> new PemFilesCertificate(cert, key, POLL));

        assertTrue(e.getMessage().contains(cert.toString()) && e.getMessage().contains(key.toString()),
                e.getMessage());
    }

}
