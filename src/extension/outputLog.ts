// The "Model Lab" Output channel: course-style lines from the core plus the extension's own notes.
import * as vscode from 'vscode';

export class OutputLog implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Model Lab');

  line(text: string): void {
    this.channel.appendLine(text);
  }

  /** Something went wrong that the user did not directly cause (a bad webview message, a watcher error). */
  warn(text: string): void {
    this.channel.appendLine(`[warning] ${text}`);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
