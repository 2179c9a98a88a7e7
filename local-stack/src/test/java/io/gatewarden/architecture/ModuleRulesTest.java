package io.gatewarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules, on the compiled classes of every module (tests excluded). */
class ModuleRulesTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gatewarden");
    }

    @Test
    void sharedModel_importsNothingOfOurs() {
        noClasses().that().resideInAPackage("io.gatewarden.model..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gatewarden.webhook..", "io.gatewarden.applier..", "io.gatewarden.kube..",
                        "io.gatewarden.local..", "io.gatewarden.emulator..", "io.gatewarden.localaws..",
                        "io.gatewarden.kubeapi..")
                .check(classes);
    }

    @Test
    void webhookAndApplier_neverImportEachOther() {
        noClasses().that().resideInAPackage("io.gatewarden.webhook..").should().dependOnClassesThat()
                .resideInAPackage("io.gatewarden.applier..").check(classes);
        noClasses().that().resideInAPackage("io.gatewarden.applier..").should().dependOnClassesThat()
                .resideInAPackage("io.gatewarden.webhook..").check(classes);
    }

    @Test
    void policy_neverImportsTheAdmissionLayer_http_orAKubernetesClient() {
        noClasses().that().resideInAPackage("io.gatewarden.webhook.policy..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gatewarden.webhook.admission..", "io.micronaut.http..",
                        "io.kubernetes.client..", "io.fabric8..")
                .check(classes);
    }

    @Test
    void allocation_neverCallsALoadBalancerClient() {
        noClasses().that().resideInAPackage("io.gatewarden.applier.allocation..").should().dependOnClassesThat()
                .resideInAPackage("io.gatewarden.applier.lbclient..").check(classes);
    }

    /**
     * Kind handlers decide and return an Outcome; the realizer and the parent builds make load balancers hold what
     * was built. None of them writes an object's state, status or Events: only the dispatcher does
     * ({@code applier.handler}, through {@code applier.dispatch.OutcomeWriter}).
     */
    @Test
    void onlyTheDispatcher_writesOutcomes() {
        noClasses().that().resideInAnyPackage("io.gatewarden.applier.kinds..", "io.gatewarden.applier.realize..",
                "io.gatewarden.applier.build..", "io.gatewarden.applier.outcome..").should().dependOnClassesThat()
                .haveFullyQualifiedName("io.gatewarden.applier.store.StateStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.gatewarden.applier.status.StatusReporter")
                .check(classes);
    }

    @Test
    void theProductionModules_haveNoTestServersInThem() {
        noClasses().that().resideInAnyPackage("io.gatewarden.applier..", "io.gatewarden.webhook..",
                "io.gatewarden.model..", "io.gatewarden.kube..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gatewarden.emulator..", "io.gatewarden.localaws..", "io.gatewarden.kubeapi..")
                .check(classes);
    }

    /** Modules (model, kube, webhook, applier, local, the test servers) depend on each other in one direction. */
    @Test
    void modules_haveNoCycles() {
        slices().matching("io.gatewarden.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * No package cycles anywhere: every package of every module (a slice per package, nested ones apart) depends
     * on the others in one direction, so each can be read, tested and replaced on its own.
     */
    @Test
    void packages_haveNoCycles() {
        slices().matching("io.gatewarden.(**)").should().beFreeOfCycles().check(classes);
    }
}
