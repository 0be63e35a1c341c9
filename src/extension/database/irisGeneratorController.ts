// Runs the iris data generator inside VS Code: one run at a time, a status bar item with the rows
// written (click to stop), lines in the Output channel, and a clean stop on deactivate.
import * as vscode from 'vscode';
import { parsePostgresUrl } from '../../core/database/connectionUrl';
import { loadCore } from '../lazyCore';
import { describeTarget, readDatabasePassword, readDatabaseSettings } from './databaseSettings';

export const START_COMMAND = 'modelLab.startIrisGenerator';
export const STOP_COMMAND = 'modelLab.stopIrisGenerator';
/** Context key for when-clauses: Start is offered while false, Stop while true. */
export const RUNNING_CONTEXT_KEY = 'modelLab.irisGeneratorRunning';

interface ActiveRun {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export class IrisGeneratorController implements vscode.Disposable {
  private run: ActiveRun | undefined;
  private readonly status = vscode.window.createStatusBarItem('modelLab.irisGenerator', vscode.StatusBarAlignment.Left, 10);

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly output: vscode.OutputChannel,
  ) {
    this.status.name = 'Model Lab: Iris Data Generator';
    this.status.command = STOP_COMMAND;
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  async start(): Promise<void> {
    if (this.run) {
      void vscode.window.showInformationMessage('Model Lab: the iris data generator is already running. Stop it first to change its settings.');
      return;
    }
    const settings = readDatabaseSettings((l) => this.output.appendLine(l));
    let target;
    let password;
    try {
      target = parsePostgresUrl(settings.url);
      password = await readDatabasePassword(this.secrets, settings.url);
    } catch (e) {
      this.fail(e);
      return;
    }
    const controller = new AbortController();
    const where = `${describeTarget(target)} table "${target.table}"`;
    this.output.appendLine(
      `Iris data generator: connecting to ${where}, one row every ${settings.intervalSeconds} s` +
        (settings.seed ? `, seed "${settings.seed}"` : '') + '.',
    );
    this.showStatus(0, where, true);
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, true);
    const done = loadCore().runIrisGenerator({
      url: settings.url,
      password,
      intervalMs: settings.intervalSeconds * 1000,
      seed: settings.seed || undefined,
      signal: controller.signal,
      onReady: () => this.output.appendLine(`Iris data generator: table "${target.table}" is ready; writing rows.`),
      onRow: (r, n) => {
        this.output.appendLine(`  #${n} id=${r.id} ${r.features.join(', ')} target=${r.target}`);
        this.showStatus(n, where, false);
      },
    })
      .then((s) => {
        this.output.appendLine(`Iris data generator: ${s.stopped ? 'stopped' : 'finished'} after ${s.written} row${s.written === 1 ? '' : 's'}.`);
      })
      .catch((e) => this.fail(e))
      .finally(() => {
        this.run = undefined;
        this.status.hide();
        void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, false);
      });
    this.run = { controller, done };
  }

  /** Stops the running generator and waits until its connection is closed. */
  async stop(): Promise<void> {
    const run = this.run;
    if (!run) {
      void vscode.window.showInformationMessage('Model Lab: the iris data generator is not running.');
      return;
    }
    run.controller.abort();
    await run.done;
  }

  /** For deactivate(): stop without messages and wait for the connection to close. */
  async shutdown(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.controller.abort();
    await run.done;
  }

  dispose(): void {
    this.run?.controller.abort();
    this.status.dispose();
  }

  private showStatus(rows: number, where: string, connecting: boolean): void {
    this.status.text = connecting ? '$(sync~spin) Iris generator: connecting' : `$(database) Iris generator: ${rows} row${rows === 1 ? '' : 's'}`;
    this.status.tooltip = `Model Lab is writing iris rows to ${where}. Click to stop.`;
    this.status.show();
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const known = e instanceof Error && (e.name === 'UserError' || e.name === 'AbortError');
    this.output.appendLine(`Iris data generator: ${message}`);
    if (!known && e instanceof Error && e.stack) this.output.appendLine(e.stack);
    if (e instanceof Error && e.name === 'AbortError') return;
    void vscode.window.showErrorMessage(`Model Lab: ${message}`, 'Set Database Password', 'Open Settings').then((choice) => {
      if (choice === 'Set Database Password') void vscode.commands.executeCommand('modelLab.setDatabasePassword');
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'modelLab.database');
    });
  }
}
