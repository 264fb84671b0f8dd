package io.everynode.api.selector;

/** Label-selector operators, with the spelling each one has in kubectl's string form. */
enum Operator {
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    IN(" in "),
    NOT_IN(" notin "),
    EXISTS(""),
    DOES_NOT_EXIST(""),
    GREATER_THAN(">"),
    LESS_THAN("<");

    final String printed;

    Operator(String printed) {
        this.printed = printed;
    }
}
