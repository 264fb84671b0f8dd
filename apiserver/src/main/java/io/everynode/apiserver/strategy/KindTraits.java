package io.everynode.apiserver.strategy;

/**
 * What the generic registry does for a kind around the strategy's hooks: whether spec writes bump
 * {@code metadata.generation} (R3.6) and whether status is written only through the status
 * subresource (and ignored on main-resource writes).
 */
record KindTraits(boolean generation, boolean statusSubresource) {
    /** Neither: the whole object is written in one piece. */
    static final KindTraits PLAIN = new KindTraits(false, false);
    /** Status only through {@code <kind>/status}; no generation. */
    static final KindTraits STATUS = new KindTraits(false, true);
    /** A spec with a generation and status only through {@code <kind>/status}. */
    static final KindTraits GENERATION_AND_STATUS = new KindTraits(true, true);
}
