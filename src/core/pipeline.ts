// scikit-learn's Pipeline([('scaler', StandardScaler()), ('svc', SVC())]): scale, then classify.
import type { Label, Matrix } from './types';
import { UserError } from './types';
import { shortJson } from './text/shortJson';
import type { StandardScalerJSON } from './preprocessing/standardScaler';
import { StandardScaler } from './preprocessing/standardScaler';
import type { SVCJSON, SVCParams } from './svm/svc';
import { SVC } from './svm/svc';

export interface PipelineJSON {
  kind: 'Pipeline';
  steps: [['scaler', StandardScalerJSON], ['svc', SVCJSON]];
}

export class Pipeline {
  constructor(
    readonly scaler: StandardScaler = new StandardScaler(),
    readonly svc: SVC = new SVC(),
  ) {}

  static withParams(params: Partial<SVCParams>): Pipeline {
    return new Pipeline(new StandardScaler(), new SVC(params));
  }

  fit(X: Matrix, y: readonly Label[]): this {
    const scaled = this.scaler.fitTransform(X);
    this.svc.fit(scaled, y);
    return this;
  }

  predict(X: Matrix): Label[] {
    return this.svc.predict(this.scaler.transform(X));
  }

  decisionFunction(X: Matrix, shape?: 'ovr' | 'ovo'): number[][] {
    return this.svc.decisionFunction(this.scaler.transform(X), shape);
  }

  get classes(): Label[] {
    return this.svc.classes;
  }

  toJSON(): PipelineJSON {
    return { kind: 'Pipeline', steps: [['scaler', this.scaler.toJSON()], ['svc', this.svc.toJSON()]] };
  }

  /** Rejects anything that is not a PipelineJSON of a scaler followed by an SVC. */
  static fromJSON(json: unknown): Pipeline {
    const o = json as Partial<PipelineJSON> | null;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new UserError('expected a Pipeline object');
    if (o.kind !== 'Pipeline') throw new UserError(o.kind === undefined ? 'field "kind" is missing, expected "Pipeline"' : `expected kind "Pipeline", found ${shortJson(o.kind)}`);
    const steps = o.steps as unknown;
    if (!Array.isArray(steps) || steps.length !== 2 || !steps.every((s) => Array.isArray(s) && s.length === 2)) {
      throw new UserError('"steps" must be [["scaler", {...}], ["svc", {...}]]');
    }
    if (steps[0][0] !== 'scaler' || steps[1][0] !== 'svc') {
      throw new UserError(`"steps" must be named "scaler" then "svc", found ${JSON.stringify(steps.map((s) => s[0]))}`);
    }
    const scaler = StandardScaler.fromJSON(steps[0][1]);
    const svc = SVC.fromJSON(steps[1][1]);
    return new Pipeline(scaler, svc);
  }
}
