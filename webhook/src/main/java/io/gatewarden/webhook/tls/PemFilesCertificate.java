package io.gatewarden.webhook.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The serving certificate, from a PEM chain and a PEM private key (PKCS#8, PKCS#1 or SEC1: cert-manager writes
 * PKCS#1 by default), re-read every {@code gatewarden.tls.refresh-interval} and handed to the server only when
 * the files' bytes changed. cert-manager swaps a Secret's files by symlink, which file watchers miss, so the files
 * are polled; Micronaut's own scheduled file provider rebuilds the key store (two PBKDF2 runs) and the server's SSL
 * context on every poll, changed or not, which took tens of milliseconds of CPU every 10 s from the core the
 * event loop needed and showed in the admission latency's tail. A half-written rotation (a key that does not
 * parse yet) keeps the certificate being served, logged once, and is read again at the next poll.
 */
@Singleton
@Named(PemFilesCertificate.NAME)
@Requires(property = "gatewarden.tls.certificate-path")
public class PemFilesCertificate implements CertificateProvider {

    /** The name the server's SSL configuration refers to ({@code micronaut.server.ssl.key-name}). */
    public static final String NAME = "webhook";

    private static final Logger LOG = LoggerFactory.getLogger(PemFilesCertificate.class);

    private final Path certificate;
    private final Path key;
    private final Sinks.Many<KeyStore> keyStores = Sinks.many().replay().latest();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatewarden-tls-poll");
        t.setDaemon(true);
        return t;
    });
    private byte[] servedCertificate = new byte[0];
    private byte[] servedKey = new byte[0];
    private String lastProblem;

    public PemFilesCertificate(@Value("${gatewarden.tls.certificate-path}") Path certificate,
            @Value("${gatewarden.tls.key-path}") Path key,
            @Value("${gatewarden.tls.refresh-interval:10s}") Duration interval) throws IOException,
            GeneralSecurityException {
        this.certificate = certificate;
        this.key = key;
        if (!reload()) {
            throw new GeneralSecurityException("TLS files " + certificate + " and " + key + ": " + lastProblem);
        }
        poller.scheduleWithFixedDelay(this::reloadSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return keyStores.asFlux();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @PreDestroy
    void close() {
        poller.shutdownNow();
    }

    private void reloadSafely() {
        try {
            reload();
        } catch (IOException | RuntimeException unreadable) {
            problem(unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage());
        }
    }

    /**
     * Reads both files; when either changed, parses them and hands the server a new key store.
     *
     * @return whether the files as they are now are served
     */
    synchronized boolean reload() throws IOException {
        byte[] cert = Files.readAllBytes(certificate);
        byte[] pk = Files.readAllBytes(key);
        if (Arrays.equals(cert, servedCertificate) && Arrays.equals(pk, servedKey)) {
            return true; // nothing changed: the SSL context stays as it is
        }
        KeyStore store;
        try {
            store = keyStore(cert, pk);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException notYet) {
            problem(notYet.getMessage());
            return false;
        }
        keyStores.tryEmitNext(store).orThrow();
        servedCertificate = cert;
        servedKey = pk;
        if (lastProblem != null) {
            LOG.info("TLS files {} and {} are served again", certificate, key);
        }
        lastProblem = null;
        return true;
    }

    private void problem(String why) {
        if (!why.equals(lastProblem)) {
            LOG.warn("TLS files {} and {} cannot be served ({}); the current certificate stays", certificate, key, why);
        }
        lastProblem = why;
    }

    /** A PKCS12 key store holding the key under alias {@code key} with its chain, as Micronaut's PEM loading does. */
    static KeyStore keyStore(byte[] chainPem, byte[] keyPem) throws GeneralSecurityException, IOException {
        Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(chainPem)).toArray(new Certificate[0]);
        if (chain.length == 0) {
            throw new GeneralSecurityException("no certificate in the chain file");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", privateKey(keyPem), null, chain);
        return store;
    }

    /** The first private key in the file; other blocks (OpenSSL's {@code EC PARAMETERS}) are skipped. */
    private static PrivateKey privateKey(byte[] pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo()); // PKCS#1 (RSA) or SEC1 (EC)
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info); // PKCS#8
                }
            }
            throw new GeneralSecurityException("the key file holds no unencrypted private key (PKCS#8, PKCS#1 or "
                    + "SEC1)");
        }
    }
}
