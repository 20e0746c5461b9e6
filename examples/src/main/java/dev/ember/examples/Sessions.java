package dev.ember.examples;

import dev.ember.engine.EmberSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What every example's {@code main} does first: a local session, and its sample data on disk. */
final class Sessions {
    private Sessions() {
    }

    static EmberSession local(String appName) {
        return EmberSession.builder().master("local[4]").appName(appName).getOrCreate();
    }

    /** A sample file shipped in the jar, copied to a temporary file so that {@code textFile} can read it. */
    static Path sample(String resource) {
        try (InputStream in = Sessions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sample data " + resource + " is missing from the jar");
            }
            Path tmp = Files.createTempFile("ember-example-", "-" + resource);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text written to a temporary file (generated sample data). */
    static Path write(String prefix, String text) {
        try {
            Path tmp = Files.createTempFile("ember-example-", "-" + prefix);
            tmp.toFile().deleteOnExit();
            Files.writeString(tmp, text);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
