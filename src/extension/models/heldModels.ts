// Deleted models are held (moved into a hidden .deleted-… folder beside them) while their Undo is
// offered, then removed. A window closed or reloaded meanwhile never removed them, so each models
// folder listed is swept once, an undo window after its first listing, of holders older than that
// window (another window's deletion stays undoable).
import type { ModelsLocation } from './modelLocations';
import { engine } from '../engine';

/** How long a deletion can be undone (its notification's Undo). */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

const swept = new Set<string>();

/** Schedules the sweep of `location`'s leftover holders, once per models folder and window. */
export function sweepHeldModelsLater(location: ModelsLocation, log: (line: string) => void): void {
  const key = location.modelsUri.toString();
  if (swept.has(key)) return;
  swept.add(key);
  const timer = setTimeout(() => {
    void engine().purgeDeletedModels(location.fs, location.fs.pathOf(location.modelsUri), UNDO_WINDOW_MS)
      .catch((e: unknown) => log(`Could not remove deleted models held in ${location.modelsUri.toString(true)}: ${String(e)}`));
  }, UNDO_WINDOW_MS + 1000);
  timer.unref?.();
}
