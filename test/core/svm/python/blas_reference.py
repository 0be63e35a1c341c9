"""The references of blasKernels.test.ts, computed by Debian's scikit-learn 1.2.1 / scipy with the
OpenBLAS kernel OPENBLAS_CORETYPE names (set by the test).

  ddot SEED        random vector pairs (n = 1 ... 300 and some longer) and scipy's ddot of each
  fit CSV KERNEL   the course's split, StandardScaler and SVC(kernel=KERNEL) on CSV (label: target)
  arch             the kernel set OpenBLAS chose here (threadpoolctl)
"""
import json
import sys

import numpy as np


def ddot(seed):
    from scipy.linalg.blas import ddot as blas_ddot
    rng = np.random.default_rng(seed)
    cases = []
    for n in list(range(1, 301)) + [511, 512, 513, 1000, 4096, 5000]:
        x = rng.normal(size=n) * rng.choice([1e-3, 1.0, 1e3])
        y = rng.normal(size=n)
        cases.append([x.tolist(), y.tolist(), blas_ddot(x, y)])
    return cases


def fit(csv, kernel):
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    df = pd.read_csv(csv)
    y = df["target"]
    X = df.drop(columns=["target"])
    X_train, _, y_train, _ = train_test_split(X, y, train_size=0.8, random_state=2023)
    svc = SVC(kernel=kernel).fit(StandardScaler().fit_transform(X_train), y_train)
    return {"rawDualCoef": svc._dual_coef_.tolist(), "rawIntercept": svc._intercept_.tolist(), "support": svc.support_.tolist()}


def arch():
    from threadpoolctl import threadpool_info
    import scipy.linalg  # noqa: F401  (loads OpenBLAS)
    return [i.get("architecture") for i in threadpool_info() if i.get("internal_api") == "openblas"][0]


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "ddot":
        print(json.dumps(ddot(int(sys.argv[2]))))
    elif what == "fit":
        print(json.dumps(fit(sys.argv[2], sys.argv[3])))
    else:
        print(json.dumps(arch()))
