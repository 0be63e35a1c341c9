// What scikit-learn files hold beyond the fitted model Model Lab keeps, that an export writes back so
// that an imported model returns to Python as it came: the scaler's copy and set_output settings, the
// SVC's own column names and training rows, the Pipeline's verbose. A model Model Lab trained has the
// course's (DEFAULT_EXTRAS).

export interface SklearnExtras {
  /** StandardScaler(copy=…). */
  readonly scalerCopy: boolean;
  /** The scaler's _sklearn_output_config, e.g. {transform: 'pandas'} after set_output; null when never set. */
  readonly scalerOutputConfig: Readonly<Record<string, string>> | null;
  /** The SVC's own feature_names_in_: fitted on a DataFrame (a scaler set to output pandas hands it one); null: a NumPy array. */
  readonly svcFeatureNames: readonly string[] | null;
  /** The SVC's shape_fit_[0], the rows it was fitted on; null: the model's recorded training rows. */
  readonly svcTrainRows: number | null;
  /** Pipeline(verbose=…). */
  readonly pipelineVerbose: boolean;
}

export const DEFAULT_EXTRAS: SklearnExtras = { scalerCopy: true, scalerOutputConfig: null, svcFeatureNames: null, svcTrainRows: null, pipelineVerbose: false };

/** imported-from.json's sklearnExtras, each field checked; what is missing or malformed is the default. */
export function extrasFromRecord(v: unknown, nFeatures: number): SklearnExtras {
  const r = typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
  const config = r.scalerOutputConfig;
  const names = r.svcFeatureNames;
  const rows = r.svcTrainRows;
  return {
    scalerCopy: typeof r.scalerCopy === 'boolean' ? r.scalerCopy : true,
    scalerOutputConfig: typeof config === 'object' && config !== null && !Array.isArray(config) && Object.values(config).every((x) => typeof x === 'string')
      ? config as Record<string, string> : null,
    svcFeatureNames: Array.isArray(names) && names.length === nFeatures && names.every((n) => typeof n === 'string') ? names as string[] : null,
    svcTrainRows: typeof rows === 'number' && Number.isSafeInteger(rows) && rows > 0 ? rows : null,
    pipelineVerbose: r.pipelineVerbose === true,
  };
}
