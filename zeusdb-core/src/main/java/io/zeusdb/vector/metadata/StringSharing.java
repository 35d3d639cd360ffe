package io.zeusdb.vector.metadata;

/**
 * How canonical metadata shares repeated strings. Field names repeat in every record and short
 * values (a category, a language, a tag) across many, so one instance of each is kept.
 * {@link #INTERNED} uses the JVM's string table and is safe from any thread; a
 * {@link #forBatch() batch} instance, for one thread canonicalising many records in a row (a
 * load), puts a small direct-mapped cache in front of it: {@code String.intern} costs about a
 * quarter of a microsecond, a dozen times per record, and was most of the time a load took to
 * read a metadata-rich {@code metadata.json}.
 *
 * <p>Field names always end up interned (filters find them by identity); a batch keeps values in
 * its cache without interning them, so a value is shared by the records of one load but unique
 * values (an id, a sentence) never enter the JVM's string table.
 *
 * <p>Internal: not part of the public API.
 */
public final class StringSharing {

    /** Interns every name and short value; stateless, safe from any thread. */
    public static final StringSharing INTERNED = new StringSharing(0, 0);

    /** Values longer than this are kept as they are: long text rarely repeats. */
    static final int MAX_SHARED_LENGTH = 64;

    private final String[] names;
    private final String[] values;

    private StringSharing(int nameSlots, int valueSlots) {
        names = nameSlots == 0 ? null : new String[nameSlots];
        values = valueSlots == 0 ? null : new String[valueSlots];
    }

    /** A cache for one thread canonicalising many records in a row. */
    public static StringSharing forBatch() {
        return new StringSharing(1 << 8, 1 << 13);
    }

    /** The interned instance of a field name. */
    String name(String name) {
        if (names == null) {
            return name.intern();
        }
        int slot = spread(name.hashCode()) & (names.length - 1);
        String cached = names[slot];
        if (cached != null && cached.equals(name)) {
            return cached;
        }
        String interned = name.intern();
        names[slot] = interned;
        return interned;
    }

    /** The shared instance of a value equal to {@code value}. */
    String value(String value) {
        if (value.length() > MAX_SHARED_LENGTH) {
            return value;
        }
        if (values == null) {
            return value.intern();
        }
        int len = value.length();
        if (len == 0) {
            return "";
        }
        int slot = slot(len, value.charAt(0), value.charAt(len >> 1), value.charAt(len - 1)) & (values.length - 1);
        String cached = values[slot];
        if (cached != null && cached.equals(value)) {
            return cached;
        }
        values[slot] = value;
        return value;
    }

    /**
     * The shared instance of the text {@code chars[off, off + len)} (a batch only): a JSON
     * parser's buffer, so a repeated value costs neither a new String nor its garbage.
     */
    public String value(char[] chars, int off, int len) {
        if (len == 0) {
            return "";
        }
        if (len > MAX_SHARED_LENGTH || values == null) {
            return new String(chars, off, len);
        }
        int slot = slot(len, chars[off], chars[off + (len >> 1)], chars[off + len - 1]) & (values.length - 1);
        String cached = values[slot];
        if (cached != null && cached.length() == len) {
            int i = 0;
            while (i < len && cached.charAt(i) == chars[off + i]) {
                i++;
            }
            if (i == len) {
                return cached;
            }
        }
        String made = new String(chars, off, len);
        values[slot] = made;
        return made;
    }

    /**
     * The batch cache's slot of a value: from its length and three of its characters, so finding
     * a slot costs the same for any length (a full hash of every unique text a load reads cost a
     * third of parsing metadata.json); a collision only replaces the cached value.
     */
    private static int slot(int len, char first, char middle, char last) {
        return spread(((len * 31 + first) * 31 + middle) * 31 + last);
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
