// Checks the Debian packages that installing and driving code-server needs, by the files they
// provide, so a missing one fails early with its package name instead of a compiler error 3 minutes in.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

function onPath(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What building code-server's native modules needs (node-pty, kerberos, spdlog, native-keymap...). */
const INSTALL_PREREQUISITES = [
  { pkg: 'build-essential', ok: () => onPath('g++') && onPath('make'), what: 'g++ and make' },
  { pkg: 'pkg-config', ok: () => onPath('pkg-config'), what: 'pkg-config' },
  { pkg: 'python3', ok: () => onPath('python3'), what: 'python3 (node-gyp)' },
  { pkg: 'ripgrep', ok: () => existsSync('/usr/bin/rg'), what: '/usr/bin/rg' },
  { pkg: 'libkrb5-dev', ok: () => existsSync('/usr/include/gssapi/gssapi.h'), what: 'gssapi/gssapi.h' },
  {
    pkg: 'libsecret-1-dev',
    ok: () => existsSync('/usr/include/libsecret-1/libsecret/secret.h'),
    what: 'libsecret/secret.h',
  },
  { pkg: 'libxkbfile-dev', ok: () => existsSync('/usr/include/X11/extensions/XKBfile.h'), what: 'X11/extensions/XKBfile.h' },
  { pkg: 'libx11-dev', ok: () => existsSync('/usr/include/X11/Xlib.h'), what: 'X11/Xlib.h' },
];

const BROWSER_PREREQUISITES = [
  { pkg: 'chromium', ok: () => existsSync(process.env.MODEL_LAB_CHROMIUM || '/usr/bin/chromium'), what: '/usr/bin/chromium' },
];

function check(list, purpose) {
  const missing = list.filter((p) => !p.ok());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg).join(' ');
  const detail = missing.map((p) => `  - ${p.pkg} (provides ${p.what})`).join('\n');
  throw new Error(
    `Missing Debian package(s) needed to ${purpose}:\n${detail}\n` +
      `Install them with: apt-get update && apt-get install -y ${names}\n` +
      `(scripts/install.sh installs all of the project's Debian packages.)`,
  );
}

export function checkInstallPrerequisites() {
  check(INSTALL_PREREQUISITES, 'install code-server (VS Code in the browser)');
}

export function checkBrowserPrerequisites() {
  check(BROWSER_PREREQUISITES, 'drive VS Code in a browser');
}

/** Maps well-known compiler/installer errors in an npm log to the Debian package that fixes them. */
export function diagnoseInstallLog(log) {
  const hints = [
    [/gssapi\/gssapi\.h/, 'libkrb5-dev'],
    [/libsecret/, 'libsecret-1-dev'],
    [/XKBfile\.h|xkbfile/, 'libxkbfile-dev'],
    [/X11\/Xlib\.h/, 'libx11-dev'],
    [/pkg-config: not found|pkg-config.*No such file/, 'pkg-config'],
    [/(g\+\+|make|cc): (command )?not found/, 'build-essential'],
    [/api\.github\.com|ripgrep-v[\d.]+-\d+-x86_64/, 'ripgrep (its /usr/bin/rg is repacked as @vscode/ripgrep\'s cached download)'],
  ];
  return hints.filter(([re]) => re.test(log)).map(([, pkg]) => pkg);
}
