package io.zeusdb.vector.cli;

/** Placeholder entry point; replaced by the picocli command tree. */
public final class ZdbCommand {
    public static void main(String[] args) {
        System.out.println("zdb");
    }
}
