package dev.ember.common.config;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One typed setting: its key, its default, a one-line doc (shown by {@code SET -v}) and how to
 * read it from text. Entries are declared once, in {@link EmberConf}.
 */
public record ConfigEntry<T>(String key, Supplier<T> defaultValue, String doc, Function<String, T> parser) {

    public T parse(String text) {
        return parser.apply(text.trim());
    }

    public String defaultText() {
        return String.valueOf(defaultValue.get());
    }
}
