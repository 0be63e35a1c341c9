// Runs the iris data generator inside VS Code: one run at a time, a status bar item with the rows
// written (click to stop), lines in the Output channel, and a clean stop on deactivate.
import * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { engine } from '../engine';
import { COMMAND_IDS, CONTEXT_KEYS, STATE_KEYS } from '../contributions';
import { plainText } from '../ui/untrustedText';
import { confirmDatabaseTarget, describeTarget, parseDatabaseUrlSetting, readDatabasePassword, readDatabaseSettings, SET_DATABASE_PASSWORD } from './databaseSettings';

interface ActiveRun {
  readonly controller: AbortController;
  /** The rows written, once the run has ended (undefined when it failed: the error was shown). */
  readonly done: Promise<number | undefined>;
  /** Where it writes, as messages name it. */
  readonly table: string;
}

export class IrisGeneratorController implements vscode.Disposable {
  private run: ActiveRun | undefined;
  /** True while the database is away (an outage is logged once, when it starts). */
  private waiting = false;
  private readonly status = vscode.window.createStatusBarItem('modelLab.irisGenerator', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly ctx: ModelLabContext) {
    this.status.name = 'Model Lab: Iris Data Generator';
    this.status.command = COMMAND_IDS.stopIrisGenerator;
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  async start(): Promise<void> {
    const { log, notify } = this.ctx;
    if (this.run) {
      void notify.info('The iris data generator is already running. Stop it first to change its settings.');
      return;
    }
    // An interval that is not valid only falls back (to 1 s): said once per value, with Open Settings.
    const settings = readDatabaseSettings((l) => this.ctx.settingWarnings.warn('modelLab.generator.intervalSeconds', l, l));
    const target = parseDatabaseUrlSetting(settings.url);
    const password = await readDatabasePassword(this.ctx.secrets, settings.url);
    if (!await confirmDatabaseTarget(settings.url, this.ctx.extension.globalState, password !== undefined, (q, d, y) => notify.confirm(q, d, y), (l) => log.line(l))) return;
    this.closing = false;
    const controller = new AbortController();
    const where = `${describeTarget(target)} table "${target.table}"`;
    log.line(`Iris data generator: connecting to ${where}, one row every ${settings.intervalSeconds} s${settings.seed ? `, seed "${settings.seed}"` : ''}.`);
    this.waiting = false;
    this.showStatus(0, where, 'connecting');
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.generatorRunning, true);
    const done = engine().runIrisGenerator({
      url: settings.url,
      password,
      intervalMs: settings.intervalSeconds * 1000,
      seed: settings.seed || undefined,
      signal: controller.signal,
      ...(settings.giveUpAfterSeconds > 0 ? { giveUpAfterMs: settings.giveUpAfterSeconds * 1000 } : {}),
      ...(settings.allowCleartextPassword ? { allowCleartextPassword: true } : {}),
      onReady: () => log.line(`Iris data generator: table "${target.table}" is ready; writing rows.`),
      onRow: (r, n) => log.line(`  #${n} id=${r.id} ${r.features.join(', ')} target=${r.target}`),
      onStatus: (s) => {
        if (s.state === 'row') this.showStatus(s.written, where, 'writing');
        else if (s.state === 'waiting') {
          if (!this.waiting) log.line(`Iris data generator: ${s.reason} — waiting for the database and retrying (rows so far: ${s.written}).`);
          this.waiting = true;
          this.showStatus(s.written, where, 'waiting', s.reason);
        } else if (s.state === 'connected') {
          if (this.waiting) log.line(`Iris data generator: the database is back after ${Math.round(s.outageMs / 1000)} s; writing rows again.`);
          this.waiting = false;
          this.showStatus(s.written, where, 'writing');
        }
      },
    })
      .then((s) => {
        log.line(`Iris data generator: ${s.stopped ? 'stopped' : 'finished'} after ${rowsText(s.written)}.`);
        return s.written;
      })
      .catch((e: unknown) => {
        void notify.error(e,
          SET_DATABASE_PASSWORD,
          { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'modelLab.database') });
        return undefined;
      })
      .finally(() => {
        if (!this.closing) void this.ctx.workspaceState.update(STATE_KEYS.generatorRunning, undefined);
        this.run = undefined;
        this.status.hide();
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.generatorRunning, false);
      });
    this.run = { controller, done, table: target.table };
    // Cleared when the user stops it or the run ends by itself; a window closed or reloaded
    // meanwhile leaves it set, so that the next window can say the generator stopped (offerRestart).
    void this.ctx.workspaceState.update(STATE_KEYS.generatorRunning, where);
  }

  /**
   * Stops the running generator and waits until its connection is closed; the status bar then says
   * what it wrote (where the item the user clicked was), for a few seconds.
   */
  async stop(): Promise<void> {
    const run = this.run;
    if (!run) {
      void this.ctx.notify.info('The iris data generator is not running.');
      return;
    }
    await this.shutdown();
    const written = await run.done;
    if (written === undefined) return;
    // (The Output channel has had its line from the run itself.)
    vscode.window.setStatusBarMessage(`$(database) ${plainText(`Iris data generator stopped: ${rowsText(written)} written to "${run.table}"`)}`, STOPPED_MESSAGE_MS);
  }

  /** Stops without messages and waits for the connection to close (also for deactivate). */
  async shutdown(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.controller.abort();
    await run.done;
  }

  /** Stops as the window closes or reloads: the run is remembered, for the next window to offer a restart. */
  async close(): Promise<void> {
    this.closing = true;
    await this.shutdown();
  }

  /** True once the window is closing: the run ends, but not by the user's choice. */
  private closing = false;

  dispose(): void {
    this.closing = true;
    this.run?.controller.abort();
    this.status.dispose();
  }

  private showStatus(rows: number, where: string, state: 'connecting' | 'writing' | 'waiting', reason?: string): void {
    const count = rowsText(rows);
    this.status.text = state === 'connecting' ? '$(sync~spin) Iris generator: connecting'
      : state === 'waiting' ? `$(sync~spin) Iris generator: waiting for the database (${count})`
        : `$(database) Iris generator: ${count}`;
    this.status.backgroundColor = state === 'waiting' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.status.tooltip = plainText(state === 'waiting'
      ? `${where}: ${reason ?? 'the database is not reachable'}. Model Lab retries with a growing pause and goes on when it is back. Click to stop.`
      : `Model Lab is writing iris rows to ${where}. Click to stop.`);
    this.status.show();
  }
}

/** How long the status bar says that the generator stopped. */
const STOPPED_MESSAGE_MS = 8000;

function rowsText(n: number): string {
  return `${n} row${n === 1 ? '' : 's'}`;
}
