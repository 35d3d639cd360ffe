package io.zeusdb.springai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Group;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Value;

/**
 * Generated documents and filter expressions for the filter tests. Each metadata key holds one
 * kind of value (or is missing), because SimpleVectorStore, the oracle, throws when a filter
 * compares values of different kinds; integers and decimals are mixed on purpose.
 */
final class FilterCorpus {

    static final String[] COUNTRIES = {"BG", "NL", "DE", "FR", "US"};
    static final String[] CITIES = {"Amsterdam", "Berlin", "Paris", "Sofia", "sofia", "Zagreb", "Ärhus", "Øresund"};
    static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "river", "mountain", "city", "salvation",
        "world", "corner", "big", "small", "north", "south"};
    static final long VIEWS_BASE = 1_000_000_000_000L;

    private FilterCorpus() {}

    static List<Document> documents(int n, long seed) {
        Random r = new Random(seed);
        List<Document> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0, words = 3 + r.nextInt(5); w < words; w++) {
                text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            Map<String, Object> meta = new HashMap<>();
            if (r.nextInt(5) > 0) {
                meta.put("country", COUNTRIES[r.nextInt(COUNTRIES.length)]);
            }
            int y = r.nextInt(10);
            if (y < 6) {
                meta.put("year", 2015 + r.nextInt(11));
            } else if (y < 8) {
                meta.put("year", 2015 + r.nextInt(11) + (r.nextBoolean() ? 0.5 : 0.0));
            }
            if (r.nextInt(10) < 7) {
                meta.put("views", VIEWS_BASE + r.nextInt(20));
            }
            if (r.nextInt(10) < 7) {
                meta.put("rating", Math.round(r.nextDouble() * 50) / 10.0);
            }
            if (r.nextInt(10) < 7) {
                meta.put("active", r.nextBoolean());
            }
            if (r.nextInt(10) < 7) {
                meta.put("city", CITIES[r.nextInt(CITIES.length)]);
            }
            docs.add(Document.builder().id(String.format("doc-%04d", i)).text(text.toString().trim())
                    .metadata(meta).build());
        }
        return docs;
    }

    static Expression leaf(ExpressionType type, String key, Object value) {
        return new Expression(type, new Key(key), value == null ? null : new Value(value));
    }

    /** One readable case per expression type and per tricky corner of the semantics. */
    static Map<String, Expression> namedCases() {
        Map<String, Expression> cases = new java.util.LinkedHashMap<>();
        cases.put("EQ string", leaf(ExpressionType.EQ, "country", "BG"));
        cases.put("EQ integer matches stored decimals by magnitude", leaf(ExpressionType.EQ, "year", 2020));
        cases.put("EQ decimal", leaf(ExpressionType.EQ, "year", 2020.5));
        cases.put("EQ boolean", leaf(ExpressionType.EQ, "active", true));
        cases.put("EQ long", leaf(ExpressionType.EQ, "views", VIEWS_BASE + 7));
        cases.put("NE string admits missing keys", leaf(ExpressionType.NE, "country", "BG"));
        cases.put("NE boolean", leaf(ExpressionType.NE, "active", false));
        cases.put("GT integer", leaf(ExpressionType.GT, "year", 2020));
        cases.put("GT decimal", leaf(ExpressionType.GT, "rating", 2.5));
        cases.put("GT string", leaf(ExpressionType.GT, "city", "Paris"));
        cases.put("GT boolean false", leaf(ExpressionType.GT, "active", false));
        cases.put("GTE integer", leaf(ExpressionType.GTE, "year", 2020));
        cases.put("GTE long", leaf(ExpressionType.GTE, "views", VIEWS_BASE + 10));
        cases.put("GTE boolean true", leaf(ExpressionType.GTE, "active", true));
        cases.put("LT integer admits missing keys", leaf(ExpressionType.LT, "year", 2020));
        cases.put("LT string", leaf(ExpressionType.LT, "city", "Sofia"));
        cases.put("LT boolean true", leaf(ExpressionType.LT, "active", true));
        cases.put("LTE decimal admits missing keys", leaf(ExpressionType.LTE, "rating", 2.5));
        cases.put("LTE boolean false", leaf(ExpressionType.LTE, "active", false));
        cases.put("IN strings", leaf(ExpressionType.IN, "country", List.of("BG", "NL")));
        cases.put("IN numbers of mixed kinds", leaf(ExpressionType.IN, "year", List.of(2016, 2020.5, 2024)));
        cases.put("NIN strings admits missing keys", leaf(ExpressionType.NIN, "country", List.of("BG", "NL")));
        cases.put("NIN numbers", leaf(ExpressionType.NIN, "year", List.of(2016, 2017)));
        cases.put("ISNULL", new Expression(ExpressionType.ISNULL, new Key("year"), null));
        cases.put("ISNOTNULL", new Expression(ExpressionType.ISNOTNULL, new Key("country"), null));
        cases.put("AND", new Expression(ExpressionType.AND, leaf(ExpressionType.EQ, "country", "BG"),
                leaf(ExpressionType.GTE, "year", 2020)));
        cases.put("OR", new Expression(ExpressionType.OR, leaf(ExpressionType.EQ, "country", "BG"),
                leaf(ExpressionType.LT, "rating", 1.0)));
        cases.put("NOT", new Expression(ExpressionType.NOT, leaf(ExpressionType.EQ, "country", "BG"), null));
        cases.put("NOT of a group of OR", new Expression(ExpressionType.NOT, new Group(new Expression(
                ExpressionType.OR, leaf(ExpressionType.LT, "year", 2018), leaf(ExpressionType.EQ, "active", true))),
                null));
        cases.put("grouping changes the meaning", new Expression(ExpressionType.AND,
                new Group(new Expression(ExpressionType.OR, leaf(ExpressionType.EQ, "country", "BG"),
                        leaf(ExpressionType.EQ, "country", "NL"))),
                leaf(ExpressionType.GTE, "year", 2020)));
        cases.put("quoted key", leaf(ExpressionType.EQ, "'country'", "DE"));
        cases.put("key nobody has", leaf(ExpressionType.EQ, "nobody", "x"));
        cases.put("NE on a key nobody has matches all", leaf(ExpressionType.NE, "nobody", "x"));
        return cases;
    }

    /** A random expression of at most {@code depth} levels over the corpus's keys. */
    static Expression random(Random r, int depth) {
        if (depth <= 1 || r.nextInt(3) == 0) {
            return randomLeaf(r);
        }
        return switch (r.nextInt(4)) {
            case 0 -> new Expression(ExpressionType.AND, maybeGroup(r, random(r, depth - 1)),
                    maybeGroup(r, random(r, depth - 1)));
            case 1 -> new Expression(ExpressionType.OR, maybeGroup(r, random(r, depth - 1)),
                    maybeGroup(r, random(r, depth - 1)));
            case 2 -> new Expression(ExpressionType.NOT, new Group(random(r, depth - 1)), null);
            default -> randomLeaf(r);
        };
    }

    private static Filter.Operand maybeGroup(Random r, Expression e) {
        return r.nextBoolean() ? new Group(e) : e;
    }

    private static Expression randomLeaf(Random r) {
        String key = new String[] {"country", "year", "views", "rating", "active", "city"}[r.nextInt(6)];
        ExpressionType[] types = ExpressionType.values();
        ExpressionType type;
        do {
            type = types[r.nextInt(types.length)];
        } while (type == ExpressionType.AND || type == ExpressionType.OR || type == ExpressionType.NOT);
        if (type == ExpressionType.ISNULL || type == ExpressionType.ISNOTNULL) {
            return new Expression(type, new Key(key), null);
        }
        if (type == ExpressionType.IN || type == ExpressionType.NIN) {
            List<Object> values = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                values.add(randomValue(r, key));
            }
            return leaf(type, key, values);
        }
        return leaf(type, key, randomValue(r, key));
    }

    private static Object randomValue(Random r, String key) {
        return switch (key) {
            case "country" -> COUNTRIES[r.nextInt(COUNTRIES.length)];
            case "year" -> r.nextBoolean() ? (Object) (2015 + r.nextInt(11)) : (Object) (2015 + r.nextInt(11) + 0.5);
            case "views" -> VIEWS_BASE + r.nextInt(20);
            case "rating" -> Math.round(r.nextDouble() * 50) / 10.0;
            case "active" -> r.nextBoolean();
            default -> CITIES[r.nextInt(CITIES.length)];
        };
    }

    /** The text form of {@code operand} in Spring AI's filter grammar (NOT always with parentheses). */
    static String text(Filter.Operand operand) {
        if (operand instanceof Group g) {
            return "(" + text(g.content()) + ")";
        }
        Expression e = (Expression) operand;
        String key = e.left() instanceof Key k ? k.key() : null;
        return switch (e.type()) {
            case AND -> operandText(e.left()) + " && " + operandText(e.right());
            case OR -> operandText(e.left()) + " || " + operandText(e.right());
            case NOT -> "NOT " + (e.left() instanceof Group ? text(e.left()) : "(" + text(e.left()) + ")");
            case ISNULL -> key + " IS NULL";
            case ISNOTNULL -> key + " IS NOT NULL";
            case IN, NIN -> {
                StringBuilder b = new StringBuilder(key).append(e.type() == ExpressionType.IN ? " IN [" : " NIN [");
                List<?> values = (List<?>) ((Value) e.right()).value();
                for (int i = 0; i < values.size(); i++) {
                    b.append(i > 0 ? ", " : "").append(literal(values.get(i)));
                }
                yield b.append(']').toString();
            }
            default -> key + " " + symbol(e.type()) + " " + literal(((Value) e.right()).value());
        };
    }

    /**
     * An operand of AND/OR: compound expressions get parentheses, because the grammar binds AND
     * tighter than OR and NOT loosest of all ({@code NOT a && b} is {@code NOT (a && b)}).
     */
    private static String operandText(Filter.Operand operand) {
        if (operand instanceof Expression e && (e.type() == ExpressionType.AND || e.type() == ExpressionType.OR
                || e.type() == ExpressionType.NOT)) {
            return "(" + text(e) + ")";
        }
        return text(operand);
    }

    private static String symbol(ExpressionType type) {
        return switch (type) {
            case EQ -> "==";
            case NE -> "!=";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            default -> "<=";
        };
    }

    private static String literal(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        return String.valueOf(v);
    }
}
