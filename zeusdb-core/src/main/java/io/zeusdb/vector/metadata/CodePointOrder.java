package io.zeusdb.vector.metadata;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, the order ZeusDB uses for metadata keys, id tie-breaks and
 * string range filters.
 *
 * <p>{@link String#compareTo} compares UTF-16 code units, which puts supplementary characters
 * (encoded as surrogates, U+D800..U+DFFF) before BMP characters in U+E000..U+FFFF; code-point
 * order does not, and it is the order upstream (Rust, UTF-8 byte order) produces.
 */
public final class CodePointOrder implements Comparator<String> {

    /** The single instance. */
    public static final CodePointOrder INSTANCE = new CodePointOrder();

    private CodePointOrder() {}

    @Override
    public int compare(String a, String b) {
        return compareStrings(a, b);
    }

    /** Compares two strings by code point; equal strings compare 0. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Only when one side is a surrogate and the other is at or above U+E000 does
                // code-unit order disagree with code-point order.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
