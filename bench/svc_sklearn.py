"""Child process of the SVC benchmark, scikit-learn side: reads the harness's CSV, times
SVC().fit(X, y).predict(X) and prints one JSON line (same fields as entries/svcFitPredict.ts).
`--repeat K` fits and predicts K times in this process and reports the last time."""
import json
import re
import sys
import time

import numpy as np
from sklearn.svm import SVC


def peak_rss_kb():
    with open("/proc/self/status") as f:
        m = re.search(r"VmHWM:\s+(\d+) kB", f.read())
    return int(m.group(1)) if m else None


data = np.loadtxt(sys.argv[1], delimiter=",")
X = np.ascontiguousarray(data[:, :-1])
y = data[:, -1].astype(np.int64)
repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1

for _ in range(repeat):
    t0 = time.perf_counter()
    model = SVC().fit(X, y)
    t1 = time.perf_counter()
    predictions = model.predict(X)
    t2 = time.perf_counter()

print(json.dumps({
    "fitSeconds": t1 - t0,
    "predictSeconds": t2 - t1,
    "seconds": t2 - t0,
    "nSupport": model.n_support_.tolist(),
    "predictions": predictions.tolist(),
    "vmHwmKB": peak_rss_kb(),
}))
