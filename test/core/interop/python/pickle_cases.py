#!/usr/bin/python3
"""Reference bytes for pickleWriter.test.ts: CPython's picklers on plain values, as joblib uses them
(protocol 4 through the pure-Python pickle._Pickler, protocol 2 through the C pickler). Where the
TypeScript side names one value twice, so does this side (the same object), so the memo matches.
Prints JSON {case: {"4": hex, "2": hex}}."""
import io
import json
import pickle


def cases():
    shared = 's' * 300
    big_text = 'é' * 40000  # 80,000 bytes of UTF-8: written outside the frames in protocol 4
    many = ['k%d' % i for i in range(300)]
    return {
        'ints': [0, 1, 255, 256, 65535, 65536, -1, -2 ** 31, 2 ** 31 - 1, 2 ** 31, -2 ** 31 - 1, 2 ** 63, -2 ** 63, 2 ** 64, -(2 ** 64), 127, 128, -128, -129],
        'floats': [0.0, -0.0, 1.5, 1e300, -2.5e-308],
        'strings': ['', 'a', 'é€𝄞', shared, shared, 'x' * 256],
        'big-string': [big_text, 1],
        'bytes': [b'', b'x', b'y' * 300, b'z' * 70000],
        'long-list': list(range(2500)),
        'big-dict': {('key%d' % i): i for i in range(1001)},
        'dict-of-1000': {('key%d' % i): i for i in range(1000)},
        'list-of-1001': list(range(1001)),
        'one-item': [[7], {'k': 7}, {}, []],
        'memo-beyond-256': many + [many[0], many[299]],
        'tuples': [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),)],
        'nested': {'a': [None, True, False, {'b': (1.0, 'c')}]},
    }


def main():
    out = {}
    for name, value in cases().items():
        buf = io.BytesIO()
        pickle._Pickler(buf, protocol=4).dump(value)
        out[name] = {'4': buf.getvalue().hex(), '2': pickle.dumps(value, protocol=2).hex()}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
