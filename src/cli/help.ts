// Help texts of the model-lab command (docs/cli.md has the long version).
export const MAIN_HELP = `model-lab — train, save and check scikit-learn-exact StandardScaler + SVC models (no Python)

Usage:
  model-lab train [options]                 train on iris or a CSV, save the model as JSON
  model-lab tune [options]                  cross-validated grid search (GridSearchCV), save the best
  model-lab tune-unit --task LINE --out DIR run one unit of a tune --plan (on any machine)
  model-lab validate MODEL_DIR [--json]     reload a saved model and recompute its accuracies
  model-lab validate FILE.joblib            read a scikit-learn joblib file (without running it)
  model-lab predict MODEL_DIR --data F.csv  label the rows of a CSV file (or -, iris, a PostgreSQL table)
  model-lab predict FILE.joblib ...         the same with a scikit-learn joblib model (not run)
  model-lab compare [--out models]          compare saved models side by side (sort, filter, CSV)
  model-lab generate [options]              write iris-like rows into PostgreSQL
  model-lab import FILE.joblib ...          turn a scikit-learn joblib model into a Model Lab model
  model-lab export MODEL_DIR --format F     write a model for scikit-learn (joblib), as a Python
                                            script (python) or as ONNX (onnx)
  model-lab --help | --version

Run "model-lab COMMAND --help" for a command's options.
`;

export const TRAIN_HELP = `Usage: model-lab train [options]

Options:
  --data iris|PATH.csv|postgres://USER@HOST:PORT/DB?table=T   training data (default iris;
                       a PATH.csv.gz is decompressed as pandas decompresses it)
  --layout separate|pipeline   scaler.json + classifier.json, or one pipeline.json (default separate)
  --seed N             random_state of train_test_split (default 2023)
  --train-size X       a fraction (0.8), or a whole number of rows (120); as in Python,
                       1e2 is a fraction (100.0) (default 0.8)
  --test-size X        same; alone, the training part is the rest
  --kernel K           rbf | linear | poly | sigmoid (default rbf)
  --C X, -C X          regularization (default 1)
  --gamma G            scale | auto | a number >= 0 (default scale)
  --degree N           poly kernel degree (default 3)
  --coef0 X            poly/sigmoid kernel term (default 0)
  --target NAME        label column of a CSV or table (default target)
  --drop A,B           columns ignored when present (default id,timestamp; "" for none)
  --dropna             leave out the rows with a missing value (a CSV's empty field, NA, NaN …; a
                       table's NULL) in a feature or the label, as pandas' df.dropna(subset=features +
                       [target]); recorded in model.json
  --class-names A,B,C  display names of the classes, one per class in class order (0, 1, 2 …);
                       without it a CSV's target_names, class_name or species column beside the
                       target names them (built-in iris: setosa, versicolor, virginica)
  --out DIR            models folder (default ./models)
  --name NAME          model folder name (default like iris-C1-gscale-s2023; never overwrites)
  --save-joblib        also save the scikit-learn objects (scaler.joblib + classifier.joblib,
                       or model_pipeline.joblib) in the model folder, hashed like the JSON files
  --sklearn-version V  the release they are for: 1.2.x, 1.4.x or 1.9.x (default: as in export)
  --max-rows N         train on a reproducible sample of N rows (pandas' df.sample(n=N, random_state=SEED)),
                       recorded in model.json
  --train-rows-limit N refuse more than N training rows (default 200000; SVC's time grows with the
                       square of the rows; 0: no limit)
  --json               print one JSON object instead of the course-style lines
  --allow-cleartext-password   send the database password even when a server that is not on this
                       machine asks for it in clear text without TLS (refused by default)

Sweeps: comma-separated lists for --kernel, --C, --gamma, --degree, --coef0 and --seed train one
model per combination, named after its parameters (iris-C0.1-gscale-s2023, iris-poly-d2-r1-C1-gscale-s2023;
--name NAME replaces "iris"); a kernel is trained once per value only of the parameters it uses (linear:
not gamma; rbf: not degree or coef0; sigmoid: not degree), e.g.
  model-lab train --C 0.1,1,10 --gamma scale,0.1 --seed 2022,2023
  model-lab train --kernel rbf,linear,poly --C 0.1,1,10
  model-lab train --kernel rbf,poly --degree 2,3 --coef0 0,1
  --jobs N             threads for a sweep's models: this one and N - 1 worker threads (default: the
                       number of cores, or this thread alone for a sweep too small to gain from
                       threads, like 8 models on 4,000 rows; 1: this thread only); the model files
                       are the same whatever N is
With --json a sweep prints {"models": [...], "planned", "cancelled"}. Ctrl-C keeps the finished models
(the ones still being fitted leave nothing behind); during a fit of 2,000 training rows or more in this
thread it ends the process at once, without the summary line.
`;

