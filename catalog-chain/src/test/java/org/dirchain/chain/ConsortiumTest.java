package org.dirchain.chain;

import static org.dirchain.chain.DirectoryFixture.ADMIN;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.model.Organisation;
import org.dirchain.chain.model.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsortiumTest {
    static DirectoryFixture f;

    @BeforeAll
    static void start() {
        f = DirectoryFixture.startWithConsortium();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void organisationsAreRecordedWithRolesAndAccounts() {
        Organisation hospital = f.as(OUTSIDER).organisations().organisation(f.hospitalOrg);
        assertEquals("City Hospital", hospital.name());
        assertEquals(Set.of(Role.PROVIDER), hospital.roles());
        assertTrue(hospital.active());
        assertEquals(f.address(HOSPITAL).toLowerCase(), hospital.payoutAddress().toLowerCase());
        assertEquals(f.hospitalOrg, f.as(OUTSIDER).organisations().orgOf(f.address(HOSPITAL)).getAsLong());
        assertTrue(f.as(OUTSIDER).organisations().orgOf(f.address(OUTSIDER)).isEmpty());
    }

    @Test
    void onlyTheAdminAdmitsOrganisations() {
        var e = assertThrows(Reverts.NotAdmin.class, () -> f.as(HOSPITAL).organisations()
                .register("Rogue", Set.of(Role.PROVIDER), f.address(OUTSIDER)));
        assertEquals(f.address(HOSPITAL).toLowerCase(), ((String) e.arguments().get(0)).toLowerCase());
    }

    @Test
    void anAccountBelongsToOneOrganisation() {
        assertThrows(Reverts.AccountAlreadyMember.class, () -> f.as(ADMIN).organisations()
                .register("Duplicate", Set.of(Role.PROVIDER), f.address(HOSPITAL)));
    }

    @Test
    void nodePublishesEndpointAndKeyButOnlyWithNodeRole() {
        byte[] key = new byte[33];
        key[0] = 2;
        f.as(NODE_A).organisations().setNode("nodea.example:7443", key);
        Organisation node = f.as(OUTSIDER).organisations().organisation(f.nodeAOrg);
        assertEquals("nodea.example:7443", node.nodeEndpoint());
        assertTrue(node.nodePublicKeyHex().startsWith("0x02"));
        assertThrows(Reverts.MissingRole.class, () -> f.as(HOSPITAL).organisations().setNode("x", key));
        assertThrows(Reverts.NotMember.class, () -> f.as(OUTSIDER).organisations().setNode("x", key));
    }

    @Test
    void suspendedOrganisationCannotWriteUntilRestored() {
        OrganisationRegistry admin = f.as(ADMIN).organisations();
        long org = admin.register("Temporary Lab", Set.of(Role.PROVIDER), f.address(11));
        admin.suspend(org);
        assertFalse(admin.organisation(org).active());
        var e = assertThrows(Reverts.OrganisationIsSuspended.class,
                () -> f.as(11).catalog().register(f.draft(f.nodeAOrg, List.of(), 1)));
        assertEquals(java.math.BigInteger.valueOf(org), e.arguments().get(0));
        admin.restore(org);
        assertTrue(f.as(11).catalog().register(f.draft(f.nodeAOrg, List.of(), 1)) > 0);
    }

    @Test
    void accountsCanBeAddedByTheOrganisationAndRemoved() {
        f.as(ADMIN).organisations().register("Second Hospital", Set.of(Role.PROVIDER), f.address(12));
        long org = f.as(12).organisations().orgOf(f.address(12)).getAsLong();
        f.as(12).organisations().addAccount(org, f.address(13));
        assertEquals(org, f.as(OUTSIDER).organisations().orgOf(f.address(13)).getAsLong());
        assertThrows(Reverts.NotOwnAccount.class, () -> f.as(HOSPITAL).organisations().removeAccount(f.address(13)));
        f.as(12).organisations().removeAccount(f.address(13));
        assertTrue(f.as(OUTSIDER).organisations().orgOf(f.address(13)).isEmpty());
    }

    @Test
    void badInputIsRefusedBeforeAnyTransaction() {
        long before = f.chain.blockNumber();
        OrganisationRegistry admin = f.as(ADMIN).organisations();
        assertEquals("name", assertThrows(InvalidInputException.class,
                () -> admin.register(" ", Set.of(Role.PROVIDER), f.address(14))).field());
        assertEquals("roles", assertThrows(InvalidInputException.class,
                () -> admin.register("X", Set.of(), f.address(14))).field());
        assertEquals("account", assertThrows(InvalidInputException.class,
                () -> admin.register("X", Set.of(Role.NODE), "0x1234")).field());
        assertEquals("name", assertThrows(InvalidInputException.class,
                () -> admin.register("n".repeat(129), Set.of(Role.NODE), f.address(14))).field());
        assertEquals(before, f.chain.blockNumber(), "no transaction may have been mined");
    }
}
