package org.gengeo.core.script;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.DType;

/**
 * An interpreter of the pickle subset that a TorchScript archive's {@code data.pkl} uses
 * (protocol 2: https://github.com/python/cpython/blob/3.11/Lib/pickletools.py documents each
 * opcode). It builds plain Java values and never runs anything. Globals are limited to the same
 * set as PyTorch's {@code weights_only} loading: {@code torch._utils._rebuild_tensor_v2} and
 * {@code _rebuild_parameter}, the typed storages {@code torch.FloatStorage} ..., and
 * {@code collections.OrderedDict}; TorchScript's typed-list helpers ({@code torch.jit._pickle.build_intlist}
 * and its siblings, which a scripted module's list attributes use; each yields its argument); in addition the class names of TorchScript's own namespace
 * ({@code __torch__.*}), which in a TorchScript archive are the module objects themselves and
 * here only become {@link ScriptObject}s holding their attributes. Any other global, any other
 * opcode, a tensor that is not contiguous or overruns its storage, and more than
 * {@value #MAX_OPS} opcodes or {@value #MAX_DEPTH} nesting levels are refused with a one-line
 * {@link GengeoException}.
 */
final class RestrictedPickle {
    static final int MAX_OPS = 10_000_000;
    static final int MAX_DEPTH = 1000;
    private static final Map<String, DType> STORAGES = Map.of("FloatStorage", DType.F32, "DoubleStorage", DType.F64,
            "HalfStorage", DType.F16, "BFloat16Storage", DType.BF16, "LongStorage", DType.I64, "IntStorage", DType.I32,
            "ShortStorage", DType.I16, "CharStorage", DType.I8, "ByteStorage", DType.U8, "BoolStorage", DType.BOOL);

    /** An object of a TorchScript class: its qualified name and the attributes BUILD gave it. */
    record ScriptObject(String type, Map<String, Object> attributes) {}

    /** A reference to the storage {@code data/KEY} of {@code count} elements of {@code dtype}. */
    record Storage(DType dtype, String key, long count) {}

    /** A tensor view into a storage (contiguous, checked). */
    record TensorRef(Storage storage, long offset, long[] shape, boolean requiresGrad) {}

    private enum Global { REBUILD_TENSOR, REBUILD_PARAMETER, ORDERED_DICT, TYPED_LIST }

    /** TorchScript's typed-list and type-tag helpers ({@code torch.jit._pickle}): each returns its first argument. */
    private static final java.util.Set<String> TYPED_LISTS = java.util.Set.of("build_intlist", "build_doublelist", "build_boollist",
            "build_tensorlist", "build_genericlist", "restore_type_tag");

    private record StorageType(DType dtype) {}

    private record ClassRef(String name) {}

    private static final Object MARK = new Object();

    private final byte[] b;
    private final String source;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();
    private int at;

    private RestrictedPickle(byte[] bytes, String source) {
        this.b = bytes;
        this.source = source;
    }

    /** The object {@code bytes} holds. */
    static Object load(byte[] bytes, String source) {
        return new RestrictedPickle(bytes, source).run();
    }