export const TUNE_HELP = `Usage: model-lab tune [options]

GridSearchCV(Pipeline([StandardScaler(), SVC()]), grid, cv=K) on the training part of
train_test_split, as scikit-learn 1.2.1 computes it: StratifiedKFold(K) without shuffling, the scaler
fitted inside each fold, accuracy per fold, numpy's mean and std, ties ranked alike. The best candidate
(the first ranked 1) is refitted on the whole training part and saved as a normal model folder whose
model.json records the whole search.

Grid (comma-separated lists; the lists not given keep SVC's default):
  --C LIST, -C LIST    e.g. 0.1,1,10 (default 1)
  --gamma LIST         e.g. scale,auto,0.1 (default scale)
  --kernel LIST        e.g. rbf,linear,poly,sigmoid (default rbf)
  --degree LIST        e.g. 2,3 (default 3)
  --coef0 LIST         e.g. 0,1 (default 0)
  --cv K               folds (default 5)
  --yes                run more than 500 fits, or folds with fewer rows of a class than K
                       (scikit-learn only warns; by default this is refused)

  --jobs N             threads for the fits: this one and N - 1 worker threads (default: the number
                       of cores, or this thread alone for a search too small to gain from threads,
                       like 12 × 5 on 2,000 rows; 1: this thread only); the results are the same
                       whatever N is

Data, split and output: as for train (--data, --seed, --train-size, --test-size, --target, --drop, --dropna,
--max-rows, --train-rows-limit, --layout, --out, --name, --save-joblib with --sklearn-version for the refit model). --json prints {"cv", "candidates": [{"params", "foldScores", "meanScore",
"stdScore", "rank"}], "best": {"params", "meanScore"}, "model", "trainAccuracy", "validAccuracy"}.
Ctrl-C stops the fits; nothing is saved (exit code 130).

Past one machine (docs/distributed-tuning.md):
  model-lab tune [data and grid options] --plan plan.jsonl
      writes the data snapshot (plan.data.csv, with its sha256) and one JSON task per unit (line);
      run each with model-lab tune-unit (GNU parallel, xargs -P, a Kubernetes Indexed Job, Slurm)
  model-lab tune --collect DIR [--out models] [--name NAME] [--save-joblib [--sklearn-version V]] [--json]
                 [--partial] [--data-dir D] [--verify best|all|none]
      checks every result and the snapshot's sha256, and gives exactly the in-process result and
      refit model; names missing or failed units and refuses to merge without them unless --partial
      --verify best   (default) re-scores the best candidate's folds here before the refit and
                      refuses, naming the files, when a result differs (an edited score)
      --verify all    re-scores every unit (the whole search again, on this machine)
      --verify none   trusts the result files as written
`;

export const TUNE_UNIT_HELP = `Usage: model-lab tune-unit --task LINE --out DIR [--data-dir DIR]
       model-lab tune-unit --plan plan.jsonl --index N --out DIR [--data-dir DIR]

Runs one unit (one candidate on one fold) of a plan written by model-lab tune --plan and writes its
result as DIR/tune-<search>-unit-<N>.json. The unit is a line of the plan (--task, e.g. from GNU parallel
or xargs) or line N of it, counted from 0 (--plan --index, e.g. $JOB_COMPLETION_INDEX or
$SLURM_ARRAY_TASK_ID). The data snapshot is read from the path the plan recorded, or from --data-dir
(same file name) where the shared folder is mounted elsewhere; its sha256 must match the plan's.
Then: model-lab tune --collect DIR. Exit code 0 also when the fit itself failed (scored nan, as
scikit-learn does); 1 when the unit cannot run (it then leaves a .failed.json note that --collect names).
`;

