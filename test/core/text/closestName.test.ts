import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, editDistance } from '../../../src/core/text/closestName';

test('edit distance: insert, remove, replace, and two neighbours swapped count one each', () => {
  assert.equal(editDistance('train', 'train'), 0);
  assert.equal(editDistance('tain', 'train'), 1);
  assert.equal(editDistance('trainn', 'train'), 1);
  assert.equal(editDistance('trein', 'train'), 1);
  assert.equal(editDistance('trian', 'train'), 1);
  assert.equal(editDistance('sepla_length', 'sepal_length'), 1);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('abc', 'ca'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closest name: a typo of a command, an option or a column; nothing for another word', () => {
  const commands = ['train', 'tune', 'tune-unit', 'validate', 'predict', 'compare', 'generate', 'import', 'export'];
  assert.equal(closestName('trian', commands), 'train');
  assert.equal(closestName('valdiate', commands), 'validate');
  assert.equal(closestName('TRAIN', commands), 'train');
  assert.equal(closestName('fit', commands), undefined);
  assert.equal(closestName('Petal_Widht', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']), 'petal_width');
});
