// The envelope of a message the extension sends again when a page reports 'ready' (webviewHost.ts):
// the page applies it only when no message of that type reached it directly. VS Code delivers the
// messages posted while a page loads once its frame has loaded, or after 200 ms if the frame is
// slow — then possibly before the page's script listens, and they are lost: the replay brings them.
// Where they did arrive, a plain resend made the page draw everything twice (Compare in code-server:
// 8 opens of 8, the second copy 84–267 ms after the first; drawing 1,001 rows takes 30–65 ms) and
// re-reveal the preselected row under the user's scrolling.
// Messages reach a page in order, so those lost are always the first ones: a message of the type
// that arrived directly is the replayed one or newer.
import { isRecord } from './checks';

export interface ReplayMessage<T> {
  readonly type: 'replay';
  readonly message: T;
}

export function replayMessage<T>(message: T): ReplayMessage<T> {
  return { type: 'replay', message };
}

/** The message inside a replay envelope (still unchecked: the page's own parser checks it); undefined for anything else. */
export function replayedMessage(raw: unknown): unknown {
  if (!isRecord(raw) || raw['type'] !== 'replay') return undefined;
  const keys = Object.keys(raw);
  return keys.length === 2 && keys.includes('message') ? raw['message'] : undefined;
}
