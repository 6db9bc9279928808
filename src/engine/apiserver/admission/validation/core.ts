/**
 * Validation of the core group (pkg/apis/core/validation/validation.go), run on the defaulted object. The order of
 * checks follows upstream so multi-error messages list the same errors in the same order.
 */
 
import type { FieldError } from '../../status';
import { duplicate, forbidden, GoText, goQuote, invalid, notFound, notSupported, Path, required, tooLong } from '../field';
import { compareQuantities, formatQuantity, isInteger, parseQuantity } from '../quantity';
import { goStringMap, intOrStringValue } from './gotext';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isIPv4, isRelaxedEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './names';
import { deepEqual, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validateAnnotations, validateImmutable, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './objectmeta';

const MAX_INT32 = 2147483647;
const MAX_SECRET_SIZE = 1024 * 1024;
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

export function validateNonnegative(value: number | undefined, path: Path): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

export function validateDNS1123Label(value: string, path: Path): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, value, msg));
}

export function validateDNS1123Subdomain(value: string, path: Path): FieldError[] {
  return isDNS1123Subdomain(value).map((msg) => invalid(path, value, msg));
}

/** ValidateLabelSelector (metav1 validation), strict about label values. */
export function validateLabelSelector(sel: any, path: Path): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr: any, i: number) => {
    const p = path.child('matchExpressions').index(i);
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), expr.operator ?? '', 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(expr.key ?? '')) errs.push(invalid(p.child('key'), expr.key ?? '', msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(j), v, msg));
    });
  });
  return errs;
}

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: Path): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === 'string') {
    if (port === '') return [required(path)];
    return isValidPortName(port).map((msg) => invalid(path, port, msg));
  }
  return [invalid(path, intOrStringValue(port), 'unknown type')];
}

// ---------------------------------------------------------------------------------------------------------------
// Volumes

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'quobyte', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

