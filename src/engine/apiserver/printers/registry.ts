/**
 * Which printer renders which resource, keyed by API group and plural resource name — the printers the 1.32
 * apiserver's REST storages install (pkg/printers/internalversion), plus kube-aggregator's for apiservices.
 * Resources missing here get the default NAME / CREATED AT table, as upstream.
 */
import { apiServicePrinter } from './apiregistration';
import {
  mutatingAdmissionPolicyBindingPrinter,
  mutatingAdmissionPolicyPrinter,
  mutatingWebhookConfigurationPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  validatingWebhookConfigurationPrinter,
} from './admissionregistration';
import { storageVersionMigrationPrinter, storageVersionPrinter } from './apiserverinternal';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './apps';
import { horizontalPodAutoscalerPrinter } from './autoscaling';
import { cronJobPrinter, jobPrinter } from './batch';
import { certificateSigningRequestPrinter, clusterTrustBundlePrinter } from './certificates';
import { leaseCandidatePrinter, leasePrinter } from './coordination';
import {
  componentStatusPrinter,
  configMapPrinter,
  endpointsPrinter,
  namespacePrinter,
  nodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  podTemplatePrinter,
  replicationControllerPrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core';
import { endpointSlicePrinter } from './discovery';
import { eventPrinter } from './events';
import { flowSchemaPrinter, priorityLevelConfigurationPrinter } from './flowcontrol';
import { ingressClassPrinter, ingressPrinter, ipAddressPrinter, networkPolicyPrinter, serviceCIDRPrinter } from './networking';
import { runtimeClassPrinter } from './node';
import { podPrinter } from './pod';
import { podDisruptionBudgetPrinter } from './policy';
import { deviceClassPrinter, resourceClaimPrinter, resourceClaimTemplatePrinter, resourceSlicePrinter } from './resource';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac';
import { priorityClassPrinter } from './scheduling';
import {
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
  volumeAttributesClassPrinter,
} from './storage';
import type { Printer } from './types';
import { faultPrinter } from '../../faults/fault-printer';

const PRINTERS: Record<string, Record<string, Printer>> = {
  '': {
    pods: podPrinter,
    podtemplates: podTemplatePrinter,
    replicationcontrollers: replicationControllerPrinter,
    services: servicePrinter,
    endpoints: endpointsPrinter,
    nodes: nodePrinter,
    events: eventPrinter,
    namespaces: namespacePrinter,
    secrets: secretPrinter,
    serviceaccounts: serviceAccountPrinter,
    persistentvolumes: persistentVolumePrinter,
    persistentvolumeclaims: persistentVolumeClaimPrinter,
    componentstatuses: componentStatusPrinter,
    configmaps: configMapPrinter,
    resourcequotas: resourceQuotaPrinter,
  },
  apps: {
    replicasets: replicaSetPrinter,
    deployments: deploymentPrinter,
    statefulsets: statefulSetPrinter,
    daemonsets: daemonSetPrinter,
    controllerrevisions: controllerRevisionPrinter,
  },
  batch: { jobs: jobPrinter, cronjobs: cronJobPrinter },
  autoscaling: { horizontalpodautoscalers: horizontalPodAutoscalerPrinter },
  policy: { poddisruptionbudgets: podDisruptionBudgetPrinter },
  'events.k8s.io': { events: eventPrinter },
  'networking.k8s.io': {
    ingresses: ingressPrinter,
    ingressclasses: ingressClassPrinter,
    networkpolicies: networkPolicyPrinter,
    servicecidrs: serviceCIDRPrinter,
    ipaddresses: ipAddressPrinter,
  },
  'discovery.k8s.io': { endpointslices: endpointSlicePrinter },
  'storage.k8s.io': {
    storageclasses: storageClassPrinter,
    volumeattributesclasses: volumeAttributesClassPrinter,
    volumeattachments: volumeAttachmentPrinter,
    csinodes: csiNodePrinter,
    csidrivers: csiDriverPrinter,
    csistoragecapacities: csiStorageCapacityPrinter,
  },
  'rbac.authorization.k8s.io': { rolebindings: roleBindingPrinter, clusterrolebindings: clusterRoleBindingPrinter },
  'certificates.k8s.io': { certificatesigningrequests: certificateSigningRequestPrinter, clustertrustbundles: clusterTrustBundlePrinter },
  'coordination.k8s.io': { leases: leasePrinter, leasecandidates: leaseCandidatePrinter },
  'scheduling.k8s.io': { priorityclasses: priorityClassPrinter },
  'node.k8s.io': { runtimeclasses: runtimeClassPrinter },
  'flowcontrol.apiserver.k8s.io': { flowschemas: flowSchemaPrinter, prioritylevelconfigurations: priorityLevelConfigurationPrinter },
  'admissionregistration.k8s.io': {
    mutatingwebhookconfigurations: mutatingWebhookConfigurationPrinter,
    validatingwebhookconfigurations: validatingWebhookConfigurationPrinter,
    validatingadmissionpolicies: validatingAdmissionPolicyPrinter,
    validatingadmissionpolicybindings: validatingAdmissionPolicyBindingPrinter,
    mutatingadmissionpolicies: mutatingAdmissionPolicyPrinter,
    mutatingadmissionpolicybindings: mutatingAdmissionPolicyBindingPrinter,
  },
  'resource.k8s.io': {
    deviceclasses: deviceClassPrinter,
    resourceclaims: resourceClaimPrinter,
    resourceclaimtemplates: resourceClaimTemplatePrinter,
    resourceslices: resourceSlicePrinter,
  },
  'internal.apiserver.k8s.io': { storageversions: storageVersionPrinter },
  'storagemigration.k8s.io': { storageversionmigrations: storageVersionMigrationPrinter },
  'apiregistration.k8s.io': { apiservices: apiServicePrinter },
  // Pilothouse's own aggregated API.
  'pilothouse.dev': { faults: faultPrinter },
};

/** The printer upstream installs for a resource, if any. */
export function printerFor(group: string, resource: string): Printer | undefined {
  return Object.hasOwn(PRINTERS, group) && Object.hasOwn(PRINTERS[group], resource) ? PRINTERS[group][resource] : undefined;
}
