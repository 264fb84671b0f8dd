package io.everynode.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            app=fluent-bit              | app=fluent-bit          | true
            app=fluent-bit              | app=other               | false
            app==fluent-bit             | app=fluent-bit          | true
            app!=fluent-bit             | app=fluent-bit          | false
            app!=fluent-bit             | tier=x                  | true
            tier in (a,b)               | tier=b                  | true
            tier in (a,b)               | tier=c                  | false
            tier in (a,b)               | app=x                   | false
            tier notin (a)              | app=x                   | true
            tier notin (a)              | tier=a                  | false
            gpu                         | gpu=                    | true
            gpu                         | app=x                   | false
            !gpu                        | app=x                   | true
            !gpu                        | gpu=yes                 | false
            ' app = x , tier in ( a , b ) ' | app=x;tier=a        | true
            'app=x,tier=c'              | app=x;tier=a            | false
            version>3                   | version=4               | true
            version<3                   | version=4               | false
            version>3                   | version=abc             | false
            app=                        | app=                    | true
            ''                          | app=x                   | true
            """)
    void parsedSelectorsMatchLabelSets(String selector, String labels, boolean expected) {
        assertThat(Selector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" prints as \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            app=fluent-bit               | app=fluent-bit
            app==x                       | app==x
            tier in (b, a)               | tier in (a,b)
            'x notin (q),app=y'          | app=y,x notin (q)
            !gpu                         | !gpu
            gpu                          | gpu
            ''                           | ''
            """)
    void parsedSelectorsPrintInKubectlForm(String selector, String printed) {
        assertThat(Selector.parse(selector).toString()).isEqualTo(printed);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is rejected with \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            app=x=y             | invalid label selector "app=x=y": expected ',' or end of input at position 5
            tier in a           | invalid label selector "tier in a": expected '(' to open a value set at position 8
            tier in (a          | invalid label selector "tier in (a": expected ',' or ')' in a value set at position 10
            tier in ()          | invalid label selector "tier in ()": for 'in', 'notin' operators, values set can't be empty
            app foo             | invalid label selector "app foo": expected one of '=', '==', '!=', 'in', 'notin', '>', '<' at position 4
            '=x'                | invalid label selector "=x": expected a label key at position 0
            '!a=b'              | invalid label selector "!a=b": '!' must be followed only by a key at position 2
            'a/b/c=x'           | invalid label key "a/b/c"
            'app=-x'            | invalid label value: "-x": at key: "app"
            'v>x'               | for 'Gt', 'Lt' operators, the value must be an integer
            """)
    void badSyntaxIsAnIllegalArgumentNamingTheProblem(String selector, String message) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aNullApiSelectorMatchesNothing() {
        Selector s = Selector.from(null);
        assertThat(s.matches(Map.of())).isFalse();
        assertThat(s.isEmpty()).isFalse();
    }

    @Test
    void anEmptyApiSelectorMatchesEverything() {
        Selector s = Selector.from(new LabelSelector());
        assertThat(s.matches(Map.of("a", "b"))).isTrue();
        assertThat(s.isEmpty()).isTrue();
    }

    @Test
    void apiSelectorCombinesMatchLabelsAndExpressionsAndPrintsSortedByKey() {
        LabelSelector api = new LabelSelectorBuilder()
                .addToMatchLabels("app", "fluent-bit")
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("b", "a")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("gpu")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("zone")
                .withOperator("Exists")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("os")
                .withOperator("NotIn")
                .withValues("windows")
                .endMatchExpression()
                .build();
        Selector s = Selector.from(api);
        assertThat(s.toString()).isEqualTo("app=fluent-bit,!gpu,os notin (windows),tier in (a,b),zone");
        assertThat(s.matches(Map.of("app", "fluent-bit", "tier", "a", "zone", "z1")))
                .isTrue();
        assertThat(s.matches(Map.of("app", "fluent-bit", "tier", "a", "zone", "z1", "gpu", "1")))
                .isFalse();
    }

    @ParameterizedTest(name = "[{index}] operator {0} values {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Gt      | 1   | "Gt" is not a valid label selector operator
            In      | ''  | for 'in', 'notin' operators, values set can't be empty
            Exists  | x   | values set must be empty for exists and does not exist
            """)
    void badApiSelectorsAreRejected(String op, String values, String message) {
        LabelSelector api = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("k")
                .withOperator(op)
                .withValues(values.isEmpty() ? new String[0] : values.split(";"))
                .endMatchExpression()
                .build();
        assertThatThrownBy(() -> Selector.from(api))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Map<String, String> labels(String spec) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String kv : spec.split(";")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }
}
