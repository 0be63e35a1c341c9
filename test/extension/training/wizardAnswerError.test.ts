// A train size the wizard was given and only the run finds impossible (the rows were not known at
// the step: a PostgreSQL table, a .gz file, modelLab.dropna) is said as that answer, not as the
// setting modelLab.trainSize the user never touched; other errors are not its business.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { wizardAnswerError, wizardAnswerText } from '../../../src/extension/training/wizardAnswerError';
import { trainingRowCount } from '../../../src/core/usecases/splitSizeRefusal';
import { UserError } from '../../../src/core/types';

function refusal(rows: number, value: number): unknown {
  try {
    trainingRowCount(rows, { trainSize: { kind: 'count', value } }, 'table "iris_data"');
  } catch (e) {
    return e;
  }
  assert.fail('the run splits it');
}

test('the run\'s refusal of a train size is said as the wizard\'s answer, for each wizard', () => {
  const e = refusal(40, 40);
  assert.equal(wizardAnswerError(e, 'Train Iris Model…')?.message,
    'train_size=40 should be either positive and smaller than the number of samples 40 or a float in the (0, 1) range — table "iris_data" has 40 data rows — choose the train size (Train Iris Model…) between 0 and 1 (0.8) or a whole number of rows from 1 to 39');
  assert.match(wizardAnswerError(e, 'Tune Iris Model…')?.message ?? '', /— choose the train size \(Tune Iris Model…\) between 0 and 1/);
  assert.doesNotMatch(wizardAnswerError(e, 'Train Iris Model…')!.message, /modelLab\.trainSize|--train-size/);
});

test('other errors are left to the usual path', () => {
  assert.equal(wizardAnswerError(new UserError('iris.csv: no column "target"'), 'Train Iris Model…'), undefined);
  assert.equal(wizardAnswerText(new Error('disk full'), 'a train size'), undefined);
});
