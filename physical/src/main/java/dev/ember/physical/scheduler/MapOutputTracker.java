package dev.ember.physical.scheduler;

import dev.ember.physical.shuffle.MapStatus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The driver's record of where every shuffle's map outputs are, and how big. */
public final class MapOutputTracker {
    private final Map<Integer, MapStatus[]> outputs = new ConcurrentHashMap<>();

    public void registerShuffle(int shuffleId, int numMaps) {
        outputs.computeIfAbsent(shuffleId, k -> new MapStatus[numMaps]);
    }

    /** Records a finished map output; one of a shuffle removed meanwhile (its query ended) is dropped. */
    public synchronized void register(int shuffleId, int mapId, MapStatus status) {
        MapStatus[] s = outputs.get(shuffleId);
        if (s != null) {
            s[mapId] = status;
        }
    }

    public MapStatus get(int shuffleId, int mapId) {
        MapStatus[] s = outputs.get(shuffleId);
        return s == null ? null : s[mapId];
    }

    public MapStatus[] statuses(int shuffleId) {
        return outputs.get(shuffleId);
    }

    public synchronized void unregister(int shuffleId, int mapId) {
        MapStatus[] s = outputs.get(shuffleId);
        if (s != null) {
            s[mapId] = null;
        }
    }

    /** Forgets every output that lived on a lost executor; returns how many, by shuffle. */
    public synchronized Map<Integer, Integer> removeOutputsOn(int executorId) {
        Map<Integer, Integer> lost = new java.util.TreeMap<>();
        for (Map.Entry<Integer, MapStatus[]> e : outputs.entrySet()) {
            MapStatus[] s = e.getValue();
            for (int i = 0; i < s.length; i++) {
                if (s[i] != null && s[i].executorId() == executorId) {
                    s[i] = null;
                    lost.merge(e.getKey(), 1, Integer::sum);
                }
            }
        }
        return lost;
    }

    /**
     * Map tasks of the shuffle whose output is missing. A shuffle never registered, or removed
     * since (its query ended, its cached relation was dropped), has every output missing: it is
     * registered afresh with {@code numMaps} outputs, all to be computed.
     */
    public synchronized int[] missing(int shuffleId, int numMaps) {
        MapStatus[] s = outputs.computeIfAbsent(shuffleId, k -> new MapStatus[numMaps]);
        return java.util.stream.IntStream.range(0, s.length).filter(i -> s[i] == null).toArray();
    }

    /** True when every map output of the shuffle is registered; false for an unknown or removed shuffle. */
    public synchronized boolean isComplete(int shuffleId) {
        MapStatus[] s = outputs.get(shuffleId);
        if (s == null) {
            return false;
        }
        for (MapStatus m : s) {
            if (m == null) {
                return false;
            }
        }
        return true;
    }

    public void removeShuffle(int shuffleId) {
        outputs.remove(shuffleId);
    }
}
