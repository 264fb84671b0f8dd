package io.everynode.apiserver.auth;

/**
 * One authorization mode (upstream's {@code authorizer.Authorizer}): Node, RBAC. The modes are
 * asked in order; the first that allows or denies decides, and a request that none allows is
 * refused with 403.
 */
@FunctionalInterface
public interface Authorizer {
    Decision authorize(RequestAttributes attributes);

    /**
     * @param reason why, for the 403 message and SubjectAccessReview's {@code status.reason}
     */
    record Decision(Kind kind, String reason) {
        public static final Decision NO_OPINION = new Decision(Kind.NO_OPINION, "");

        public static Decision allow(String reason) {
            return new Decision(Kind.ALLOW, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(Kind.DENY, reason);
        }

        public boolean allowed() {
            return kind == Kind.ALLOW;
        }
    }

    enum Kind {
        ALLOW,
        DENY,
        NO_OPINION
    }
}
