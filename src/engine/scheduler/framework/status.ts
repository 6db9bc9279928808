/** framework.Code: the outcome of a plugin call. */
export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  /** Unschedulable, and preempting pods on the node would not help. */
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export const CODE_NAMES: Record<Code, string> = {
  0: 'Success', 1: 'Error', 2: 'Unschedulable', 3: 'UnschedulableAndUnresolvable', 4: 'Wait', 5: 'Skip', 6: 'Pending',
};

/** framework.Status; `null` stands for Success in hot paths, as a nil *Status does upstream. */
export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that produced it, set by the framework. */
    public plugin = '',
  ) {}

  message(): string {
    return this.reasons.join(', ');
  }

  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }

  withPlugin(plugin: string): Status {
    this.plugin = plugin;
    return this;
  }
}

export const isSuccess = (s: Status | null | undefined): boolean => !s || s.code === Code.Success;

export const unschedulable = (...reasons: string[]): Status => new Status(Code.Unschedulable, reasons);
export const unresolvable = (...reasons: string[]): Status => new Status(Code.UnschedulableAndUnresolvable, reasons);
export const errorStatus = (message: string): Status => new Status(Code.Error, [message]);
export const SKIP = (): Status => new Status(Code.Skip);
