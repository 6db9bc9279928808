/**
 * How far and how fast the HPA may move (pkg/controller/podautoscaler/horizontal.go): stabilization over recent
 * recommendations (scale-down waits out --horizontal-pod-autoscaler-downscale-stabilization, 5 minutes), and the
 * scaling policies of spec.behavior (Pods / Percent per period, selectPolicy Max/Min/Disabled). Without
 * spec.behavior, the legacy rule: at most max(2 × current, 4) when scaling up.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;

interface Recommendation {
  replicas: number;
  atMs: number;
}

interface ScaleEvent {
  change: number;
  atMs: number;
  outdated: boolean;
}

export interface Limited {
  replicas: number;
  reason: string;
  message: string;
}

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: spec.behavior with the API defaults filled in. */
export function scaleUpRules(rules: HPAScalingRules | undefined): Required<Pick<HPAScalingRules, 'stabilizationWindowSeconds' | 'selectPolicy' | 'policies'>> {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? 0,
    selectPolicy: rules?.selectPolicy ?? 'Max',
    policies: rules?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function scaleDownRules(rules: HPAScalingRules | undefined): Required<Pick<HPAScalingRules, 'stabilizationWindowSeconds' | 'selectPolicy' | 'policies'>> {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000,
    selectPolicy: rules?.selectPolicy ?? 'Max',
    policies: rules?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

/** The controller's per-HPA memory: recommendations and scale events (lost on restart, as upstream's). */
export class ScalingHistory {
  private recommendations = new Map<string, Recommendation[]>();
  private ups = new Map<string, ScaleEvent[]>();
  private downs = new Map<string, ScaleEvent[]>();

  forget(key: string): void {
    this.recommendations.delete(key);
    this.ups.delete(key);
    this.downs.delete(key);
  }

  private record(key: string, replicas: number, nowMs: number, isOld: (r: Recommendation) => boolean): void {
    const recs = this.recommendations.get(key) ?? [];
    const old = recs.findIndex(isOld);
    if (old >= 0) recs[old] = { replicas, atMs: nowMs };
    else recs.push({ replicas, atMs: nowMs });
    this.recommendations.set(key, recs);
  }

  /** stabilizeRecommendation (no behavior): the highest recommendation of the last 5 minutes. */
  stabilize(key: string, desired: number, nowMs: number): number {
    const cutoff = nowMs - DOWNSCALE_STABILIZATION_MS;
    let max = desired;
    for (const r of this.recommendations.get(key) ?? []) if (r.atMs >= cutoff && r.replicas > max) max = r.replicas;
    this.record(key, desired, nowMs, (r) => r.atMs < cutoff);
    return max;
  }

  /** stabilizeRecommendationWithBehaviors: clamp between the lowest recent (up window) and highest recent (down window). */
  stabilizeWithBehavior(key: string, current: number, desired: number, upWindowS: number, downWindowS: number, nowMs: number): Limited {
    const upCutoff = nowMs - upWindowS * 1000;
    const downCutoff = nowMs - downWindowS * 1000;
    let up = desired;
    let down = desired;
    for (const r of this.recommendations.get(key) ?? []) {
      if (r.atMs > upCutoff) up = Math.min(up, r.replicas);
      if (r.atMs > downCutoff) down = Math.max(down, r.replicas);
    }
    let replicas = current;
    if (replicas < up) replicas = up;
    if (replicas > down) replicas = down;
    this.record(key, desired, nowMs, (r) => r.atMs < upCutoff && r.atMs < downCutoff);
    return desired >= current
      ? { replicas, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
      : { replicas, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }

  private changeWithin(events: ScaleEvent[] | undefined, periodSeconds: number, nowMs: number): number {
    const cutoff = nowMs - periodSeconds * 1000;
    return (events ?? []).filter((e) => e.atMs > cutoff).reduce((sum, e) => sum + e.change, 0);
  }

  /** calculateScaleUpLimitWithScalingRules. */
  scaleUpLimit(key: string, current: number, rules: ReturnType<typeof scaleUpRules>, nowMs: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
    let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
    for (const p of rules.policies) {
      const start = current - this.changeWithin(this.ups.get(key), p.periodSeconds, nowMs) + this.changeWithin(this.downs.get(key), p.periodSeconds, nowMs);
      const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors. */
  scaleDownLimit(key: string, current: number, rules: ReturnType<typeof scaleDownRules>, nowMs: number): number {
    if (rules.selectPolicy === 'Disabled') return current;
    // The smallest change ('Min') is the largest replica count.
    const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
    let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
    for (const p of rules.policies) {
      const start = current - this.changeWithin(this.ups.get(key), p.periodSeconds, nowMs) + this.changeWithin(this.downs.get(key), p.periodSeconds, nowMs);
      const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** storeScaleEvent: remembered only when spec.behavior is set (only the policies read them). */
  storeScaleEvent(key: string, from: number, to: number, longestPeriodS: number, nowMs: number): void {
    const map = to > from ? this.ups : this.downs;
    const events = map.get(key) ?? [];
    for (const e of events) if (e.atMs <= nowMs - longestPeriodS * 1000) e.outdated = true;
    const event = { change: Math.abs(to - from), atMs: nowMs, outdated: false };
    const old = events.findIndex((e) => e.outdated);
    if (old >= 0) events[old] = event;
    else events.push(event);
    map.set(key, events);
  }
}

/** convertDesiredReplicasWithRules (no behavior): min/max and the legacy scale-up limit. */
export function limitWithoutBehavior(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = Math.max(2 * current, 4);
  let maximum: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximum = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** convertDesiredReplicasWithBehaviorRate. */
export function limitWithBehavior(current: number, desired: number, min: number, max: number, upLimit: number, downLimit: number): Limited {
  if (desired > current) {
    const limit = Math.max(upLimit, current);
    const [maximum, reason, message] =
      max > limit
        ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
        : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    if (desired > maximum) return { replicas: maximum, reason, message };
  } else if (desired < current) {
    const limit = Math.min(downLimit, current);
    const [minimum, reason, message] =
      min < limit
        ? [limit, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate']
        : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (desired < minimum) return { replicas: minimum, reason, message };
  }
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}