export const VALIDATE_HELP = `Usage: model-lab validate MODEL_DIR [--json] [--as-is]

Reloads the model from its folder (checking every file's sha256), splits its data.csv again with the
recorded seed and sizes, recomputes both accuracies and says whether they equal the recorded ones.
Exit code 0 when they match, 1 when they differ or the model cannot be loaded.
  --as-is   a model whose files changed since saving (a hand-edited classifier.json) is evaluated as
            its files are now instead of refused, naming them — what the edited model predicts, not
            what was saved (VS Code: "Show what it predicts now"); every other check still holds
A FILE.joblib argument is read as a scikit-learn joblib file instead, with options of its own
(--data, --target, --drop, --classifier, --seed, --train-size): model-lab validate FILE.joblib --help.
`;

export const PREDICT_HELP = `Usage: model-lab predict MODEL_DIR --data PATH.csv|-|iris|postgres://USER@HOST:PORT/DB?table=T [--json]
       model-lab predict FILE.joblib [--classifier PATH] [--target COLUMN] --data … [--json]

Prints one predicted label per row of the CSV (input order), with the class name beside it when
the model has one ("0\tsetosa"). The model is a folder Model Lab saved, or what scikit-learn saved
with joblib.dump — a Pipeline, or a scaler whose classifier is beside it (classifier.joblib, svc.joblib)
or given with --classifier — read without running it, as validate reads it.
  --target COLUMN      with a .joblib file: the data's label column, for the accuracy (default target;
                       a model folder records its own)
  --data -             the CSV from standard input, labeled as it is piped in
                       (cat rows.csv | model-lab predict MODEL_DIR --data -)
  --data iris          the built-in iris data
  --data postgres://…  the newest rows the table holds now (limit=100 unless the URL says otherwise,
                       as in train; password from PGPASSWORD or ~/.pgpass; --allow-cleartext-password
                       as in train)
Columns are matched by the model's feature names; other columns are ignored. A scikit-learn model
fitted on a NumPy array has no names: it reads every column but the label column, id and timestamp,
in order. A missing iris feature
column is also found under its other spelling ("sepal length (cm)" as in load_iris(), "sepal_length"
as in the course's iris_data table), and stderr says so. When the data has the model's label column,
the accuracy follows; stderr says how many true labels are none of the model's classes, if any.
With --json: {"predictions": [...], "names": [...], ...}. A row it cannot read ends it with one line,
exit 1, after the rows before it were printed (with --json: those rows and "error", valid JSON).
`;

export const COMPARE_HELP = `Usage: model-lab compare [--out models] [--sort COLUMN[:asc|:desc]] [--filter TEXT] [--csv FILE] [--json] [--quick]

Lists the models of a models folder side by side; * marks the best: the highest validation accuracy
(when some models are tuned: the highest mean CV accuracy among them, then validation accuracy); ties all get *.
Each data source (the built-in iris, a CSV file, a table) has its own best: their validation rows differ.
On a terminal narrower than the table, columns are left out (those alike in every row first) and named
below it; a pipe, --csv and --json get every column.
  --out DIR        models folder (default ./models)
  --sort COLUMN    name, created, layout, dataSource, dataPath, dataRows, seed, trainSize, validSize,
                   kernel, C, gamma, degree, coef0, trainAccuracy, validAccuracy (default, highest first),
                   cvMean, cvStd, cvRank or status, or as in --filter valid, train, cv, rank, rows;
                   numbers sort numerically, empty cells last
  --filter TEXT    keep rows matching every term of TEXT: words match any cell ("scale", "damaged", "best");
                   C=10, gamma=scale, kernel=rbf, seed=2023, data=iris match a parameter (also !=);
                   valid>=0.9, train<1, cv>=95% compare numbers (= != < <= > >=; accuracies as 0.9 or 90%)
  --csv FILE       also write the table as CSV (all columns); --csv - prints CSV instead of the table
  --json           print {"modelsDir", "sort", "best": [...], "bestRule", "models": [rows]} instead
  --quick          read model.json only (by default every file's sha256 is checked: a model whose
                   files changed since saving keeps its recorded numbers with status "changed",
                   never marked best)
`;

