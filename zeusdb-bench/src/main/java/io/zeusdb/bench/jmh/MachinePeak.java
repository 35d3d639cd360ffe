package io.zeusdb.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The machine's theoretical single-precision peak, from lscpu (or /proc/cpuinfo):
 * {@code cores x GHz x 2 FMA units x lanes x 2 flops per FMA}, with lanes the Vector API's
 * preferred float lanes (8 for AVX2's 256 bits). Two FMA units per core is what x86 cores since
 * Haswell and Zen 2 have; it is an assumption, stated in the output.
 *
 * @param cores      cores (lscpu's CPU(s))
 * @param ghz        clock: lscpu's max MHz when given, else the current "cpu MHz"
 * @param lanes      float lanes per vector register
 * @param fmaUnits   FMA pipes per core (assumed 2)
 * @param source     where the clock came from
 */
public record MachinePeak(int cores, double ghz, int lanes, int fmaUnits, String source) {

    /** GFLOP/s of one core. */
    public double perCoreGflops() {
        return ghz * fmaUnits * lanes * 2;
    }

    /** GFLOP/s of all cores. */
    public double totalGflops() {
        return cores * perCoreGflops();
    }

    /** The formula with its numbers filled in. */
    public String explain() {
        return String.format(Locale.ROOT,
                "peak = %d cores x %.3f GHz x %d FMA units x %d lanes x 2 flops = %.1f GFLOP/s (%.1f per core); clock from %s",
                cores, ghz, fmaUnits, lanes, totalGflops(), perCoreGflops(), source);
    }

    /** Reads this machine. */
    public static MachinePeak detect(int lanes) {
        int cores = Runtime.getRuntime().availableProcessors();
        double mhz = 0;
        String source = "unknown (assumed 2.0 GHz)";
        for (String line : lscpu()) {
            String[] kv = line.split(":", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            if (key.equals("CPU(s)")) {
                cores = Integer.parseInt(value);
            } else if (key.equals("CPU max MHz")) {
                mhz = Double.parseDouble(value);
                source = "lscpu 'CPU max MHz'";
            }
        }
        if (mhz == 0) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("cpu MHz")) {
                        mhz = Double.parseDouble(line.split(":", 2)[1].trim());
                        source = "/proc/cpuinfo 'cpu MHz' (lscpu gives no max MHz under this hypervisor)";
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the assumption
            }
        }
        return new MachinePeak(cores, mhz > 0 ? mhz / 1000 : 2.0, lanes, 2, source);
    }

    private static List<String> lscpu() {
        try {
            Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor(5, TimeUnit.SECONDS);
            return lines;
        } catch (IOException | InterruptedException e) {
            return List.of();
        }
    }
}
