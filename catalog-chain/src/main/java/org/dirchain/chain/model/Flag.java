package org.dirchain.chain.model;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** An enum constant that is one bit of an on-chain bit mask (roles, operations). */
public interface Flag {
    int bit();

    static int mask(Collection<? extends Flag> flags) {
        int mask = 0;
        for (Flag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }

    /** The flags set in {@code mask}; bits that name no constant are ignored. */
    static <E extends Enum<E> & Flag> Set<E> fromMask(Class<E> type, int mask) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((mask & e.bit()) != 0) {
                set.add(e);
            }
        }
        return Set.copyOf(set);
    }
}
