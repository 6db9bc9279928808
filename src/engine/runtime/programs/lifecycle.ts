/**
 * Servers as data, in the spirit of KWOK stages: what a program logs and when, which ports it binds, how it
 * fails when a port is taken, and how it shuts down on each signal. One runner executes any of them.
 */
import { ExitSignal, type Proc, type Signal } from '../process';
import type { ExecContext, PortBinding } from '../sh/context';
import { strftime } from '../time-format';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** `{ts:FORMAT}` is replaced by the virtual time in strftime FORMAT (`%L` milliseconds, `%f` microseconds). */
  text: string;
}

export interface Stage {
  /** Delay before this stage, from the end of the previous one. */
  afterMs: number;
  log?: LogLine[];
  /** Ports bound at this stage (the server becomes reachable). */
  listen?: PortBinding[];
  /** Files the program writes (e.g. postgres initialising its data directory). */
  write?: Record<string, string>;
}

export interface Outcome {
  log: LogLine[];
  code: number;
  afterMs?: number;
}

export interface ServerPlan {
  stages: Stage[];
  /** Set for programs that end by themselves (configuration errors, one-shot tools); otherwise they serve forever. */
  exit?: { code: number };
  /** What happens when a port is already bound in the pod: retries (nginx) and the final error. */
  bindFailure?: (port: number) => { retries: LogLine[][]; retryEveryMs: number; final: Outcome };
  /** Graceful shutdown per signal; signals not listed take their default action (terminate). */
  shutdown?: Partial<Record<Signal, Outcome>>;
}

export function formatLogText(text: string, epochMs: number): string {
  return text.replace(/\{ts:([^}]*)\}/g, (_m, fmt: string) => strftime(fmt, epochMs));
}

export function emit(ctx: ExecContext, lines: LogLine[] | undefined): void {
  if (!lines) return;
  const now = ctx.sys.epochMs + ctx.sys.proc.now();
  for (const l of lines) (l.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${formatLogText(l.text, now)}\n`);
}

/** Runs a plan as a process: stages in order, then serve (block) until a signal asks it to stop. */
export function* runPlan(ctx: ExecContext, plan: ServerPlan): Proc {
  if (ctx.init) {
    ctx.sys.proc.setSignalDisposition((sig) => {
      const s = plan.shutdown?.[sig];
      if (!s) return 'default';
      return {
        handler: function* (): Proc {
          if (s.afterMs) yield { k: 'sleep', ms: s.afterMs };
          emit(ctx, s.log);
          throw new ExitSignal(s.code);
        },
      };
    });
  }
  for (const stage of plan.stages) {
    if (stage.afterMs > 0) yield { k: 'sleep', ms: stage.afterMs };
    for (const [path, content] of Object.entries(stage.write ?? {})) {
      try {
        ctx.sys.fs.writeFile(path, content);
      } catch {
        // A read-only mount: the real program would fail later; keep the simulation going.
      }
    }
    emit(ctx, stage.log);
    for (const b of stage.listen ?? []) {
      if (ctx.sys.listen(b)) continue;
      const failure = plan.bindFailure?.(b.port);
      if (!failure) throw new ExitSignal(1);
      for (const [i, attempt] of failure.retries.entries()) {
        if (i > 0) yield { k: 'sleep', ms: failure.retryEveryMs };
        emit(ctx, attempt);
      }
      if (failure.final.afterMs) yield { k: 'sleep', ms: failure.final.afterMs };
      emit(ctx, failure.final.log);
      return failure.final.code;
    }
  }
  if (plan.exit) return plan.exit.code;
  yield { k: 'block' };
  return 0;
}
