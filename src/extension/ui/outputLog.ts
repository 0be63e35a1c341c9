// The "Model Lab" Output channel: course-style lines from the core plus the extension's own notes.
// It never opens by itself (that would steal half the editor); errors offer a Show Log button.
import * as vscode from 'vscode';

export class OutputLog implements vscode.Disposable {
  private channel: vscode.OutputChannel | undefined;

  /** Created on the first line, not at activation. */
  private get output(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Model Lab');
    return this.channel;
  }

  line(text: string): void {
    this.output.appendLine(text);
  }

  /** Something went wrong that the user did not directly cause (a bad webview message, a watcher error). */
  warn(text: string): void {
    this.output.appendLine(`[warning] ${text}`);
  }

  /** Brings the channel into view (the Show Log button). */
  show(): void {
    this.output.show(true);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
