/**
 * The Go types behind the JSON of the most used kinds, so a type mismatch can be reported the way encoding/json
 * reports it (`... Go struct field DeploymentSpec.spec.replicas of type int32`). Each struct lists its fields as
 * `jsonName=Type`, where Type is a Go type as reflect prints it; `v1.X` names a struct described here (all of
 * core/v1, apps/v1, batch/v1 and meta/v1 are package `v1`). Fields not listed fall back to the JSON type.
 */

const TABLE = `
ObjectMeta: name=string generateName=string namespace=string uid=types.UID resourceVersion=string generation=int64 labels=map[string]string annotations=map[string]string finalizers=[]string ownerReferences=[]v1.OwnerReference deletionGracePeriodSeconds=int64 creationTimestamp=v1.Time
OwnerReference: apiVersion=string kind=string name=string uid=types.UID controller=bool blockOwnerDeletion=bool
LabelSelector: matchLabels=map[string]string matchExpressions=[]v1.LabelSelectorRequirement
LabelSelectorRequirement: key=string operator=v1.LabelSelectorOperator values=[]string
Pod: metadata=v1.ObjectMeta spec=v1.PodSpec status=v1.PodStatus
PodTemplate: metadata=v1.ObjectMeta template=v1.PodTemplateSpec
PodTemplateSpec: metadata=v1.ObjectMeta spec=v1.PodSpec
PodSpec: volumes=[]v1.Volume initContainers=[]v1.Container containers=[]v1.Container ephemeralContainers=[]v1.EphemeralContainer restartPolicy=v1.RestartPolicy terminationGracePeriodSeconds=int64 activeDeadlineSeconds=int64 dnsPolicy=v1.DNSPolicy nodeSelector=map[string]string serviceAccountName=string serviceAccount=string automountServiceAccountToken=bool nodeName=string hostNetwork=bool hostPID=bool hostIPC=bool shareProcessNamespace=bool securityContext=v1.PodSecurityContext imagePullSecrets=[]v1.LocalObjectReference hostname=string subdomain=string affinity=v1.Affinity schedulerName=string tolerations=[]v1.Toleration priorityClassName=string priority=int32 preemptionPolicy=v1.PreemptionPolicy runtimeClassName=string enableServiceLinks=bool
Container: name=string image=string command=[]string args=[]string workingDir=string ports=[]v1.ContainerPort envFrom=[]v1.EnvFromSource env=[]v1.EnvVar resources=v1.ResourceRequirements restartPolicy=v1.ContainerRestartPolicy volumeMounts=[]v1.VolumeMount livenessProbe=v1.Probe readinessProbe=v1.Probe startupProbe=v1.Probe lifecycle=v1.Lifecycle terminationMessagePath=string terminationMessagePolicy=v1.TerminationMessagePolicy imagePullPolicy=v1.PullPolicy securityContext=v1.SecurityContext stdin=bool stdinOnce=bool tty=bool
EphemeralContainer: name=string image=string command=[]string args=[]string targetContainerName=string
ContainerPort: name=string hostPort=int32 containerPort=int32 protocol=v1.Protocol hostIP=string
EnvVar: name=string value=string valueFrom=v1.EnvVarSource
EnvVarSource: fieldRef=v1.ObjectFieldSelector resourceFieldRef=v1.ResourceFieldSelector configMapKeyRef=v1.ConfigMapKeySelector secretKeyRef=v1.SecretKeySelector
ObjectFieldSelector: apiVersion=string fieldPath=string
ConfigMapKeySelector: name=string key=string optional=bool
SecretKeySelector: name=string key=string optional=bool
EnvFromSource: prefix=string configMapRef=v1.ConfigMapEnvSource secretRef=v1.SecretEnvSource
ResourceRequirements: limits=v1.ResourceList requests=v1.ResourceList
VolumeMount: name=string readOnly=bool mountPath=string subPath=string mountPropagation=v1.MountPropagationMode subPathExpr=string
Probe: exec=v1.ExecAction httpGet=v1.HTTPGetAction tcpSocket=v1.TCPSocketAction grpc=v1.GRPCAction initialDelaySeconds=int32 timeoutSeconds=int32 periodSeconds=int32 successThreshold=int32 failureThreshold=int32 terminationGracePeriodSeconds=int64
Lifecycle: postStart=v1.LifecycleHandler preStop=v1.LifecycleHandler
TCPSocketAction: port=intstr.IntOrString host=string
LifecycleHandler: exec=v1.ExecAction httpGet=v1.HTTPGetAction tcpSocket=v1.TCPSocketAction sleep=v1.SleepAction
SleepAction: seconds=int64
ExecAction: command=[]string
HTTPGetAction: path=string port=intstr.IntOrString host=string scheme=v1.URIScheme httpHeaders=[]v1.HTTPHeader
GRPCAction: port=int32 service=string
SecurityContext: privileged=bool runAsUser=int64 runAsGroup=int64 runAsNonRoot=bool readOnlyRootFilesystem=bool allowPrivilegeEscalation=bool
PodSecurityContext: runAsUser=int64 runAsGroup=int64 runAsNonRoot=bool fsGroup=int64 supplementalGroups=[]int64
Toleration: key=string operator=v1.TolerationOperator value=string effect=v1.TaintEffect tolerationSeconds=int64
Volume: name=string hostPath=v1.HostPathVolumeSource emptyDir=v1.EmptyDirVolumeSource secret=v1.SecretVolumeSource persistentVolumeClaim=v1.PersistentVolumeClaimVolumeSource configMap=v1.ConfigMapVolumeSource projected=v1.ProjectedVolumeSource downwardAPI=v1.DownwardAPIVolumeSource
HostPathVolumeSource: path=string type=v1.HostPathType
EmptyDirVolumeSource: medium=v1.StorageMedium
SecretVolumeSource: secretName=string items=[]v1.KeyToPath defaultMode=int32 optional=bool
ConfigMapVolumeSource: name=string items=[]v1.KeyToPath defaultMode=int32 optional=bool
KeyToPath: key=string path=string mode=int32
PersistentVolumeClaimVolumeSource: claimName=string readOnly=bool
Deployment: metadata=v1.ObjectMeta spec=v1.DeploymentSpec status=v1.DeploymentStatus
DeploymentSpec: replicas=int32 selector=v1.LabelSelector template=v1.PodTemplateSpec strategy=v1.DeploymentStrategy minReadySeconds=int32 revisionHistoryLimit=int32 paused=bool progressDeadlineSeconds=int32
DeploymentStrategy: type=v1.DeploymentStrategyType rollingUpdate=v1.RollingUpdateDeployment
RollingUpdateDeployment: maxUnavailable=intstr.IntOrString maxSurge=intstr.IntOrString
ReplicaSet: metadata=v1.ObjectMeta spec=v1.ReplicaSetSpec status=v1.ReplicaSetStatus
ReplicaSetSpec: replicas=int32 minReadySeconds=int32 selector=v1.LabelSelector template=v1.PodTemplateSpec
DaemonSet: metadata=v1.ObjectMeta spec=v1.DaemonSetSpec status=v1.DaemonSetStatus
DaemonSetSpec: selector=v1.LabelSelector template=v1.PodTemplateSpec updateStrategy=v1.DaemonSetUpdateStrategy minReadySeconds=int32 revisionHistoryLimit=int32
DaemonSetUpdateStrategy: type=v1.DaemonSetUpdateStrategyType rollingUpdate=v1.RollingUpdateDaemonSet
RollingUpdateDaemonSet: maxUnavailable=intstr.IntOrString maxSurge=intstr.IntOrString
StatefulSet: metadata=v1.ObjectMeta spec=v1.StatefulSetSpec status=v1.StatefulSetStatus
StatefulSetSpec: replicas=int32 selector=v1.LabelSelector template=v1.PodTemplateSpec volumeClaimTemplates=[]v1.PersistentVolumeClaim serviceName=string podManagementPolicy=v1.PodManagementPolicyType updateStrategy=v1.StatefulSetUpdateStrategy revisionHistoryLimit=int32 minReadySeconds=int32
StatefulSetUpdateStrategy: type=v1.StatefulSetUpdateStrategyType rollingUpdate=v1.RollingUpdateStatefulSetStrategy
RollingUpdateStatefulSetStrategy: partition=int32 maxUnavailable=intstr.IntOrString
Job: metadata=v1.ObjectMeta spec=v1.JobSpec status=v1.JobStatus
JobSpec: parallelism=int32 completions=int32 activeDeadlineSeconds=int64 backoffLimit=int32 backoffLimitPerIndex=int32 maxFailedIndexes=int32 selector=v1.LabelSelector manualSelector=bool template=v1.PodTemplateSpec ttlSecondsAfterFinished=int32 completionMode=v1.CompletionMode suspend=bool podReplacementPolicy=v1.PodReplacementPolicy
CronJob: metadata=v1.ObjectMeta spec=v1.CronJobSpec status=v1.CronJobStatus
CronJobSpec: schedule=string timeZone=string startingDeadlineSeconds=int64 concurrencyPolicy=v1.ConcurrencyPolicy suspend=bool jobTemplate=v1.JobTemplateSpec successfulJobsHistoryLimit=int32 failedJobsHistoryLimit=int32
JobTemplateSpec: metadata=v1.ObjectMeta spec=v1.JobSpec
Service: metadata=v1.ObjectMeta spec=v1.ServiceSpec status=v1.ServiceStatus
ServiceSpec: ports=[]v1.ServicePort selector=map[string]string clusterIP=string clusterIPs=[]string type=v1.ServiceType externalIPs=[]string sessionAffinity=v1.ServiceAffinity loadBalancerIP=string externalName=string externalTrafficPolicy=v1.ServiceExternalTrafficPolicy healthCheckNodePort=int32 publishNotReadyAddresses=bool ipFamilies=[]v1.IPFamily ipFamilyPolicy=v1.IPFamilyPolicy allocateLoadBalancerNodePorts=bool internalTrafficPolicy=v1.ServiceInternalTrafficPolicy
ServicePort: name=string protocol=v1.Protocol appProtocol=string port=int32 targetPort=intstr.IntOrString nodePort=int32
Namespace: metadata=v1.ObjectMeta spec=v1.NamespaceSpec status=v1.NamespaceStatus
NamespaceSpec: finalizers=[]v1.FinalizerName
ConfigMap: metadata=v1.ObjectMeta immutable=bool data=map[string]string binaryData=map[string][]uint8
Secret: metadata=v1.ObjectMeta immutable=bool data=map[string][]uint8 stringData=map[string]string type=v1.SecretType
PersistentVolumeClaim: metadata=v1.ObjectMeta spec=v1.PersistentVolumeClaimSpec status=v1.PersistentVolumeClaimStatus
PersistentVolumeClaimSpec: accessModes=[]v1.PersistentVolumeAccessMode selector=v1.LabelSelector resources=v1.VolumeResourceRequirements volumeName=string storageClassName=string volumeMode=v1.PersistentVolumeMode
VolumeResourceRequirements: limits=v1.ResourceList requests=v1.ResourceList
ServiceAccount: metadata=v1.ObjectMeta automountServiceAccountToken=bool
`;

