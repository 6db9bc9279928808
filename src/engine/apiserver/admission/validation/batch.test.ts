import { describe, expect, it } from 'vitest';
import { createMessage, updateMessage } from '../test-helpers';

const job = (spec: Record<string, unknown>, restartPolicy?: string) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
  spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5' }], ...(restartPolicy ? { restartPolicy } : {}) } }, ...spec },
});

describe('Job validation', () => {
  it('requires OnFailure or Never', () => {
    expect(createMessage(job({}))).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(createMessage(job({}, 'Never'))).toBe('ok');
  });

  it('checks counts', () => {
    expect(createMessage(job({ parallelism: -1, backoffLimit: -2 }, 'Never'))).toBe(
      'Job.batch "pi" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0]',
    );
    expect(createMessage(job({ completionMode: 'Indexed', completions: undefined, parallelism: 2 }, 'Never'))).toBe(
      'Job.batch "pi" is invalid: spec.completions: Required value: when completion mode is Indexed',
    );
  });

  it('rejects a label that breaks the generated selector', () => {
    const j = job({}, 'Never') as any;
    j.spec.template.metadata = { labels: { 'controller-uid': 'other' } };
    expect(createMessage(j)).toBe(
      `Job.batch "pi" is invalid: spec.template.metadata.labels[controller-uid]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"u-1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"other", "job-name":"pi"}: must be 'u-1'`,
    );
  });

  it('keeps the pod template immutable', () => {
    const old = job({}, 'Never');
    expect(createMessage(old)).toBe('ok');
    const changed = structuredClone(old) as any;
    changed.spec.template.spec.containers[0].image = 'perl:6';
    expect(updateMessage(changed, old)).toMatch(/^Job\.batch "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec.*: field is immutable$/);
    const suspended = structuredClone(old) as any;
    suspended.spec.suspend = true;
    expect(updateMessage(suspended, old)).toBe('ok');
  });
});

const cronJob = (spec: Record<string, unknown>, name = 'nightly') => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'default' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...spec },
});

describe('CronJob validation', () => {
  it('accepts a valid cron job', () => {
    expect(createMessage(cronJob({}))).toBe('ok');
  });

  it('reports schedule parse errors with the robfig/cron text', () => {
    expect(createMessage(cronJob({ schedule: 'every day' }))).toBe('CronJob.batch "nightly" is invalid: spec.schedule: Invalid value: "every day": expected exactly 5 fields, found 2: [every day]');
    expect(createMessage(cronJob({ schedule: '' }))).toBe('CronJob.batch "nightly" is invalid: spec.schedule: Required value');
    expect(createMessage(cronJob({ schedule: 'TZ=UTC 0 3 * * *' }))).toBe(
      'CronJob.batch "nightly" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 3 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
  });

  it('limits names to 52 characters and checks the policy enum', () => {
    const long = 'a'.repeat(53);
    expect(createMessage(cronJob({}, long))).toBe(`CronJob.batch "${long}" is invalid: metadata.name: Invalid value: "${long}": must be no more than 52 characters`);
    expect(createMessage(cronJob({ concurrencyPolicy: 'Sometimes' }))).toBe(
      'CronJob.batch "nightly" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    );
  });
});
