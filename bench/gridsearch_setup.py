"""What both scikit-learn sides of the tune benchmark set up the same way: the data (the built-in
iris or a CSV with a target column, read as pandas reads it with round-trip floats), the split
(train_size=0.8, random_state=2023), and the GridSearchCV (n_jobs=1) over C and gamma lists."""
import pandas as pd
from sklearn.datasets import load_iris
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def values(text, numbers_only):
    return [item.strip() if (not numbers_only and item.strip() in ("scale", "auto")) else float(item) for item in text.split(",")]


def split(data):
    """X_train, X_valid, y_train, y_valid of `data` ('iris' or a CSV path)."""
    if data == "iris":
        X, y = load_iris(return_X_y=True, as_frame=True)
    else:
        df = pd.read_csv(data, float_precision="round_trip")
        y = df["target"]
        X = df.drop(columns=["target"])
    return train_test_split(X, y, train_size=0.8, random_state=2023)


def grid_search(c_list, gamma_list, k):
    """The unfitted GridSearchCV of a StandardScaler + SVC pipeline."""
    grid = {"svc__C": values(c_list, True), "svc__gamma": values(gamma_list, False)}
    return GridSearchCV(Pipeline([("scaler", StandardScaler()), ("svc", SVC())]), grid, cv=int(k), n_jobs=1)
