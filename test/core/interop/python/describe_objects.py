#!/usr/bin/python3
"""Describes what joblib files hold, attribute by attribute, in a form that does not depend on the
Python, numpy or scikit-learn that loads them: so that objects loaded by one release (Debian's 1.2.1,
here) can be compared with those another release wrote (scripts/fixtures/sklearn_releases.sh).

Usage: describe_objects.py FILE.joblib [FILE.joblib ...]
Prints one JSON object: {"FILE.joblib": description, ...}. An estimator is
{"class": module.name, "dict": [[attribute, description], ...]} in __dict__ order; a numpy array
{"ndarray": dtype, "shape": [...], "sha256": of its bytes} (object arrays: "items" instead); a numpy
scalar {"numpy": dtype, "hex": its bytes}; a float {"float": float.hex()}; an int {"int": "123"};
str, bool and None as themselves; tuples and lists {"tuple"|"list": [...]}; dicts {"dict": [[key, value], ...]}.
scikit-learn's warning about a file from another release is expected here and not turned into an error.
"""
import hashlib
import json
import sys
import warnings

import joblib
import numpy as np


def describe(v):
    if isinstance(v, np.ndarray):
        if v.dtype == object:
            return {'ndarray': 'object', 'shape': list(v.shape), 'items': [describe(x) for x in v.ravel()]}
        return {'ndarray': v.dtype.str, 'shape': list(v.shape), 'contiguous': bool(v.flags['C_CONTIGUOUS']),
                'sha256': hashlib.sha256(np.ascontiguousarray(v).tobytes()).hexdigest()}
    if isinstance(v, np.generic):
        return {'numpy': v.dtype.str, 'hex': v.tobytes().hex()}
    if hasattr(v, '__dict__') and type(v).__module__.startswith('sklearn.'):
        return {'class': type(v).__module__ + '.' + type(v).__name__, 'dict': [[k, describe(x)] for k, x in vars(v).items()]}
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': v.hex()}
    if isinstance(v, (tuple, list)):
        return {type(v).__name__: [describe(x) for x in v]}
    if isinstance(v, dict):
        return {'dict': [[describe(k), describe(x)] for k, x in v.items()]}
    raise TypeError('cannot describe a %s' % type(v).__name__)


def main():
    out = {}
    for path in sys.argv[1:]:
        with warnings.catch_warnings():
            warnings.filterwarnings('ignore', message='Trying to unpickle estimator')
            out[path] = describe(joblib.load(path))
    print(json.dumps(out))


if __name__ == '__main__':
    main()