    private Object run() {
        for (int ops = 0; ops < MAX_OPS; ops++) {
            int op = u8();
            switch (op) {
                case 0x80 -> u8(); // PROTO
                case 0x95 -> skip(8); // FRAME
                case '.' -> { // STOP
                    if (stack.size() != 1) {
                        throw bad("stack holds " + stack.size() + " values at STOP");
                    }
                    return stack.get(0);
                }
                case 'c' -> push(global(line(), line()));
                case 'q' -> memo.put(u8(), peek());
                case 'r' -> memo.put(i32(), peek());
                case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(i32()));
                case '(' -> {
                    if (marks.size() >= MAX_DEPTH) {
                        throw bad("nesting deeper than " + MAX_DEPTH);
                    }
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case ')' -> push(List.of());
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<String, Object>());
                case 't' -> push(List.copyOf(popMark()));
                case 0x85 -> push(List.of(pop()));
                case 0x86 -> {
                    Object second = pop();
                    push(List.of(pop(), second));
                }
                case 0x87 -> {
                    Object third = pop();
                    Object second = pop();
                    push(List.of(pop(), second, third));
                }
                case 'N' -> push(None.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | (u8() << 8)));
                case 'J' -> push((long) ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
                case 0x8a -> push(long1());
                case 'G' -> push(ByteBuffer.wrap(take(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
                case 'X' -> push(new String(take(i32()), StandardCharsets.UTF_8));
                case 0x8c -> push(new String(take(u8()), StandardCharsets.UTF_8));
                case 'a' -> {
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 's' -> {
                    Object v = pop();
                    Object k = pop();
                    dict(peek()).put(key(k), v);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<String, Object> d = dict(peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        d.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    if (!(cls instanceof ClassRef c) || !(args instanceof List<?> l) || !l.isEmpty()) {
                        throw bad("NEWOBJ of something other than a TorchScript class");
                    }
                    push(new ScriptObject(c.name(), new LinkedHashMap<>()));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    if (!(peek() instanceof ScriptObject o)) {
                        throw bad("BUILD of something other than a TorchScript object");
                    }
                    if (state instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> o.attributes().put((String) k, v));
                    } else {
                        o.attributes().put("__state__", state);
                    }
                }
                case 'R' -> {
                    Object args = pop();
                    push(reduce(pop(), args));
                }
                case 'Q' -> push(persistent(pop()));
                default -> throw bad(String.format("opcode 0x%02x at byte %d is not allowed", op, at - 1));
            }
        }
        throw bad("more than " + MAX_OPS + " opcodes");
    }

    /** Python's None. */
    enum None { NONE }

    private Object global(String module, String name) {
        if (module.equals("torch._utils") && name.equals("_rebuild_tensor_v2")) {
            return Global.REBUILD_TENSOR;
        }
        if (module.equals("torch._utils") && name.equals("_rebuild_parameter")) {
            return Global.REBUILD_PARAMETER;
        }
        if (module.equals("collections") && name.equals("OrderedDict")) {
            return Global.ORDERED_DICT;
        }
        if (module.equals("torch.jit._pickle") && TYPED_LISTS.contains(name)) {
            return Global.TYPED_LIST;
        }
        if (module.equals("torch") && STORAGES.containsKey(name)) {
            return new StorageType(STORAGES.get(name));
        }
        if (module.equals("__torch__") || module.startsWith("__torch__.")) {
            return new ClassRef(module + "." + name);
        }
        throw bad("global " + module + "." + name + " is not allowed (only tensor-rebuilding globals and TorchScript classes)");
    }

    private Object reduce(Object callable, Object args) {
        List<?> a = args instanceof List<?> l ? l : null;
        if (a == null) {
            throw bad("REDUCE without an argument tuple");
        }
        if (callable == Global.TYPED_LIST && !a.isEmpty()) {
            return a.get(0);
        }
        if (callable == Global.ORDERED_DICT && a.isEmpty()) {
            return new LinkedHashMap<String, Object>();
        }
        if (callable == Global.REBUILD_TENSOR && a.size() >= 4) {
            return tensor(a.get(0), a.get(1), a.get(2), a.get(3), a.size() > 4 && Boolean.TRUE.equals(a.get(4)));
        }
        if (callable == Global.REBUILD_PARAMETER && a.size() >= 2 && a.get(0) instanceof TensorRef t) {
            return new TensorRef(t.storage(), t.offset(), t.shape(), Boolean.TRUE.equals(a.get(1)));
        }
        throw bad("REDUCE of an unsupported callable or arguments");
    }

    private TensorRef tensor(Object storage, Object offset, Object size, Object stride, boolean requiresGrad) {
        if (!(storage instanceof Storage s) || !(offset instanceof Long off) || !(size instanceof List<?> sz)
                || !(stride instanceof List<?> st) || sz.size() != st.size()) {
            throw bad("malformed tensor record");
        }
        long[] shape = new long[sz.size()];
        long expected = 1;
        long count = 1;
        for (int i = sz.size() - 1; i >= 0; i--) {
            if (!(sz.get(i) instanceof Long d) || d < 0 || !(st.get(i) instanceof Long str)) {
                throw bad("malformed tensor shape or stride");
            }
            shape[i] = d;
            if (d > 1 && str != expected) {
                throw bad("tensor in storage " + s.key() + " is not contiguous (strides " + st + ")");
            }
            expected = Math.multiplyExact(expected, d);
            count = Math.multiplyExact(count, d);
        }
        if (off < 0 || off + count > s.count()) {
            throw bad("tensor of " + count + " elements at offset " + off + " overruns storage " + s.key() + " of " + s.count());
        }
        return new TensorRef(s, off, shape, requiresGrad);
    }

    private Storage persistent(Object pid) {
        if (pid instanceof List<?> l && l.size() == 5 && "storage".equals(l.get(0)) && l.get(1) instanceof StorageType t
                && l.get(2) instanceof String key && key.matches("[0-9]{1,9}") && l.get(4) instanceof Long n && n >= 0) {
            return new Storage(t.dtype(), key, n);
        }
        throw bad("persistent id other than a storage reference");
    }

    private Object memoGet(int index) {
        Object v = memo.get(index);
        if (v == null) {
            throw bad("memo entry " + index + " read before it was written");
        }
        return v;
    }

    private static String key(Object k) {
        return k instanceof String s ? s : String.valueOf(k);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw bad("APPEND to something other than a list");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dict(Object o) {
        if (o instanceof LinkedHashMap<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw bad("SETITEM on something other than a dict");
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw bad("no MARK on the stack");
        }
        int mark = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw bad("stack underflow at byte " + at);
        }
        return stack.get(stack.size() - 1);
    }

    private long long1() {
        int n = u8();
        if (n > 8) {
            throw bad("integer of " + n + " bytes");
        }
        byte[] v = take(n);
        long out = 0;
        for (int i = n - 1; i >= 0; i--) {
            out = (out << 8) | (v[i] & 0xff);
        }
        if (n > 0 && n < 8 && (v[n - 1] & 0x80) != 0) {
            out -= 1L << (8 * n);
        }
        return out;
    }

    private String line() {
        int end = at;
        while (end < b.length && b[end] != '\n' && end - at < 256) {
            end++;
        }
        if (end >= b.length || b[end] != '\n') {
            throw bad("unterminated global name");
        }
        String s = new String(b, at, end - at, StandardCharsets.US_ASCII);
        at = end + 1;
        return s;
    }

    private int u8() {
        if (at >= b.length) {
            throw bad("ends early");
        }
        return b[at++] & 0xff;
    }

    private int i32() {
        int v = ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (v < 0) {
            throw bad("negative length or index " + v);
        }
        return v;
    }

    private byte[] take(int n) {
        if (n < 0 || n > b.length - at) {
            throw bad("a field of " + n + " bytes runs past the end");
        }
        byte[] out = new byte[n];
        System.arraycopy(b, at, out, 0, n);
        at += n;
        return out;
    }

    private void skip(int n) {
        take(n);
    }

    private GengeoException bad(String why) {
        return new GengeoException(source + ": " + why);
    }
}
