// Who made a temporary folder: this process, named by its pid, its start time (so a reused pid is
// not mistaken for it) and a short digest of the host name (a folder shared between machines is
// not judged by another machine's process table). A temporary whose owner still runs is never
// removed; one whose owner is not found here goes only once old (tempNames.ts).
import { nodeCrypto } from './nodeCrypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessOwner {
  readonly pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22); undefined where it cannot be read. */
  readonly startTicks: number | undefined;
  /** First hex digits of sha256(host name). */
  readonly host: string;
}

/** The owner is running, has ended, or cannot be judged from here (another host, no /proc). */
export type OwnerState = 'alive' | 'gone' | 'unknown';

const HOST_DIGEST_CHARS = 8;
/** /proc/PID/stat: fields after the command name (which may hold spaces and parentheses) start at field 3. */
const START_TIME_FIELD = 22;
const FIRST_FIELD_AFTER_NAME = 3;

function hostDigest(): string {
  return nodeCrypto().createHash('sha256').update(hostname()).digest('hex').slice(0, HOST_DIGEST_CHARS);
}

/** A process's state letter and start time from /proc (Linux); undefined when /proc cannot tell. */
function procStat(pid: number): { state: string; startTicks: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[START_TIME_FIELD - FIRST_FIELD_AFTER_NAME]);
  return Number.isSafeInteger(startTicks) ? { state: fields[0] ?? '', startTicks } : undefined;
}

let self: ProcessOwner | undefined;

/** This process as an owner. */
export function currentOwner(): ProcessOwner {
  self ??= { pid: process.pid, startTicks: procStat(process.pid)?.startTicks, host: hostDigest() };
  return self;
}

/** The owner as a name part: "PID-STARTTICKS-HOST" ("PID-x-HOST" where the start time is unknown). */
export function ownerTag(owner: ProcessOwner): string {
  return `${owner.pid}-${owner.startTicks ?? 'x'}-${owner.host}`;
}

/** The owner a name part describes; undefined when it is not one (an older temp folder's random name). */
export function parseOwnerTag(tag: string): ProcessOwner | undefined {
  const m = /^(\d{1,10})-(\d{1,20}|x)-([0-9a-f]{8})$/.exec(tag);
  if (!m || Number(m[1]) < 1) return undefined;
  const startTicks = m[2] === 'x' ? undefined : Number(m[2]);
  return { pid: Number(m[1]), startTicks, host: m[3]! };
}

/** Whether the process that wrote `owner` still runs (on this host; 'unknown' anywhere else). */
export function ownerState(owner: ProcessOwner): OwnerState {
  if (owner.host !== currentOwner().host) return 'unknown';
  try {
    process.kill(owner.pid, 0); // signal 0: only asks whether the process exists
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
  }
  const now = procStat(owner.pid);
  // No /proc entry although kill() found it, or no /proc at all: the pid may have been reused.
  if (now === undefined || owner.startTicks === undefined) return 'unknown';
  if (now.startTicks !== owner.startTicks) return 'gone'; // another process got the pid since
  return now.state === 'Z' ? 'gone' : 'alive'; // a zombie has ended, only its exit status waits
}
