package dev.ember.tpch.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the report says about the JVM, the machine and the code measured. */
final class Environment {
    private Environment() {
    }

    static Map<String, String> jvm() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        m.put("max heap", String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        m.put("garbage collectors", String.join(", ", gcs));
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        m.put("flags", String.join(" ", flags));
        // The launcher starts the runner from a trained AOT cache on JDK 25+ (planning code JIT-compiled
        // sooner); say so, since it changes the planning column.
        m.put("start-up cache", flags.stream().filter(f -> f.startsWith("-XX:AOTCache=")).findFirst()
                .map(f -> "AOT cache " + f.substring("-XX:AOTCache=".length()) + " (EMBER_AOT=off runs without)")
                .orElse("none"));
        return m;
    }

    static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        String name = System.getenv("EMBER_BENCH_MACHINE");
        if (name != null && !name.isBlank()) {
            m.put("machine", name.trim());
        }
        m.put("host", hostName());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (double) (1L << 30)));
        }
        return m;
    }

    /** The 1, 5 and 15 minute load averages (other work on the machine disturbs the figures). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    /** The 1-minute load average per core, NaN where unknown. */
    static double loadPerCore() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l / Runtime.getRuntime().availableProcessors();
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** The git commit of the code measured, with "+changes" when the tree has uncommitted changes. */
    static String commit(Path repo) {
        String head = git(repo, "rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git(repo, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + " +changes";
    }

    private static String git(Path repo, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