/** A Go type as reflect prints it, e.g. `int32`, `[]v1.Container`, `map[string]string`, `v1.RestartPolicy`. */
export type GoType = string;

const STRUCTS = new Map<string, Map<string, GoType>>();
for (const line of TABLE.trim().split('\n')) {
  const [name, fields] = line.split(':', 2).map((s) => s.trim());
  STRUCTS.set(name, new Map(fields.split(/\s+/).map((f) => f.split('=') as [string, GoType])));
}

/** `v1.PodSpec` → `PodSpec` when it is a known struct. */
export function structName(t: GoType | undefined): string | undefined {
  const m = t ? /^v1\.(\w+)$/.exec(t) : null;
  return m && STRUCTS.has(m[1]) ? m[1] : undefined;
}

/** The Go type of a field of a known struct. */
export function fieldType(struct: string, field: string): GoType | undefined {
  return STRUCTS.get(struct)?.get(field);
}

/** The element type of a slice or map type, or undefined for anything else. */
export function elementType(t: GoType): GoType | undefined {
  if (t.startsWith('[]')) return t.slice(2);
  const m = /^map\[string\](.+)$/.exec(t);
  if (m) return m[1];
  if (t === 'v1.ResourceList') return 'resource.Quantity';
  return undefined;
}

export const hasStruct = (name: string) => STRUCTS.has(name);