export const EXPORT_HELP = `Usage: model-lab export MODEL_DIR --format joblib|python|onnx [--out DIR|PATH.py|PATH.onnx] [--sklearn-version 1.2.1]
                        [--feature-names trained|load-iris]

  --format joblib   the course's files, as joblib.dump writes them: scaler.joblib + classifier.joblib
                    (layout separate) or model_pipeline.joblib (layout pipeline), into the folder
                    --out DIR (default MODEL_DIR). The objects equal those scikit-learn fits on the same
                    split, attribute for attribute. --sklearn-version: the release your Python has,
                    1.2.x, 1.4.x or 1.9.x (checked against 1.2.1, 1.4.2 and 1.9.0). Default: the
                    scikit-learn of the active virtual environment ($VIRTUAL_ENV), else of ./.venv,
                    ./venv or ./env (the name of its dist-info folder; nothing is run), when Model Lab
                    writes for it; else for an imported model the release its files came from; else
                    1.2.1. A release found that Model Lab does not write for is named on stderr.
                    --feature-names: the column names the files check. trained (default): the model's;
                    load-iris: load_iris(as_frame=True)'s ("sepal length (cm)" …), for a model of the
                    four iris measurements under the course table's names (sepal_length …), so that
                    the course's reload code runs on them (said on stderr when trained's differ).
  --format python   a script in the course's style (pandas, train_test_split, StandardScaler + SVC or the
                    Pipeline, accuracy prints, joblib.dump) that trains the model again from its data.csv
                    and prints the recorded accuracies; to --out PATH.py (default MODEL_DIR/train_sklearn.py,
                    "-" prints it).
  --format onnx     ai.onnx.ml Scaler + SVMClassifier (IR 8, opsets 15 / ml 3) to --out PATH.onnx (default
                    MODEL_DIR/model.onnx). Input "float_input" (N x features, float32); outputs "label", "scores".

An --out named for another format (--format python --out model.onnx) is refused.
The model's files are checked against their sha256 first; an edited or damaged model is refused.
Every file is written under a temporary name and renamed when complete. Writing a pickle runs
nothing; loading one (joblib.load) runs code — load only files you trust.
`;

export const VALIDATE_JOBLIB_HELP = `Usage: model-lab validate PATH.joblib [--classifier PATH] [--data iris|PATH.csv] [--target target]
                           [--drop id,timestamp] [--seed 2023] [--train-size 0.8] [--json]

Reads a model saved by scikit-learn 1.2 to 1.9 with joblib.dump — a Pipeline(StandardScaler, SVC) file, or
scaler.joblib with classifier.joblib beside it (or given with --classifier) — without running
anything in it, and prints the train and validation accuracy of the split train_test_split makes.
Data: --data, else data.csv beside the file, else the built-in iris data; --target names its label
column (default "target"), --drop the columns that are not features (default id,timestamp; a row
number such as Kaggle's "Id": --drop Id).
`;

export const IMPORT_HELP = `Usage: model-lab import PATH.joblib [--classifier PATH] [--out models] [--name NAME]
                         [--data iris|PATH.csv] [--target target] [--drop id,timestamp] [--seed 2023] [--train-size 0.8]

Turns a scikit-learn joblib model into a Model Lab model folder (JSON, with the data snapshot and
the accuracies of the split), after the same checks as "model-lab validate PATH.joblib".
Files imported into the same models folder before (the same bytes) are imported again as another
model, with a note on stderr naming the earlier one.
`;

export const GENERATE_HELP = `Usage: model-lab generate [--url postgres://USER@HOST:PORT/DB] [--host H] [--port P] [--database D]
                          [--user U] [--table iris_data] [--interval SECONDS] [--count N] [--seed S]
                          [--give-up-after SECONDS] [--allow-cleartext-password]

Creates the table if missing (id SERIAL PRIMARY KEY, timestamp timestamp, sepal_length float8,
sepal_width float8, petal_length float8, petal_width float8, target int) and inserts one random
iris row every --interval seconds (default 1) until --count rows are written or Ctrl+C.
--seed makes the sequence of rows reproducible. The password is read from PGPASSWORD or ~/.pgpass.
Defaults: PGHOST/PGPORT/PGUSER/PGDATABASE, else localhost:5432, your user name.

When the server goes away (a restart), one line says so and the generator reconnects with a
growing pause (0.5 s up to 5 s) and goes on; --give-up-after SECONDS ends it with exit code 1 when
one outage lasts that long (default: wait until Ctrl+C). The first connection is not waited for.
The summary line counts exactly the rows committed, however the generator ends.
--allow-cleartext-password sends the password even to a server on another machine that asks for it
in clear text without TLS (refused by default: anyone on the network could read it).
`;
