// The worker program of the pool's scheduling tests: the real serveTasks, serving gatedTasks.ts.
import { serveTasks } from '../../../src/core/parallel/workerHost';
import { GATED_TASKS } from './gatedTasks';

serveTasks(GATED_TASKS);
