/**
 * Each built-in lesson, done through the engine host as the UI does it (apply, kubectl, at real-time pacing), then
 * its recording loaded into a fresh host: the rebuilt run must have the byte-identical event log, pods, names and
 * IPs at the same sim time.
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type EngineToUi } from '../protocol/messages';
import { LESSONS } from '../lessons';
import { EngineHost } from './engine-host';

type Obj = Record<string, any>;

function fingerprint(host: EngineHost): string {
  const c = host.cluster!;
  const pods = c.list('pods', '').map((p: Obj) => `${p.metadata.namespace}/${p.metadata.name} ${p.spec.nodeName ?? '-'} ${p.status?.podIP ?? '-'} ${p.status?.phase}`);
  const events = c.list('events', '').map((e: Obj) => JSON.stringify([e.metadata.name, e.lastTimestamp, e.reason, e.message, e.count, e.involvedObject]));
  return JSON.stringify({ t: c.now(), n: c.engine.eventsFired, pods: pods.sort(), events: events.sort() });
}

describe('lessons replay byte-identically from their recordings', () => {
  for (const lesson of LESSONS) {
    it(lesson.id, () => {
      let wall = 0;
      const out: EngineToUi[] = [];
      const host = new EngineHost({ post: (m) => out.push(m), wall: () => wall });
      const run = (simMs: number) => {
        for (let t = 0; t < simMs / 100; t += 8) {
          wall += 8;
          host.pump();
        }
      };
      host.handle({ type: 'init', version: PROTOCOL_VERSION, seed: lesson.cluster?.seed ?? 1, workers: lesson.cluster?.workers ?? 3 });
      host.handle({ type: 'speed', speed: 100 });
      let id = 1;
      if (lesson.setup) host.handle({ type: 'apply', id: id++, yaml: lesson.setup });
      run(lesson.settle ?? 10_000);
      for (const step of lesson.steps) {
        if (step.yaml) host.handle({ type: 'apply', id: id++, yaml: step.yaml });
        for (const line of step.kubectl ?? []) host.handle({ type: 'kubectl', id: id++, commandLine: line });
        run(Math.min(step.wait ?? 30_000, 120_000));
      }
      host.handle({ type: 'recording', id });
      const rec = out.find((m) => m.type === 'recordingResult');
      const recording = rec?.type === 'recordingResult' ? rec.recording : undefined;
      expect(recording?.actions.length).toBeGreaterThan(0);
      const expected = fingerprint(host);

      const copyOut: EngineToUi[] = [];
      const copy = new EngineHost({ post: (m) => copyOut.push(m), wall: () => 0 });
      copy.handle({ type: 'load', id: 1, recording: JSON.parse(JSON.stringify(recording)) });
      expect(copyOut.filter((m) => m.type === 'error')).toEqual([]);
      expect(fingerprint(copy)).toBe(expected);
    });
  }
});
