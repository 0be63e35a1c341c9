// Multi-step questions with VS Code's quick input: every step has Back (the title-bar arrow or
// Alt+Left... as VS Code offers it), its place in one count ("3/8"), a title that says what it
// asks, and a check that keeps a wrong value from being accepted. Each step is a fresh input, so a
// value typed for one step can never land in the next.
import * as vscode from 'vscode';

/** Returned by a step when the user went back. */
export const BACK = Symbol('back');
export type StepAnswer<T> = T | typeof BACK | undefined;

export interface StepPlace {
  readonly step: number;
  readonly totalSteps: number;
  /** What the step asks, e.g. "C (regularization)". */
  readonly title: string;
}

/** A parse result: the value, or why the text is not one. */
export type Parsed<T> = { readonly value: T } | { readonly error: string };

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/** One choice from a list; undefined when the user pressed Escape. */
export function pickStep<T>(place: StepPlace, items: readonly PickItem<T>[], options: { active?: T; placeholder?: string; matchOnDescription?: boolean } = {}): Promise<StepAnswer<T>> {
  const qp = vscode.window.createQuickPick<PickItem<T>>();
  qp.title = place.title;
  qp.step = place.step;
  qp.totalSteps = place.totalSteps;
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.placeholder = options.placeholder;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.buttons = place.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const active = items.find((i) => i.value === options.active);
  if (active) qp.activeItems = [active];
  return runStep<T>(qp, (finish) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item) finish(item.value);
    });
  });
}

/** One typed value, checked as it is typed; undefined when the user pressed Escape. */
export function inputStep<T>(place: StepPlace, prompt: string, initial: string, parse: (text: string) => Parsed<T>): Promise<StepAnswer<T>> {
  const box = vscode.window.createInputBox();
  box.title = place.title;
  box.step = place.step;
  box.totalSteps = place.totalSteps;
  box.prompt = prompt;
  box.value = initial;
  box.ignoreFocusOut = true;
  box.buttons = place.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const errorOf = (text: string) => {
    const r = parse(text);
    return 'error' in r ? r.error : undefined;
  };
  box.validationMessage = errorOf(initial);
  box.onDidChangeValue((t) => (box.validationMessage = errorOf(t)));
  return runStep<T>(box, (finish) => {
    box.onDidAccept(() => {
      const r = parse(box.value);
      if ('error' in r) {
        box.validationMessage = r.error;
        return; // cannot be accepted
      }
      finish(r.value);
    });
  });
}

/**
 * Shows a quick input as one step and settles once: Back gives BACK, hiding it (Escape) undefined,
 * and `onAccept` wires what an accepted answer is. The input is disposed when the step settles.
 */
function runStep<T>(input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> }, onAccept: (finish: (answer: StepAnswer<T>) => void) => void): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<T>) => {
      if (done) return;
      done = true;
      resolve(answer);
      input.dispose();
    };
    input.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish(BACK);
    });
    onAccept(finish);
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

/** One step of a wizard: `ask` gets the step's place ("3/9") for its title; `applies`, when given, says whether it is asked for the answers so far. */
export interface WizardStep {
  readonly applies?: () => boolean;
  readonly ask: (place: (title: string) => StepPlace) => Promise<StepAnswer<unknown>>;
}

/**
 * Runs the steps in order; a step's BACK returns to the one before (which shows its earlier answer
 * again, the step functions keep it). A step that does not apply to the answers so far (the poly
 * kernel's degree after choosing rbf) is passed over both ways, and the count ("3/9") is of the
 * steps that apply now. Resolves true when the last step was answered, false on Escape.
 */
export async function runSteps(steps: readonly WizardStep[]): Promise<boolean> {
  const applies = (k: number) => steps[k]!.applies?.() ?? true;
  let i = 0;
  let forward = true;
  while (i < steps.length) {
    if (!applies(i)) {
      // The first step always applies, so going back never passes over all of them.
      i = forward ? i + 1 : Math.max(0, i - 1);
      continue;
    }
    const shown = steps.filter((_, k) => applies(k)).length;
    const step = steps.slice(0, i + 1).filter((_, k) => applies(k)).length;
    const answer = await steps[i]!.ask((title) => ({ step, totalSteps: shown, title }));
    if (answer === undefined) return false;
    forward = answer !== BACK;
    i = forward ? i + 1 : Math.max(0, i - 1);
  }
  return true;
}
