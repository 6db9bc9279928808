/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler, `horizontalpodautoscaling`): every 15 s
 * per HPA, read the target's /scale, compute a replica count from each metric (resource metrics from
 * metrics.k8s.io through the replica calculator), take the largest, stabilize and rate-limit it (behavior.ts),
 * write /scale, and report status — currentMetrics, current/desired replicas, lastScaleTime and the conditions
 * AbleToScale, ScalingActive and ScalingLimited with upstream's reasons and messages — plus SuccessfulRescale
 * events (`New size: 4; reason: cpu resource utilization (percentage of request) above target`).
 *
 * Objects are read as autoscaling/v2; one stored through autoscaling/v1 (targetCPUUtilizationPercentage) is
 * understood as the equivalent v2 CPU utilization metric.
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { Pod } from 'kubernetes-types/core/v1';
import { Controller } from '../../client/controller';
import { splitKey } from '../../client/object-keys';
import { parseApiVersion } from '../../apiserver/registry';
import { parseLabelSelector } from '../../apiserver/selectors/labels';
import { formatQuantity } from '../../apiserver/admission/quantity';
import { parseMilli } from '../../scheduler/util/quantity';
import type { ControllerContext } from '../controller-context';
import { nowMs, parseTime } from '../history/time';
import { limitWithBehavior, limitWithoutBehavior, scaleDownRules, scaleUpRules, ScalingHistory } from './behavior';
import { resourceReplicas, TOLERANCE, type PodMetrics } from './replica-calculator';

const CONTROLLER_NAME = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
const HPAS = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
const PODS = { group: '', version: 'v1', resource: 'pods' };

type Conditions = HorizontalPodAutoscalerCondition[];

