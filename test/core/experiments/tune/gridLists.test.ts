// The grid's value lists as typed: kernel, degree and coef0 lists beside the sweep's C and gamma lists,
// SVC's defaults for the lists not given, refusals naming the list (as the caller words it) and item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../../src/core/types';
import { parseSearchGrid } from '../../../../src/core/experiments/tune/gridLists';

const refused = (f: () => unknown, pattern: RegExp) => assert.throws(f, (e: unknown) => e instanceof UserError && pattern.test(e.message));

test('lists parse in the order typed; lists not given keep SVC\'s defaults', () => {
  assert.deepEqual(parseSearchGrid({}), { kernel: ['rbf'], C: [1], gamma: ['scale'], degree: [3], coef0: [0] });
  assert.deepEqual(parseSearchGrid({ kernel: 'poly, rbf', C: '10, 0.1', gamma: 'auto,0.5', degree: '2,3', coef0: '-1, 0, 1.5' }), {
    kernel: ['poly', 'rbf'], C: [10, 0.1], gamma: ['auto', 0.5], degree: [2, 3], coef0: [-1, 0, 1.5],
  });
});

test('refusals name the list and the item; an input box can word the list its own way', () => {
  refused(() => parseSearchGrid({ kernel: '' }), /^--kernel is empty — give one value or a comma-separated list such as "rbf, linear"$/);
  refused(() => parseSearchGrid({ kernel: 'rbf,RBF' }), /^--kernel item 2 of "rbf,RBF": "RBF" is not a kernel — use rbf, linear, poly, sigmoid$/);
  refused(() => parseSearchGrid({ degree: '3,-1' }), /"-1" must be a whole number from 0 to 1000/);
  refused(() => parseSearchGrid({ degree: '3, 3' }), /--degree lists 3 twice/);
  refused(() => parseSearchGrid({ coef0: '0,x' }), /^--coef0 item 2 of "0,x": "x" is not a number$/);
  refused(() => parseSearchGrid({ C: '1,0' }, (k) => `the ${k} list`), /^the C list item 2 of "1,0": "0" must be > 0/);
});
