package io.everynode.apiserver.patch;

/** How a strategic merge patch combines a list in the patch with the list in the object. */
enum ListStrategy {
    /** The patch list replaces the object's list wholesale (upstream default, and "atomic"). */
    ATOMIC,
    /** Elements are maps matched by a merge key: matches merge, new keys append (patchStrategy merge + patchMergeKey). */
    MERGE_BY_KEY,
    /** A list of primitives treated as an unordered set: the union of both (patchStrategy merge, no key). */
    MERGE_SET
}
