package io.statebackend.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The progress file of one bootstrap or migration ({@code .state-backend/<command>-<stack>.json}).
 *
 * <p>It records the arguments the run started with, the steps that finished, values learnt on the way (the target
 * backend URL read from stack outputs, the backup file name) and the last failure. It holds no secrets. Deleting it
 * only makes the next run start from the first step again; it never affects any state.
 */
public final class Journal {

    private static final String DIRECTORY = ".state-backend";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String command;
    public Map<String, String> params = new TreeMap<>();
    public Map<String, String> vars = new TreeMap<>();
    public List<String> done = new ArrayList<>();
    public String failedStep;
    public String failure;
    public String updatedAt;

    /** Where a project keeps its journals (and the {@link RunLock}): git-ignored, holding no secret. */
    static Path directory(Path projectDir) {
        return projectDir.resolve(DIRECTORY);
    }

    /** The journal at {@code file}, or a fresh one when there is none. */
    static Journal loadOrNew(Path file, String command, Map<String, String> params) {
        if (Files.isRegularFile(file)) {
            try {
                return JSON.readValue(file.toFile(), Journal.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the progress journal " + file
                        + " (" + e.getMessage() + "); move it aside to start over", e);
            }
        }
        Journal j = new Journal();
        j.command = command;
        j.params.putAll(params);
        return j;
    }

    /**
     * The journal of a run with these parameters: the one at {@code file} if it was started with the same ones, a
     * fresh one if there is none. Throws {@link IllegalArgumentException} naming the difference otherwise, so that
     * two different runs are never mixed.
     */
    public static Journal open(Path file, String command, Map<String, String> params, String shownPath) {
        Journal journal;
        try {
            journal = loadOrNew(file, command, params);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<String> mismatches = journal.mismatches(params);
        if (!mismatches.isEmpty()) {
            throw new IllegalArgumentException(shownPath + " belongs to an earlier " + command + " with other"
                    + " arguments (" + String.join("; ", mismatches) + "). Run again with the same arguments to"
                    + " finish it, or move the journal aside to start over (that deletes no state).");
        }
        return journal;
    }

    /** The parameters (stack, target, ...) that differ from the ones this journal was started with. */
    List<String> mismatches(Map<String, String> current) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : current.entrySet()) {
            String before = params.get(e.getKey());
            if (before != null && !before.equals(e.getValue())) {
                out.add("--" + e.getKey() + " was '" + before + "', now '" + e.getValue() + "'");
            }
        }
        return out;
    }

    public boolean isDone(String stepId) {
        return done.contains(stepId);
    }

    /**
     * Whether a run asked to redo from {@code redoFrom} (null, or a step not in {@code order}: no redo) runs
     * {@code stepId}: not done yet, or at or after the redo point.
     */
    public boolean wouldRun(String stepId, List<String> order, String redoFrom) {
        int redoAt = redoFrom == null ? -1 : order.indexOf(redoFrom);
        return !isDone(stepId) || redoAt >= 0 && order.indexOf(stepId) >= redoAt;
    }

    /** Forgets the given step and every step after it in {@code order}, so that they run again. */
    public void redoFrom(String stepId, List<String> order) {
        int from = order.indexOf(stepId);
        if (from < 0) {
            throw new IllegalArgumentException("no step named '" + stepId + "'; steps are " + order);
        }
        done.removeAll(order.subList(from, order.size()));
    }

    /** Writes atomically (temp file + rename), so an interrupted run never leaves half a journal. */
    public void save(Path file, Instant now) {
        updatedAt = now.toString();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the progress journal " + file, e);
        }
    }
}
