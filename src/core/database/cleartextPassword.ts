// Whether the password may be sent when the server asks for it in clear text. PostgreSQL's
// `password` authentication (pg_hba.conf) makes the client send the password as it is; without
// TLS anyone on the network path reads it, and a workspace that points Model Lab at a server of
// its own receives it. Loopback and Unix sockets never leave the machine; SCRAM and MD5 never
// send the password itself. Everything else needs the user's explicit permission.
import { isIP } from 'node:net';
import { remedyError, type UserError } from '../types';

/** How the server asked for the password (pg's authentication request). */
export type PasswordMethod = 'cleartext' | 'md5' | 'scram';

export interface PasswordRequest {
  readonly method: PasswordMethod;
  /** The host as configured (a name, an address, or a Unix socket folder starting with '/'). */
  readonly host: string;
  readonly port: number;
  /** The address the connection really reached (the socket's remote address); undefined for a Unix socket. */
  readonly remoteAddress: string | undefined;
  /** Whether the connection is encrypted with TLS. */
  readonly tls: boolean;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (isIP(a) === 6) {
    if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    return mapped ? isLoopbackAddress(mapped[1]!) : false;
  }
  return isIP(a) === 4 && a.startsWith('127.');
}

/** Whether the connection stays on this machine: a Unix socket, or a loopback address reached. */
export function staysOnThisMachine(req: Pick<PasswordRequest, 'host' | 'remoteAddress'>): boolean {
  if (req.host.startsWith('/')) return true;
  // Judge the address actually reached, not the name: "localhost" could resolve anywhere.
  return req.remoteAddress !== undefined && isLoopbackAddress(req.remoteAddress);
}

/**
 * The decision: undefined when the password may be sent, otherwise the UserError to refuse with, one
 * line (what happened, why, what to do; its remedy names --allow-cleartext-password, which a front end
 * with settings says as its own setting). Refuses only a clear-text request over the network without
 * TLS, unless `allowCleartext` (the user's explicit choice) is set.
 */
export function cleartextPasswordError(req: PasswordRequest, allowCleartext: boolean): UserError | undefined {
  if (req.method !== 'cleartext' || req.tls || allowCleartext || staysOnThisMachine(req)) return undefined;
  const host = req.host.includes(':') ? `[${req.host}]` : req.host;
  const reached = req.remoteAddress !== undefined && req.remoteAddress !== req.host ? ` (${req.remoteAddress})` : '';
  return remedyError(
    `PostgreSQL at ${host}:${req.port}${reached} asks for the password in clear text over an unencrypted network connection — ` +
      'anyone on the network path could read it, so Model Lab did not send it.',
    {
      option: 'allow-cleartext-password',
      text: 'Ask the server\'s administrator for scram-sha-256 authentication (pg_hba.conf), or, only if you trust that server and the network, allow it explicitly ({option}).',
    },
    {}, ' ',
  );
}
