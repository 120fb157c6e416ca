package dev.pixkit.server.search;

import java.util.List;

/**
 * A parsed searchQuery: comparisons joined by AND and OR. AND and OR are n-ary (a chain {@code a AND b AND c} is one
 * node), so the tree is only as deep as the query's parentheses.
 */
sealed interface Query {

    record And(List<Query> operands) implements Query {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Query> operands) implements Query {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code field operator value}; {@code position} (1-based) is where the field starts in the query text. */
    record Comparison(Field field, Operator operator, Value value, int position) implements Query {}

    /** Every comparison in the tree, depth first. */
    default List<Comparison> comparisons() {
        return switch (this) {
            case Comparison c -> List.of(c);
            case And a -> a.operands().stream().flatMap(q -> q.comparisons().stream()).toList();
            case Or o -> o.operands().stream().flatMap(q -> q.comparisons().stream()).toList();
        };
    }
}
