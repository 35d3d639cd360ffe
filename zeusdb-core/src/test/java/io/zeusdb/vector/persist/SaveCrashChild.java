package io.zeusdb.vector.persist;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import io.zeusdb.vector.persistence.SaveSteps;
import java.nio.file.Path;

/**
 * The child process of {@link SaveCrashTest}. Two modes:
 *
 * <ul>
 *   <li>{@code step SOURCE TARGET STEP}: loads SOURCE, then saves it to TARGET and halts the JVM
 *       (no shutdown hooks, no cleanup: like a kill) the moment the save reaches STEP; exit code 3.
 *   <li>{@code loop A B TARGET}: loads A and B, prints {@code ready}, then saves them to TARGET
 *       alternately until killed.
 *   <li>{@code copy SOURCE TARGET}: loads SOURCE and saves it to TARGET (run under a small heap by
 *       {@link MemoryBudgetTest}).
 * </ul>
 */
public final class SaveCrashChild {

    static final int HALTED = 3;

    private SaveCrashChild() {}

    public static void main(String[] args) throws Exception {
        VectorDatabase vdb = new VectorDatabase();
        if (args[0].equals("step")) {
            HnswIndex source = vdb.load(Path.of(args[1]));
            String haltAt = args[3];
            SaveSteps.setListener(step -> {
                if (step.equals(haltAt)) {
                    Runtime.getRuntime().halt(HALTED);
                }
            });
            source.save(Path.of(args[2]));
            System.exit(0); // the step never came
        }
        if (args[0].equals("copy")) {
            vdb.load(Path.of(args[1])).save(Path.of(args[2]));
            System.exit(0);
        }
        HnswIndex a = vdb.load(Path.of(args[1]));
        HnswIndex b = vdb.load(Path.of(args[2]));
        Path target = Path.of(args[3]);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            (i % 2 == 0 ? b : a).save(target);
        }
    }
}