/** The v2 spec with the API's defaults, whichever version the object was written in. */
export function effectiveSpec(hpa: HorizontalPodAutoscaler & { spec?: { targetCPUUtilizationPercentage?: number } }) {
  const spec = hpa.spec!;
  let metrics: MetricSpec[] = spec.metrics ?? [];
  if (metrics.length === 0) {
    const target = (spec as { targetCPUUtilizationPercentage?: number }).targetCPUUtilizationPercentage ?? 80;
    metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  return { ...spec, minReplicas: spec.minReplicas ?? 1, metrics };
}

function setCondition(conditions: Conditions, type: string, status: 'True' | 'False', reason: string, message: string, now: string): void {
  const existing = conditions.find((c) => c.type === type);
  if (existing) {
    if (existing.status !== status) existing.lastTransitionTime = now;
    existing.status = status;
    existing.reason = reason;
    existing.message = message;
  } else {
    conditions.push({ type, status, lastTransitionTime: now, reason, message });
  }
}

const metricName = (spec: MetricSpec) => {
  const r = spec.resource ?? spec.containerResource;
  if (r) return r.target.type === 'Utilization' ? `${r.name} resource utilization (percentage of request)` : `${r.name} resource`;
  return `${spec.type} metric`;
};

export function newHorizontalPodAutoscalerController(ctx: ControllerContext): Controller {
  const hpas = ctx.informers.informerFor<HorizontalPodAutoscaler>(HPAS);
  const pods = ctx.informers.informerFor<Pod>(PODS);
  const client = ctx.client.as(CONTROLLER_NAME);
  const api = client.resource<HorizontalPodAutoscaler>(HPAS);
  const events = ctx.recorder(CONTROLLER_NAME);
  const history = new ScalingHistory();

  /** REST metrics client: PodMetrics of the selected pods, summed over containers, in milli-units. */
  function fetchResourceMetrics(namespace: string, selector: string, resource: string, container?: string): { metrics: PodMetrics; timestampMs: number } | string {
    const res = client.raw({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, query: { labelSelector: selector } });
    if (res.status !== 200) {
      const message = (res.body as { message?: string })?.message ?? `status ${res.status}`;
      return `unable to fetch metrics from resource metrics API: ${message} (get pods.metrics.k8s.io)`;
    }
    const items = (res.body as { items?: any[] }).items ?? [];
    if (items.length === 0) return 'no metrics returned from resource metrics API';
    const metrics: PodMetrics = new Map();
    for (const m of items) {
      const containers: any[] = (m.containers ?? []).filter((c: any) => !container || c.name === container);
      if (containers.length === 0 || containers.some((c) => c.usage?.[resource] === undefined)) continue;
      const value = containers.reduce((sum, c) => sum + parseMilli(String(c.usage[resource])), 0);
      metrics.set(m.metadata.name, { timestampMs: parseTime(m.timestamp), windowMs: parseMilli(String(m.window ?? '0').replace(/s$/, '')), value });
    }
    return { metrics, timestampMs: parseTime(items[0].timestamp) };
  }

  const controller = new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const cached = hpas.lister.namespace(namespace).get(name);
        if (!cached) {
          history.forget(key);
          return { note: 'hpa gone' };
        }
        const hpa = structuredClone(cached);
        const original = JSON.stringify(hpa.status ?? {});
        const spec = effectiveSpec(hpa);
        const now = ctx.engine.timestamp();
        const status = { ...(hpa.status ?? {}), conditions: [...(hpa.status?.conditions ?? []).map((c) => ({ ...c }))] } as NonNullable<HorizontalPodAutoscaler['status']>;
        const conditions = status.conditions!;
        const saveStatus = () => {
          hpa.status = status;
          if (JSON.stringify(status) === original) return undefined;
          const res = api.updateStatus(namespace, hpa);
          return res.ok ? undefined : res.status.message;
        };
        // Upstream's HPA queue retries at the sync period, never faster (a fixed-interval rate limiter).
        const requeue = (note: string, error?: string) => ({ requeueAfter: HPA_SYNC_PERIOD_MS, note: error ? `${note}: ${error}` : note });

        // The target's scale.
        const ref = spec.scaleTargetRef;
        const { group, version } = parseApiVersion(ref.apiVersion ?? '');
        const target = ctx.client.registry.forKind(group, version, ref.kind) ?? ctx.client.registry.resolve(`${ref.kind}.${group}`);
        const scale = target ? client.resource(target && { group: target.group, version: target.version, resource: target.plural }).getScale(namespace, ref.name) : undefined;
        if (!scale || !scale.ok) {
          const err = scale && !scale.ok ? scale.status.message : `no matches for kind "${ref.kind}" in group "${group}"`;
          const message = `the HPA controller was unable to get the target's current scale: ${err}`;
          setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', message, now);
          events.event(hpa, 'Warning', 'FailedGetScale', err ?? '');
          saveStatus();
          return requeue('failed to get scale', `failed to query scale subresource for ${ref.kind}/${ref.name}: ${err}`);
        }
        setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
        const currentReplicas = scale.value.spec?.replicas ?? 0;
        const min = spec.minReplicas;
        const max = spec.maxReplicas;
        let desired = 0;
        let rescaleReason = '';
        let metricStatuses: MetricStatus[] = status.currentMetrics ?? [];

        if (currentReplicas === 0 && min !== 0) {
          setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
        } else if (currentReplicas > max) {
          rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
          desired = max;
        } else if (currentReplicas < min) {
          rescaleReason = 'Current number of replicas below Spec.MinReplicas';
          desired = min;
        } else {
          const selectorText = scale.value.status?.selector ?? '';
          const parsed = selectorText ? parseLabelSelector(selectorText) : undefined;
          if (!parsed || !parsed.ok) {
            events.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
            setCondition(conditions, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector", now);
            saveStatus();
            return requeue('no selector', 'selector is required');
          }
          const selected = pods.lister.namespace(namespace).list(parsed.selector);
          // computeReplicasForMetrics: the largest proposal wins; invalid metrics only block when all fail or we'd scale down.
          let proposal = 0;
          let proposalName = '';
          let invalid = 0;
          let firstError = '';
          let firstInvalid: { reason: string; message: string } | undefined;
          const statuses: MetricStatus[] = [];
          for (const m of spec.metrics) {
            const r = m.resource ?? m.containerResource;
            if (!r) {
              invalid++;
              const err = `unable to get metric ${m.pods?.metric.name ?? m.object?.metric.name ?? m.external?.metric.name ?? ''}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
              const reason = `FailedGet${m.type}Metric`;
              events.event(hpa, 'Warning', reason, err);
              firstError ||= `failed to get ${m.type.toLowerCase()} metric value: ${err}`;
              firstInvalid ??= { reason, message: `the HPA was unable to compute the replica count: ${err}` };
              statuses.push({ type: '' } as MetricStatus);
              continue;
            }
            const container = m.containerResource?.container;
            const fetched = fetchResourceMetrics(namespace, selectorText, r.name, container);
            const utilizationTarget = r.target.type === 'Utilization' ? (r.target.averageUtilization ?? 0) : undefined;
            let result;
            if (typeof fetched === 'string') result = `unable to get metrics for resource ${r.name}: ${fetched}`;
            else if (utilizationTarget !== undefined) result = resourceReplicas(currentReplicas, utilizationTarget, r.name, selected, fetched, nowMs(ctx.engine));
            else {
              // AverageValue: the same calculation against a raw per-pod target.
              const targetMilli = parseMilli(String(r.target.averageValue ?? '0'));
              const values = [...fetched.metrics.values()];
              const avg = values.reduce((s, v) => s + v.value, 0) / Math.max(1, values.length);
              const ratio = targetMilli > 0 ? avg / targetMilli : 0;
              result = { replicas: Math.abs(1 - ratio) <= TOLERANCE ? currentReplicas : Math.ceil(ratio * values.length), utilization: 0, rawAverage: Math.trunc(avg), timestampMs: fetched.timestampMs };
            }
            if (typeof result === 'string') {
              invalid++;
              const what = utilizationTarget !== undefined ? 'utilization' : 'usage';
              events.event(hpa, 'Warning', 'FailedGetResourceMetric', result);
              firstError ||= `failed to get ${r.name} resource metric value: failed to get ${r.name} ${what}: ${result}`;
              firstInvalid ??= { reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${result}` };
              statuses.push({ type: '' } as MetricStatus);
              continue;
            }
            const current = {
              ...(utilizationTarget !== undefined ? { averageUtilization: result.utilization } : {}),
              averageValue: formatQuantity({ num: BigInt(result.rawAverage), den: 1000n, format: 'DecimalSI' }),
            };
            statuses.push(m.containerResource ? { type: 'ContainerResource', containerResource: { name: r.name, container: container!, current } } : { type: 'Resource', resource: { name: r.name, current } });
            if (proposalName === '' || result.replicas > proposal) {
              proposal = result.replicas;
              proposalName = metricName(m);
            }
          }
          metricStatuses = statuses;
          if (invalid >= spec.metrics.length || (invalid > 0 && proposal < currentReplicas)) {
            setCondition(conditions, 'ScalingActive', 'False', firstInvalid!.reason, firstInvalid!.message, now);
            status.currentReplicas = currentReplicas;
            status.currentMetrics = metricStatuses;
            const message = `invalid metrics (${invalid} invalid out of ${spec.metrics.length}), first error is: ${firstError}`;
            events.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', message);
            saveStatus();
            return requeue('metrics unavailable', `failed to compute desired number of replicas based on listed metrics for ${ref.kind}/${namespace}/${ref.name}: ${message}`);
          }
          setCondition(conditions, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${proposalName}`, now);
          desired = proposal;
          if (desired > currentReplicas) rescaleReason = `${proposalName} above target`;
          if (desired < currentReplicas) rescaleReason = 'All metrics below target';
          desired = spec.behavior ? normalizeWithBehavior(key, currentReplicas, desired) : normalize(key, currentReplicas, desired);
        }

        function normalize(k: string, current: number, prenormalized: number): number {
          const stabilized = history.stabilize(k, prenormalized, ctx.engine.now());
          if (stabilized !== prenormalized) {
            setCondition(conditions, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', now);
          } else {
            setCondition(conditions, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
          }
          const limited = limitWithoutBehavior(current, stabilized, min, max);
          setCondition(conditions, 'ScalingLimited', limited.replicas === stabilized ? 'False' : 'True', limited.reason, limited.message, now);
          return limited.replicas;
        }

        function normalizeWithBehavior(k: string, current: number, prenormalized: number): number {
          const up = scaleUpRules(spec.behavior?.scaleUp);
          const down = scaleDownRules(spec.behavior?.scaleDown);
          const stabilized = history.stabilizeWithBehavior(k, current, prenormalized, up.stabilizationWindowSeconds, down.stabilizationWindowSeconds, ctx.engine.now());
          if (stabilized.replicas !== prenormalized) setCondition(conditions, 'AbleToScale', 'True', stabilized.reason, stabilized.message, now);
          else setCondition(conditions, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
          const limited = limitWithBehavior(
            current,
            stabilized.replicas,
            min,
            max,
            history.scaleUpLimit(k, current, up, ctx.engine.now()),
            history.scaleDownLimit(k, current, down, ctx.engine.now()),
          );
          setCondition(conditions, 'ScalingLimited', limited.replicas === stabilized.replicas ? 'False' : 'True', limited.reason, limited.message, now);
          return limited.replicas;
        }

        const rescale = rescaleReason !== '' && desired !== currentReplicas;
        if (rescale) {
          const updated = client.resource({ group: target!.group, version: target!.version, resource: target!.plural }).updateScale(namespace, ref.name, {
            ...scale.value,
            spec: { replicas: desired },
          });
          if (!updated.ok) {
            events.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${updated.status.message}`);
            setCondition(conditions, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${updated.status.message}`, now);
            status.currentReplicas = currentReplicas;
            status.currentMetrics = metricStatuses;
            saveStatus();
            return requeue('rescale failed', `failed to rescale ${ref.kind}/${namespace}/${ref.name}: ${updated.status.message}`);
          }
          setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
          events.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
          if (spec.behavior) {
            const rules = desired > currentReplicas ? scaleUpRules(spec.behavior.scaleUp) : scaleDownRules(spec.behavior.scaleDown);
            history.storeScaleEvent(key, currentReplicas, desired, Math.max(...rules.policies.map((p) => p.periodSeconds)), ctx.engine.now());
          }
        } else {
          desired = currentReplicas;
        }
        // setStatus: conditions in upstream's order.
        status.currentReplicas = currentReplicas;
        status.desiredReplicas = desired;
        status.currentMetrics = metricStatuses.length ? metricStatuses : undefined;
        if (!status.currentMetrics) delete status.currentMetrics;
        if (rescale) status.lastScaleTime = now;
        const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
        status.conditions = conditions.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
        const err = saveStatus();
        if (err) return requeue('status update failed', err);
        return requeue(rescale ? `scaled ${currentReplicas} → ${desired}: ${rescaleReason}` : `${currentReplicas} replicas, no change`);
      },
    },
    { decisionLog: ctx.decisions },
  ).watches(hpas, undefined, { update: (o, n) => JSON.stringify(o.spec) !== JSON.stringify(n.spec) });
  return controller;
}
