package org.gengeo.core.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gengeo.core.GengeoException;

/**
 * Strict parser of a {@code .npy} header: a Python dict literal with exactly the keys
 * {@code 'descr'} (a string), {@code 'fortran_order'} ({@code True} or {@code False}) and
 * {@code 'shape'} (a tuple of non-negative integers, {@code ()} for a scalar), in any order, with an
 * optional trailing comma, followed only by spaces and a newline. Nothing is evaluated; at most 32
 * dimensions (NumPy's own limit).
 */
final class NpyHeader {
    private static final int MAX_DIMS = 32;
    private final String text;
    private final String source;
    private int at;

    private NpyHeader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    static Npy.Header parse(String text, String source) {
        return new NpyHeader(text, source).dict();
    }

    private Npy.Header dict() {
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        Set<String> seen = new HashSet<>();
        expect('{');
        while (true) {
            skipSpaces();
            if (peek() == '}') {
                at++;
                break;
            }
            String key = string();
            if (!seen.add(key)) {
                throw bad("key '" + key + "' appears twice");
            }
            expect(':');
            switch (key) {
                case "descr" -> descr = string();
                case "fortran_order" -> fortran = bool();
                case "shape" -> shape = tuple();
                default -> throw bad("unexpected key '" + key + "'");
            }
            skipSpaces();
            if (peek() == ',') {
                at++;
            } else if (peek() != '}') {
                throw bad("expected ',' or '}' at character " + at);
            }
        }
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c != ' ' && c != '\n') {
                throw bad("unexpected text after the dict");
            }
        }
        if (descr == null || fortran == null || shape == null) {
            throw bad("missing one of 'descr', 'fortran_order', 'shape'");
        }
        return new Npy.Header(descr, fortran, shape);
    }

    private String string() {
        skipSpaces();
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw bad("expected a quoted string at character " + at);
        }
        int end = text.indexOf(quote, at + 1);
        if (end < 0) {
            throw bad("unterminated string");
        }
        String s = text.substring(at + 1, end);
        if (s.indexOf('\\') >= 0) {
            throw bad("escape sequences are not supported");
        }
        at = end + 1;
        return s;
    }

    private boolean bool() {
        skipSpaces();
        if (text.startsWith("True", at)) {
            at += 4;
            return true;
        }
        if (text.startsWith("False", at)) {
            at += 5;
            return false;
        }
        throw bad("'fortran_order' must be True or False");
    }

    private long[] tuple() {
        expect('(');
        List<Long> dims = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                at++;
                break;
            }
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 19) {
                at++;
            }
            if (at == start || (at < text.length() && Character.isDigit(text.charAt(at)))) {
                throw bad("shape entries must be non-negative integers below 10^19");
            }
            if (dims.size() == MAX_DIMS) {
                throw bad("more than " + MAX_DIMS + " dimensions");
            }
            try {
                dims.add(Long.parseLong(text.substring(start, at)));
            } catch (NumberFormatException e) {
                throw bad("shape entry " + text.substring(start, at) + " is too large");
            }
            skipSpaces();
            if (peek() == ',') {
                at++;
            } else if (peek() != ')') {
                throw bad("expected ',' or ')' in the shape");
            }
        }
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        return out;
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw bad("expected '" + c + "' at character " + at);
        }
        at++;
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw bad("header ends early");
        }
        return text.charAt(at);
    }

    private GengeoException bad(String why) {
        return new GengeoException(source + ": malformed .npy header: " + why);
    }
}
