package org.dirchain.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LifecycleSmokeTest {
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
    void registersAssetAndGrant() {
        long[] ag = f.assetWithApprovedGrant(3, 1000);
        assertEquals(1, ag[0]);
        assertEquals(9, f.as(0).organisations().count());
    }
}
