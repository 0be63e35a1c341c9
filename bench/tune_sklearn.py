"""Child process of the tune benchmark, scikit-learn side: the issue's GridSearchCV (n_jobs=1) on the
training part of train_test_split(train_size=0.8, random_state=2023). Times GridSearchCV.fit (every
candidate x fold and the refit) and prints one JSON line (same fields as entries/tuneInProcess.ts).
Usage: python3 tune_sklearn.py iris|FILE.csv C_LIST GAMMA_LIST K"""
import json
import re
import sys
import time

from gridsearch_setup import grid_search, split


def peak_rss_kb():
    with open("/proc/self/status") as f:
        m = re.search(r"VmHWM:\s+(\d+) kB", f.read())
    return int(m.group(1)) if m else None


data, c_list, gamma_list, k = sys.argv[1:5]
X_train, X_valid, y_train, y_valid = split(data)

t0 = time.perf_counter()
gs = grid_search(c_list, gamma_list, k).fit(X_train, y_train)
seconds = time.perf_counter() - t0
r = gs.cv_results_
K = int(k)
nan = lambda v: None if v != v else float(v)
print(json.dumps({
    "seconds": seconds,
    "bestIndex": int(gs.best_index_),
    "foldScores": [[nan(r["split%d_test_score" % s][i]) for s in range(K)] for i in range(len(r["params"]))],
    "means": [nan(v) for v in r["mean_test_score"]],
    "stds": [nan(v) for v in r["std_test_score"]],
    "ranks": [int(v) for v in r["rank_test_score"]],
    "vmHwmKB": peak_rss_kb(),
}))
