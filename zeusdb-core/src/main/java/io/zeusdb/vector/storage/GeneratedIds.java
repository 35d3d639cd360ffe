package io.zeusdb.vector.storage;

/**
 * The ids an index generates for records added without one: {@code vec_1}, {@code vec_2}, ... A
 * record added or loaded under an id of that form raises the counter past its number, so a
 * generated id never collides with a stored one (reference 4.3).
 *
 * <p>Internal: not part of the public API.
 */
public final class GeneratedIds {

    private static final String PREFIX = "vec_";

    private GeneratedIds() {}

    /** The id generated for counter value {@code n}. */
    public static String id(long n) {
        return PREFIX + n;
    }

    /**
     * {@code N} when {@code id} is {@code vec_N} with {@code N} decimal digits that fit a long;
     * otherwise -1.
     */
    public static long numberOf(String id) {
        int len = id.length();
        if (len <= PREFIX.length() || !id.startsWith(PREFIX)) {
            return -1;
        }
        long n = 0;
        for (int i = PREFIX.length(); i < len; i++) {
            char ch = id.charAt(i);
            if (ch < '0' || ch > '9' || n > (Long.MAX_VALUE - (ch - '0')) / 10) {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
