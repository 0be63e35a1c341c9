// Which program wrote a model (recorded in model.json).
import { version } from '../../../package.json';

export const TOOL = { name: 'model-lab', version } as const;
