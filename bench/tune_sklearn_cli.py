"""The whole-process reference for `model-lab tune`: the same GridSearchCV (n_jobs=1) as
tune_sklearn.py, plus what the CLI also does — the refit model's train and valid accuracy and
joblib.dump of the best pipeline. Usage: python3 tune_sklearn_cli.py iris|FILE.csv C_LIST GAMMA_LIST K OUT_DIR"""
import os
import sys

import joblib

from gridsearch_setup import grid_search, split

data, c_list, gamma_list, k, out_dir = sys.argv[1:6]
X_train, X_valid, y_train, y_valid = split(data)
gs = grid_search(c_list, gamma_list, k).fit(X_train, y_train)
print("Best params :", gs.best_params_)
print("Train Accuracy :", gs.best_estimator_.score(X_train, y_train))
print("Valid Accuracy :", gs.best_estimator_.score(X_valid, y_valid))
os.makedirs(out_dir, exist_ok=True)
joblib.dump(gs.best_estimator_, os.path.join(out_dir, "model_pipeline.joblib"))
