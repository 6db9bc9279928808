import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

describe('kubectl wait', () => {
  it('waits on the simulated clock for a condition, a jsonpath value and a deletion; times out as kubectl does', () => {
    const c = createCluster({ seed: 2, workers: 2 });
    c.advance(30_000);
    expect(c.kubectl('kubectl run web --image=nginx').exitCode).toBe(0);

    const ready = c.kubectl('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    expect(ready.exitCode).toBe(0);
    expect(ready.watch?.finished).toBe(false);
    c.advance(30_000);
    expect(ready.watch?.stdout).toBe('pod/web condition met\n');
    expect(ready.watch?.exitCode).toBe(0);

    // Already true: answered at once.
    const phase = c.kubectl(`kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web`);
    expect(phase.stdout).toBe('pod/web condition met\n');

    const never = c.kubectl('kubectl wait --for=condition=Ready=false pod/web --timeout=10s');
    c.advance(9_000);
    expect(never.watch?.finished).toBe(false);
    c.advance(2_000);
    expect(never.watch?.stderr).toBe('error: timed out waiting for the condition on pods/web\n');
    expect(never.watch?.exitCode).toBe(1);

    c.kubectl('kubectl delete pod web --wait=false');
    const gone = c.kubectl('kubectl wait --for=delete pod/web --timeout=60s');
    c.advance(40_000);
    expect(gone.watch?.stdout).toBe('pod/web condition met\n');

    expect(c.kubectl('kubectl wait --for=condition=Ready pod/nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(c.kubectl('kubectl wait pod/web').stderr).toBe('error: unrecognized condition: ""\n');
    expect(c.kubectl('kubectl wait --for=bogus pod/web').stderr).toBe('error: unrecognized condition: "bogus"\n');
  });
});
