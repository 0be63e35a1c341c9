"""The whole-process reference for `model-lab tune`: the same GridSearchCV (n_jobs=1) as
tune_sklearn.py, plus what the CLI also does — the refit model's train and valid accuracy and
joblib.dump of the best pipeline. Usage: python3 tune_sklearn_cli.py iris|FILE.csv C_LIST GAMMA_LIST K OUT_DIR"""
import os
import sys

import joblib
import pandas as pd
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def values(text, numbers_only):
    return [item.strip() if (not numbers_only and item.strip() in ("scale", "auto")) else float(item) for item in text.split(",")]


data, c_list, gamma_list, k, out_dir = sys.argv[1:6]
if data == "iris":
    X, y = load_iris(return_X_y=True, as_frame=True)
else:
    df = pd.read_csv(data, float_precision="round_trip")
    y = df["target"]
    X = df.drop(columns=["target"])
X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)
grid = {"svc__C": values(c_list, True), "svc__gamma": values(gamma_list, False)}
gs = GridSearchCV(Pipeline([("scaler", StandardScaler()), ("svc", SVC())]), grid, cv=int(k), n_jobs=1).fit(X_train, y_train)
print("Best params :", gs.best_params_)
print("Train Accuracy :", gs.best_estimator_.score(X_train, y_train))
print("Valid Accuracy :", gs.best_estimator_.score(X_valid, y_valid))
os.makedirs(out_dir, exist_ok=True)
joblib.dump(gs.best_estimator_, os.path.join(out_dir, "model_pipeline.joblib"))
