#!/usr/bin/python3
"""Checks Model Lab's joblib export against scikit-learn itself (run by exportJoblib.test.ts with
Debian's scikit-learn 1.2.1, under `python3 -W error`, so a single warning while loading fails).

Usage: check_export.py MODEL_DIR EXPORT_DIR [MODEL_DIR EXPORT_DIR ...]

For each pair it reads MODEL_DIR/model.json (written by Model Lab), fits StandardScaler + SVC the
course's way on MODEL_DIR/data.csv with the recorded split and parameters, loads the exported files
from EXPORT_DIR with joblib.load, and compares every attribute of every object (its __dict__ in
order; Python type; numpy dtype, shape and bytes; floats bit for bit) and get_params(). It also
compares the bytes of the exported files with what joblib.dump writes for the fresh fit.
Prints one JSON object: {"results": [{"model", "layout", "mismatches": [...], "sameBytes": {...},
"predictionsEqual": bool}]}.
"""
import io
import json
import os
import struct
import sys

import joblib
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def size(s):
    if s is None:
        return None
    return float(s['value']) if s['kind'] == 'fraction' else int(s['value'])


def svc_params(p, label_type):
    """Model Lab's params.svc as the Python values a script would pass (written independently of Model Lab)."""
    cw = p['classWeight']
    if isinstance(cw, dict):
        key = {'int': int, 'float': float, 'str': str, 'bool': lambda k: k == 'True'}[label_type]
        cw = {key(k): float(v) for k, v in cw.items()}
    gamma = p['gamma'] if isinstance(p['gamma'], str) else float(p['gamma'])
    cache = p['cacheSizeMB']
    return dict(C=float(p['C']), kernel=p['kernel'], degree=int(p['degree']), gamma=gamma, coef0=float(p['coef0']),
                shrinking=p['shrinking'], tol=float(p['tol']), cache_size=int(cache) if float(cache).is_integer() else float(cache),
                class_weight=cw, max_iter=int(p['maxIter']), decision_function_shape=p['decisionFunctionShape'],
                break_ties=p['breakTies'])


def fresh_fit(model_dir, m):
    df = pd.read_csv(os.path.join(model_dir, m['data']['file']), float_precision='round_trip')
    X = df.drop(columns=[m['data']['target']] + m['data']['dropped'])
    y = df[m['data']['target']]
    s = m['split']
    X_train, X_valid, y_train, y_valid = train_test_split(
        X, y, train_size=size(s['trainSize']), test_size=size(s['testSize']), random_state=s['seed'])
    scaler = StandardScaler(with_mean=m['params']['scaler']['withMean'], with_std=m['params']['scaler']['withStd'])
    svc = SVC(**svc_params(m['params']['svc'], m.get('labelType', 'int')))
    if m['layout'] == 'pipeline':
        pipe = Pipeline([('scaler', scaler), ('svc', svc)]).fit(X_train, y_train)
        return {'model_pipeline.joblib': pipe}, X
    svc.fit(scaler.fit_transform(X_train), y_train)
    return {'scaler.joblib': scaler, 'classifier.joblib': svc}, X


def compare(a, b, path, out):
    """Appends to out a description of every difference between a (exported) and b (fresh fit)."""
    if type(a) is not type(b):
        out.append('%s: type %s, scikit-learn has %s' % (path, type(a).__name__, type(b).__name__))
        return
    if isinstance(a, BaseEstimator):
        va, vb = vars(a), vars(b)
        if list(va) != list(vb):
            out.append('%s: attributes %s, scikit-learn has %s' % (path, list(va), list(vb)))
        for k in vb:
            if k in va:
                compare(va[k], vb[k], '%s.%s' % (path, k), out)
        pa, pb = a.get_params(deep=False), b.get_params(deep=False)
        for k in set(pa) | set(pb):
            if k == 'steps':
                continue  # the estimators themselves are compared through the steps attribute
            compare(pa.get(k), pb.get(k), '%s.get_params()[%r]' % (path, k), out)
    elif isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape or a.flags['C_CONTIGUOUS'] != b.flags['C_CONTIGUOUS']:
            out.append('%s: %s %s, scikit-learn has %s %s' % (path, a.dtype, a.shape, b.dtype, b.shape))
        elif a.dtype == object:
            for i, (x, y) in enumerate(zip(a.ravel(), b.ravel())):
                compare(x, y, '%s[%d]' % (path, i), out)
        elif a.tobytes() != b.tobytes():
            out.append('%s: values differ: %r vs %r' % (path, a.ravel()[:6], b.ravel()[:6]))
    elif isinstance(a, np.generic):
        if a.dtype != b.dtype or a.tobytes() != b.tobytes():
            out.append('%s: %r (%s), scikit-learn has %r (%s)' % (path, a, a.dtype, b, b.dtype))
    elif isinstance(a, float):
        if struct.pack('<d', a) != struct.pack('<d', b):
            out.append('%s: %r, scikit-learn has %r' % (path, a, b))
    elif isinstance(a, (list, tuple)):
        if len(a) != len(b):
            out.append('%s: %d items, scikit-learn has %d' % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, '%s[%d]' % (path, i), out)
    elif isinstance(a, dict):
        if list(a) != list(b):
            out.append('%s: keys %r, scikit-learn has %r' % (path, list(a), list(b)))
        for k in b:
            if k in a:
                compare(a[k], b[k], '%s[%r]' % (path, k), out)
    elif a != b:
        out.append('%s: %r, scikit-learn has %r' % (path, a, b))


def dumped(obj):
    buf = io.BytesIO()
    joblib.dump(obj, buf)
    return buf.getvalue()


def check(model_dir, export_dir):
    with open(os.path.join(model_dir, 'model.json'), encoding='utf-8') as f:
        m = json.load(f)
    fresh, X = fresh_fit(model_dir, m)
    mismatches, same_bytes, loaded = [], {}, {}
    for name, obj in fresh.items():
        path = os.path.join(export_dir, name)
        loaded[name] = joblib.load(path)
        compare(loaded[name], obj, name, mismatches)
        with open(path, 'rb') as f:
            same_bytes[name] = f.read() == dumped(obj)
    if m['layout'] == 'pipeline':
        pred_a, pred_b = loaded['model_pipeline.joblib'].predict(X), fresh['model_pipeline.joblib'].predict(X)
    else:
        pred_a = loaded['classifier.joblib'].predict(loaded['scaler.joblib'].transform(X))
        pred_b = fresh['classifier.joblib'].predict(fresh['scaler.joblib'].transform(X))
    return dict(model=model_dir, layout=m['layout'], mismatches=mismatches, sameBytes=same_bytes,
                predictionsEqual=bool(pred_a.dtype == pred_b.dtype and (pred_a == pred_b).all()))


def main():
    args = sys.argv[1:]
    results = [check(args[i], args[i + 1]) for i in range(0, len(args), 2)]
    print(json.dumps({'results': results}))


if __name__ == '__main__':
    main()