function validateFileMode(mode: number | undefined, path: Path): FieldError[] {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validateKeyToPaths(items: any[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((item, i) => {
    const p = path.index(i);
    if (!item.key) errs.push(required(p.child('key')));
    if (!item.path) errs.push(required(p.child('path')));
    errs.push(...validateFileMode(item.mode, p.child('mode')));
  });
  return errs;
}

function validateVolumeSource(v: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const present = VOLUME_SOURCES.filter((k) => v[k] != null);
  if (present.length === 0) return [required(path, 'must specify a volume type')];
  for (const extra of present.slice(1)) errs.push(forbidden(path.child(extra), 'may not specify more than 1 volume type'));
  const kind = present[0];
  const src = v[kind];
  const p = path.child(kind);
  switch (kind) {
    case 'hostPath':
      if (!src.path) errs.push(required(p.child('path')));
      break;
    case 'secret':
      if (!src.secretName) errs.push(required(p.child('secretName')));
      errs.push(...validateFileMode(src.defaultMode, p.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, p.child('items')));
      break;
    case 'configMap':
      if (!src.name) errs.push(required(p.child('name')));
      errs.push(...validateFileMode(src.defaultMode, p.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, p.child('items')));
      break;
    case 'persistentVolumeClaim':
      if (!src.claimName) errs.push(required(p.child('claimName')));
      break;
    case 'nfs':
      if (!src.server) errs.push(required(p.child('server')));
      if (!src.path) errs.push(required(p.child('path')));
      else if (!src.path.startsWith('/')) errs.push(invalid(p.child('path'), src.path, 'must be an absolute path'));
      break;
    case 'emptyDir':
      if (src.sizeLimit !== undefined) {
        const q = parseQuantity(String(src.sizeLimit));
        if (q && q.num < 0n) errs.push(forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    case 'downwardAPI':
    case 'projected':
      errs.push(...validateFileMode(src.defaultMode, p.child('defaultMode')));
      break;
  }
  return errs;
}

/** ValidateVolumes; returns the errors and the names of the valid volumes. */
function validateVolumes(volumes: any[] | undefined, path: Path): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const p = path.index(i);
    const el = validateVolumeSource(vol, p);
    if (!vol.name) el.push(required(p.child('name')));
    else el.push(...validateDNS1123Label(vol.name, p.child('name')));
    if (names.has(vol.name)) el.push(duplicate(p.child('name'), vol.name));
    if (el.length === 0) names.add(vol.name);
    else errs.push(...el);
  });
  return { errs, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Containers

function validateContainerPorts(ports: any[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const msg of msgs) errs.push(invalid(p.child('name'), port.name, msg));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(invalid(p.child('containerPort'), port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(invalid(p.child('hostPort'), port.hostPort, msg));
    if (!port.protocol) errs.push(required(p.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: any[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name')));
    else for (const msg of isRelaxedEnvVarName(ev.name)) errs.push(invalid(p.child('name'), ev.name, msg));
    if (ev.valueFrom) {
      const vp = p.child('valueFrom');
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => ev.valueFrom[k] != null);
      if (sources.length === 0) {
        errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      } else if (sources.length > 1) {
        errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
      } else {
        const ref = ev.valueFrom[sources[0]];
        const rp = vp.child(sources[0]);
        if (sources[0] === 'fieldRef' && !ref.fieldPath) errs.push(required(rp.child('fieldPath')));
        if (sources[0] === 'resourceFieldRef' && !ref.resource) errs.push(required(rp.child('resource')));
        if (sources[0] === 'configMapKeyRef' || sources[0] === 'secretKeyRef') {
          if (!ref.name) errs.push(required(rp.child('name')));
          if (!ref.key) errs.push(required(rp.child('key')));
          else for (const msg of isConfigMapKey(ref.key)) errs.push(invalid(rp.child('key'), ref.key, msg));
        }
      }
      if (ev.value && sources.length) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: any[] | undefined, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child('name')));
    if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(p.child('mountPath')));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
    if (m.subPath) {
      if (m.subPath.startsWith('/')) errs.push(invalid(p.child('subPath'), m.subPath, 'must be a relative path'));
      if (m.subPath.split('/').includes('..')) errs.push(invalid(p.child('subPath'), m.subPath, "must not contain '..'"));
    }
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
/** Extended resources and huge pages cannot be overcommitted: request must equal limit. */
const overcommitAllowed = (name: string) => STANDARD_CONTAINER_RESOURCES.has(name) || (!name.includes('/') && !isHugePages(name)) || name.startsWith('kubernetes.io/');

function validateContainerResourceName(name: string, path: Path): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function validateQuantityValue(name: string, value: unknown, path: Path): FieldError[] {
  const q = parseQuantity(String(value));
  if (!q) return [];
  const text = formatQuantity(q);
  const errs: FieldError[] = [];
  if (q.num < 0n) errs.push(invalid(path, text, 'must be greater than or equal to 0'));
  const integerResource = isHugePages(name) ? false : name.includes('/') && !name.startsWith('kubernetes.io/');
  if (integerResource && !isInteger(q)) errs.push(invalid(path, text, 'must be an integer'));
  return errs;
}

function validateResourceRequirements(res: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!res) return errs;
  const limits: Record<string, unknown> = res.limits ?? {};
  const requests: Record<string, unknown> = res.requests ?? {};
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  for (const [name, value] of Object.entries(limits).sort(([a], [b]) => (a < b ? -1 : 1))) {
    errs.push(...validateContainerResourceName(name, limPath.key(name)));
    errs.push(...validateQuantityValue(name, value, limPath.key(name)));
  }
  for (const [name, value] of Object.entries(requests).sort(([a], [b]) => (a < b ? -1 : 1))) {
    errs.push(...validateContainerResourceName(name, reqPath.key(name)));
    errs.push(...validateQuantityValue(name, value, reqPath.key(name)));
    const req = parseQuantity(String(value));
    const limRaw = limits[name];
    if (limRaw !== undefined) {
      const lim = parseQuantity(String(limRaw));
      if (!req || !lim) continue;
      const cmp = compareQuantities(req, lim);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, formatQuantity(req), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

const HANDLER_KINDS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function validateHandler(h: any, path: Path, allowed: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLER_KINDS) {
    if (h[kind] == null || !allowed.includes(kind)) continue;
    const p = path.child(kind);
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const a = h[kind];
    if (kind === 'exec' && !(a.command?.length > 0)) errs.push(required(p.child('command')));
    if (kind === 'httpGet') {
      if (!a.path) errs.push(required(p.child('path')));
      errs.push(...validatePortNumOrName(a.port, p.child('port')));
      if (a.scheme && !['HTTP', 'HTTPS'].includes(a.scheme)) errs.push(notSupported(p.child('scheme'), a.scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(a.port, p.child('port')));
    if (kind === 'grpc') for (const msg of isValidPortNum(a.port ?? 0)) errs.push(invalid(p.child('port'), a.port ?? 0, msg));
    if (kind === 'sleep' && (a.seconds ?? 0) < 0) errs.push(invalid(p.child('seconds'), a.seconds, 'must be non-negative integer'));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: any, path: Path, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(probe[f], path.child(f)));
  }
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds != null) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readiness' && probe.successThreshold !== 1) errs.push(invalid(path.child('successThreshold'), probe.successThreshold, 'must be 1'));
  return errs;
}

function validateLifecycle(lc: any, path: Path): FieldError[] {
  if (!lc) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (lc[hook]) errs.push(...validateHandler(lc[hook], path.child(hook), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  return errs;
}

function validateContainerCommon(c: any, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Label(c.name, path.child('name')));
  // Surrounding whitespace is tolerated on create for compatibility; only updates reject it.
  if (!c.image) errs.push(required(path.child('image')));
  const messagePolicies = ['File', 'FallbackToLogsOnError'];
  if (!c.terminationMessagePolicy) errs.push(required(path.child('terminationMessagePolicy')));
  else if (!messagePolicies.includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(path.child('terminationMessagePolicy'), c.terminationMessagePolicy, messagePolicies));
  }
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  (c.envFrom ?? []).forEach((ef: any, i: number) => {
    const p = path.child('envFrom').index(i);
    const n = ['configMapRef', 'secretRef'].filter((k) => ef[k] != null).length;
    if (n === 0) errs.push(invalid(p, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(p, '', 'may not have more than one field specified at a time'));
  });
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, path.child('volumeMounts')));
  if (!c.imagePullPolicy) errs.push(required(path.child('imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(notSupported(path.child('imagePullPolicy'), c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(c.resources, path.child('resources')));
  return errs;
}

function validateContainers(containers: any[] | undefined, volumes: Set<string>, path: Path, names: Set<string>): FieldError[] {
  if (!containers || containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    errs.push(...validateLifecycle(c.lifecycle, p.child('lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), 'startup'));
    if (c.restartPolicy != null) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(containers: any[] | undefined, volumes: Set<string>, path: Path, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy != null && !sidecar) errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, p.child('lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), 'startup'));
    } else {
      if (c.lifecycle != null) errs.push(forbidden(p.child('lifecycle'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.livenessProbe != null) errs.push(forbidden(p.child('livenessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.readinessProbe != null) errs.push(forbidden(p.child('readinessProbe'), 'may not be set for init containers without restartPolicy=Always'));
      if (c.startupProbe != null) errs.push(forbidden(p.child('startupProbe'), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

function validateTaintEffect(effect: string, path: Path): FieldError[] {
  const valid = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
  return valid.includes(effect) ? [] : [notSupported(path, effect, valid)];
}

export function validateTolerations(tolerations: any[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    const operator = t.operator ?? '';
    if (t.key) for (const msg of isQualifiedName(t.key)) errs.push(invalid(p.child('key'), t.key, msg));
    if (!t.key && operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      for (const msg of isValidLabelValue(t.value ?? '')) errs.push(invalid(p.child('operator'), t.value ?? '', msg));
    } else if (operator === 'Exists') {
      if (t.value) errs.push(invalid(p.child('operator'), new GoText(goToleration(t)), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, p.child('effect')));
  });
  return errs;
}

function goToleration(t: any): string {
  const secs = t.tolerationSeconds == null ? '(*int64)(nil)' : `(*int64)(${t.tolerationSeconds})`;
  return `core.Toleration{Key:${goQuote(t.key ?? '')}, Operator:${goQuote(t.operator ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TolerationSeconds:${secs}}`;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: any, path: Path): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const { errs: volErrs, names: volumes } = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...volErrs);
  const containerNames = new Set<string>();
  errs.push(...validateContainers(s.containers, volumes, path.child('containers'), containerNames));
  errs.push(...validateInitContainers(s.initContainers, volumes, path.child('initContainers'), containerNames));
  const restartPolicies = ['Always', 'OnFailure', 'Never'];
  if (!s.restartPolicy) errs.push(required(path.child('restartPolicy')));
  else if (!restartPolicies.includes(s.restartPolicy)) errs.push(notSupported(path.child('restartPolicy'), s.restartPolicy, restartPolicies));
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!s.dnsPolicy) errs.push(required(path.child('dnsPolicy')));
  else if (!dnsPolicies.includes(s.dnsPolicy)) errs.push(notSupported(path.child('dnsPolicy'), s.dnsPolicy, dnsPolicies));
  if (s.dnsPolicy === 'None' && !s.dnsConfig) errs.push(required(path.child('dnsConfig'), "must provide `dnsConfig` when `dnsPolicy` is None"));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  (s.imagePullSecrets ?? []).forEach((ref: any, i: number) => {
    if (!ref.name) errs.push(required(path.child('imagePullSecrets').index(i).child('name')));
  });
  if (s.serviceAccountName) {
    for (const msg of isDNS1123Subdomain(s.serviceAccountName)) errs.push(invalid(path.child('serviceAccountName'), s.serviceAccountName, msg));
  }
  if (s.nodeName) {
    for (const msg of isDNS1123Subdomain(s.nodeName)) errs.push(invalid(path.child('nodeName'), s.nodeName, msg));
  }
  if (s.activeDeadlineSeconds != null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  if (s.tolerations?.length) errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  if (s.priorityClassName) {
    for (const msg of isDNS1123Subdomain(s.priorityClassName)) errs.push(invalid(path.child('priorityClassName'), s.priorityClassName, msg));
  }
  if (s.preemptionPolicy != null && !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) {
    errs.push(notSupported(path.child('preemptionPolicy'), s.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: a template's labels are reported at `<path>.labels`, as upstream does. */
export function validatePodTemplateSpec(t: any, path: Path): FieldError[] {
  const tmpl = t ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(tmpl.metadata?.labels, path.child('labels')));
  errs.push(...validateAnnotations(tmpl.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(tmpl.spec, path.child('spec')));
  if (tmpl.spec?.ephemeralContainers?.length) {
    errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------------------------
// Pod

export function validatePod(pod: any): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, Path.root('spec')));
  if (pod.spec?.ephemeralContainers?.length) errs.push(forbidden(Path.root('spec', 'ephemeralContainers'), 'cannot be set on create'));
  errs.push(...checkHostPortConflicts(pod.spec?.containers, Path.root('spec', 'containers')));
  return errs;
}

function checkHostPortConflicts(containers: any[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port: any, j: number) => {
      if (!port.hostPort) return;
      const key = `${port.hostIP ?? ''}/${port.hostPort}/${port.protocol}`;
      if (seen.has(key)) errs.push(duplicate(path.index(i).child('ports').index(j).child('hostPort'), key));
      seen.add(key);
    });
  });
  return errs;
}

const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

/** A short cmp.Diff-like rendering of the changed PodSpec fields (upstream prints a full go-cmp diff). */
function podSpecDiff(oldSpec: any, newSpec: any): string {
  const keys = [...new Set([...Object.keys(oldSpec ?? {}), ...Object.keys(newSpec ?? {})])].sort();
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (deepEqual(oldSpec?.[k], newSpec?.[k])) continue;
    const field = k.charAt(0).toUpperCase() + k.slice(1);
    if (oldSpec?.[k] !== undefined) lines.push(`- \t${field}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec?.[k] !== undefined) lines.push(`+ \t${field}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

function validateContainerUpdates(newC: any[] | undefined, oldC: any[] | undefined, path: Path): { errs: FieldError[]; stop: boolean } {
  if ((newC?.length ?? 0) !== (oldC?.length ?? 0)) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  (newC ?? []).forEach((c, i) => {
    if (!c.image) errs.push(required(path.index(i).child('image')));
    if (c.image && c.image.trim() !== c.image) errs.push(invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newT: any[] | undefined, oldT: any[] | undefined, path: Path): FieldError[] {
  for (const old of oldT ?? []) {
    const found = (newT ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

export function validatePodUpdate(pod: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodSpec(pod.spec, Path.root('spec')));
  const specPath = Path.root('spec');
  const spec = pod.spec ?? {};
  const oldSpec = old.spec ?? {};
  for (const key of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(spec[key], oldSpec[key], specPath.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  if (spec.activeDeadlineSeconds != null) {
    if (spec.activeDeadlineSeconds < 0 || spec.activeDeadlineSeconds > MAX_INT32) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < spec.activeDeadlineSeconds) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), spec.activeDeadlineSeconds, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  if (deepEqual(spec, oldSpec)) return errs;
  // Blank out what may change, then anything still different is forbidden.
  const munged = structuredClone(spec);
  munged.containers?.forEach((c: any, i: number) => (c.image = oldSpec.containers[i].image));
  munged.initContainers?.forEach((c: any, i: number) => (c.image = oldSpec.initContainers[i].image));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  munged.schedulingGates = oldSpec.schedulingGates;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------------------------
// Service

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function clusterIPsOf(svc: any): string[] {
  if (svc.spec?.clusterIPs?.length) return svc.spec.clusterIPs;
  return svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
}

const isHeadless = (svc: any) => {
  const ips = clusterIPsOf(svc);
  return svc.spec?.type === 'ClusterIP' && ips.length === 1 && ips[0] === 'None';
};

const externallyAccessible = (spec: any) =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);

function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

export function validateService(svc: any): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec = svc.spec ?? {};
  const specPath = Path.root('spec');
  const ports: any[] = spec.ports ?? [];
  const headless = isHeadless(svc);
  const ips = clusterIPsOf(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports')));
  if (spec.type === 'LoadBalancer' && ips[0] === 'None') {
    errs.push(invalid(specPath.child('clusterIPs').index(0), 'None', "may not be set to 'None' for LoadBalancer services"));
  }
  if (spec.type === 'NodePort' && ips[0] === 'None') {
    errs.push(invalid(specPath.child('clusterIPs').index(0), 'None', "may not be set to 'None' for NodePort services"));
  }
  if (spec.type === 'ExternalName') {
    if (ips.length > 0) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
    else errs.push(required(specPath.child('externalName')));
  }
  const names = new Set<string>();
  ports.forEach((sp, i) => {
    const p = specPath.child('ports').index(i);
    if (ports.length > 1 && !sp.name) errs.push(required(p.child('name')));
    else if (sp.name) {
      errs.push(...validateDNS1123Label(sp.name, p.child('name')));
      if (names.has(sp.name)) errs.push(duplicate(p.child('name'), sp.name));
      else names.add(sp.name);
    }
    for (const msg of isValidPortNum(sp.port ?? 0)) errs.push(invalid(p.child('port'), sp.port ?? 0, msg));
    if (!sp.protocol) errs.push(required(p.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(p.child('protocol'), sp.protocol, PORT_PROTOCOLS));
    errs.push(...validatePortNumOrName(sp.targetPort, p.child('targetPort')));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));
  if (!spec.sessionAffinity) errs.push(required(specPath.child('sessionAffinity')));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported(specPath.child('sessionAffinity'), spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const tp = specPath.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    if (t == null) errs.push(required(tp));
    else if (t <= 0 || t > 86400) errs.push(invalid(tp, t, 'must be greater than 0 and less than 86400'));
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  ips.forEach((ip, i) => {
    const p = specPath.child('clusterIPs').index(i);
    if (ip === 'None') {
      if (i !== 0 || ips.length > 1) errs.push(invalid(p, ip, "'None' must be the first and only value"));
    } else if (ip && !isIPv4(ip) && !ip.includes(':')) {
      errs.push(invalid(p, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIPv4(ip) && !ip.includes(':')) errs.push(invalid(specPath.child('externalIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!spec.type) errs.push(required(specPath.child('type')));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported(specPath.child('type'), spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((sp, i) => {
      if (sp.nodePort) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!sp.nodePort) return;
    const key = `${sp.protocol}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), sp.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((sp, i) => {
    const key = `${sp.protocol}/${sp.port}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child('ports').index(i), new GoText(goServicePortKey(sp.protocol, sp.port))));
    portKeys.add(key);
  });
  const trafficPolicies = ['Cluster', 'Local'];
  if (spec.externalTrafficPolicy && !trafficPolicies.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, trafficPolicies));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalid(specPath.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required(specPath.child('externalTrafficPolicy')));
  }
  if (spec.healthCheckNodePort && !(spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    errs.push(invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (spec.internalTrafficPolicy == null) {
    if (['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) errs.push(required(specPath.child('internalTrafficPolicy')));
  } else if (!trafficPolicies.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), spec.internalTrafficPolicy, trafficPolicies));
  }
  return errs;
}

export function validateServiceUpdate(svc: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  if (svc.spec?.type !== 'ExternalName' && old.spec?.type !== 'ExternalName') {
    const newIPs = clusterIPsOf(svc);
    const oldIPs = clusterIPsOf(old);
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
      errs.push(invalid(Path.root('spec', 'clusterIPs').index(0), newIPs, 'may not change once set'));
    }
  }
  const create = validateService(svc).filter((e) => !e.field.startsWith('metadata.'));
  return [...errs, ...create];
}

// ---------------------------------------------------------------------------------------------------------------
// Namespace, ConfigMap, Secret, ServiceAccount, Node, PV, PVC, Event

export function validateNamespace(ns: any): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  (ns.spec?.finalizers ?? []).forEach((f: string) => {
    const p = Path.root('spec', 'finalizers');
    for (const msg of isQualifiedName(f)) errs.push(invalid(p, f, msg));
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f)) {
      errs.push(invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateDataKeys(data: Record<string, string> | undefined, path: Path): { errs: FieldError[]; size: number } {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(path.key(key), key, msg));
    size += String(value).length;
  }
  return { errs, size };
}

export function validateConfigMap(cm: any): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = validateDataKeys(cm.data, Path.root('data'));
  errs.push(...data.errs);
  for (const key of Object.keys(cm.data ?? {}).sort()) {
    if (cm.binaryData && key in cm.binaryData) errs.push(invalid(Path.root('data').key(key), key, 'duplicate of key present in binaryData'));
  }
  const bin = validateDataKeys(cm.binaryData, Path.root('binaryData'));
  errs.push(...bin.errs);
  // binaryData is base64 on the wire; its decoded size counts.
  const binSize = Object.values(cm.binaryData ?? {}).reduce<number>((n, v) => n + Math.floor((String(v).length * 3) / 4), 0);
  if (data.size + binSize > MAX_SECRET_SIZE) errs.push(tooLong(Path.root(''), MAX_SECRET_SIZE));
  return errs;
}

function validateImmutableData(obj: any, old: any, keys: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden(Path.root('immutable'), 'field is immutable when `immutable` is set'));
  for (const k of keys) {
    if (!deepEqual(obj[k] ?? {}, old[k] ?? {})) errs.push(forbidden(Path.root(k), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateConfigMapUpdate(cm: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata), ...validateImmutableData(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm).filter((e) => !e.field.startsWith('metadata.'))];
}

export function validateSecret(secret: any): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = Path.root('data');
  const data = secret.data ?? {};
  const { errs: keyErrs } = validateDataKeys(data, dataPath);
  errs.push(...keyErrs);
  const size = Object.values(data).reduce<number>((n, v) => n + Math.floor((String(v).length * 3) / 4), 0);
  if (size > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, MAX_SECRET_SIZE));
  const has = (k: string) => k in data;
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(Path.root('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required(dataPath.key('.dockercfg')));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required(dataPath.key('.dockerconfigjson')));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required(dataPath.key('username')), required(dataPath.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key')));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  errs.push(...validateImmutable(secret.type ?? '', old.type ?? '', Path.root('type')));
  errs.push(...validateImmutableData(secret, old, ['data']));
  errs.push(...validateSecret(secret).filter((e) => !e.field.startsWith('metadata.')));
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

export function validatePVCSpec(spec: any, path: Path): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const modes: string[] = s.accessModes ?? [];
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  if (s.selector) errs.push(...validateLabelSelector(s.selector, path.child('selector')));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path.child('accessModes'), m, ACCESS_MODES));
  const storagePath = path.child('resources').key('storage');
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(storagePath));
  else {
    const q = parseQuantity(String(storage));
    if (q && q.num <= 0n) errs.push(invalid(storagePath, formatQuantity(q), 'must be greater than zero'));
  }
  if (s.storageClassName) {
    for (const msg of isDNS1123Subdomain(s.storageClassName)) errs.push(invalid(path.child('storageClassName'), s.storageClassName, msg));
  }
  if (s.volumeMode != null && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(path.child('volumeMode'), s.volumeMode, VOLUME_MODES));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: any): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain), ...validatePVCSpec(pvc.spec, Path.root('spec'))];
}

export function validatePersistentVolumeClaimUpdate(pvc: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  errs.push(...validatePVCSpec(pvc.spec, Path.root('spec')));
  const strip = (spec: any) => ({ ...spec, resources: { ...(spec?.resources ?? {}), requests: undefined }, volumeName: undefined });
  const bound = !!old.spec?.volumeName;
  if (!deepEqual(strip(pvc.spec), strip(old.spec)) || (!bound && !deepEqual(pvc.spec?.resources, old.spec?.resources))) {
    // A claim may only grow its storage request once bound; changing the volumeName of an unbound claim is allowed.
    const onlyVolumeName = !old.spec?.volumeName && deepEqual({ ...pvc.spec, volumeName: undefined }, { ...old.spec, volumeName: undefined });
    if (!onlyVolumeName) errs.push(forbidden(Path.root('spec'), 'spec is immutable after creation except resources.requests for bound claims'));
  } else if (bound) {
    const n = parseQuantity(String(pvc.spec?.resources?.requests?.storage ?? '0'));
    const o = parseQuantity(String(old.spec?.resources?.requests?.storage ?? '0'));
    if (n && o && compareQuantities(n, o) < 0) {
      errs.push(forbidden(Path.root('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
    }
  }
  return errs;
}

export function validatePersistentVolume(pv: any): FieldError[] {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain);
  const spec = pv.spec ?? {};
  const path = Path.root('spec');
  const modes: string[] = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(required(path.child('accessModes')));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path.child('accessModes'), m, ACCESS_MODES));
  if (!spec.capacity || Object.keys(spec.capacity).length === 0) errs.push(required(path.child('capacity')));
  else if (spec.capacity.storage === undefined || Object.keys(spec.capacity).length > 1) {
    errs.push(notSupported(path.child('capacity'), new GoText(goStringMap(spec.capacity)), ['storage']));
  }
  const reclaim = ['Delete', 'Recycle', 'Retain'];
  if (spec.persistentVolumeReclaimPolicy && !reclaim.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported(path.child('persistentVolumeReclaimPolicy'), spec.persistentVolumeReclaimPolicy, reclaim));
  }
  const sources = VOLUME_SOURCES.filter((k) => spec[k] != null).concat(spec.local ? ['local'] : []);
  if (sources.length === 0) errs.push(required(path, 'must specify a volume type'));
  for (const extra of sources.slice(1)) errs.push(forbidden(path.child(extra), 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required(path.child('hostPath', 'path')));
  return errs;
}

export function validateNode(node: any): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const taints: any[] = node.spec?.taints ?? [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const p = Path.root('spec', 'taints').index(i);
    for (const msg of isQualifiedName(t.key ?? '')) errs.push(invalid(p.child('key'), t.key ?? '', msg));
    if (t.value) for (const msg of isValidLabelValue(t.value)) errs.push(invalid(p.child('value'), t.value, msg));
    errs.push(...validateTaintEffect(t.effect ?? '', p.child('effect')));
    const key = `${t.key}:${t.effect}`;
    if (seen.has(key)) errs.push(duplicate(p, new GoText(`core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:<nil>}`)));
    seen.add(key);
  });
  return errs;
}

export function validateServiceAccount(sa: any): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
}

export function validateEvent(ev: any): FieldError[] {
  const errs = validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain);
  const involvedNs = ev.involvedObject?.namespace;
  if (involvedNs && ev.metadata?.namespace && involvedNs !== ev.metadata.namespace) {
    errs.push(invalid(Path.root('involvedObject', 'namespace'), involvedNs, 'does not match event.namespace'));
  }
  return errs;
}

