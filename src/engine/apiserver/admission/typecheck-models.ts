/**
 * The precompiled (ajv, no eval, CSP-safe) JSON-schema validators of `kubernetes-models` for every built-in kind the
 * registry serves, imported statically so bundlers include exactly these.
 *
 * kubernetes-models 4.5.1 carries the Kubernetes 1.33 schemas. The differences from 1.32 that could matter here are
 * new optional fields only (e.g. Container.lifecycle.stopSignal, HPA behavior tolerance, PodSpec.resources going
 * beta): a 1.32 decoder drops such unknown fields instead of type-checking them, so a wrongly-typed value in one
 * of them is rejected here but ignored by 1.32. No field changed type between the two releases.
 */
import { Binding as Corev1Binding } from 'kubernetes-models/v1/Binding';
import { ComponentStatus as Corev1ComponentStatus } from 'kubernetes-models/v1/ComponentStatus';
import { ConfigMap as Corev1ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints as Corev1Endpoints } from 'kubernetes-models/v1/Endpoints';
import { Event as Corev1Event } from 'kubernetes-models/v1/Event';
import { LimitRange as Corev1LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace as Corev1Namespace } from 'kubernetes-models/v1/Namespace';
import { Node as Corev1Node } from 'kubernetes-models/v1/Node';
import { PersistentVolumeClaim as Corev1PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { PersistentVolume as Corev1PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { Pod as Corev1Pod } from 'kubernetes-models/v1/Pod';
import { PodTemplate as Corev1PodTemplate } from 'kubernetes-models/v1/PodTemplate';
import { ReplicationController as Corev1ReplicationController } from 'kubernetes-models/v1/ReplicationController';
import { ResourceQuota as Corev1ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret as Corev1Secret } from 'kubernetes-models/v1/Secret';
import { ServiceAccount as Corev1ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Service as Corev1Service } from 'kubernetes-models/v1/Service';
import { MutatingWebhookConfiguration as Admissionregistrationv1MutatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration';
import { ValidatingAdmissionPolicy as Admissionregistrationv1ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import { ValidatingAdmissionPolicyBinding as Admissionregistrationv1ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { ValidatingWebhookConfiguration as Admissionregistrationv1ValidatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration';
import { CustomResourceDefinition as Apiextensionsv1CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { APIService as Apiregistrationv1APIService } from 'kubernetes-models/apiregistration.k8s.io/v1/APIService';
import { ControllerRevision as Appsv1ControllerRevision } from 'kubernetes-models/apps/v1/ControllerRevision';
import { DaemonSet as Appsv1DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment as Appsv1Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet as Appsv1ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet as Appsv1StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { SelfSubjectReview as Authenticationv1SelfSubjectReview } from 'kubernetes-models/authentication.k8s.io/v1/SelfSubjectReview';
import { TokenReview as Authenticationv1TokenReview } from 'kubernetes-models/authentication.k8s.io/v1/TokenReview';
import { LocalSubjectAccessReview as Authorizationv1LocalSubjectAccessReview } from 'kubernetes-models/authorization.k8s.io/v1/LocalSubjectAccessReview';
import { SelfSubjectAccessReview as Authorizationv1SelfSubjectAccessReview } from 'kubernetes-models/authorization.k8s.io/v1/SelfSubjectAccessReview';
import { SelfSubjectRulesReview as Authorizationv1SelfSubjectRulesReview } from 'kubernetes-models/authorization.k8s.io/v1/SelfSubjectRulesReview';
import { SubjectAccessReview as Authorizationv1SubjectAccessReview } from 'kubernetes-models/authorization.k8s.io/v1/SubjectAccessReview';
import { HorizontalPodAutoscaler as Autoscalingv1HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler';
import { HorizontalPodAutoscaler as Autoscalingv2HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob as Batchv1CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job as Batchv1Job } from 'kubernetes-models/batch/v1/Job';
import { CertificateSigningRequest as Certificatesv1CertificateSigningRequest } from 'kubernetes-models/certificates.k8s.io/v1/CertificateSigningRequest';
import { Lease as Coordinationv1Lease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { EndpointSlice as Discoveryv1EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Event as Eventsv1Event } from 'kubernetes-models/events.k8s.io/v1/Event';
import { FlowSchema as Flowcontrolv1FlowSchema } from 'kubernetes-models/flowcontrol.apiserver.k8s.io/v1/FlowSchema';
import { PriorityLevelConfiguration as Flowcontrolv1PriorityLevelConfiguration } from 'kubernetes-models/flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration';
import { IngressClass as Networkingv1IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { Ingress as Networkingv1Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy as Networkingv1NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { RuntimeClass as Nodev1RuntimeClass } from 'kubernetes-models/node.k8s.io/v1/RuntimeClass';
import { PodDisruptionBudget as Policyv1PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRoleBinding as Rbacv1ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { ClusterRole as Rbacv1ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { RoleBinding as Rbacv1RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Role as Rbacv1Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { PriorityClass as Schedulingv1PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { CSIDriver as Storagev1CSIDriver } from 'kubernetes-models/storage.k8s.io/v1/CSIDriver';
import { CSINode as Storagev1CSINode } from 'kubernetes-models/storage.k8s.io/v1/CSINode';
import { CSIStorageCapacity as Storagev1CSIStorageCapacity } from 'kubernetes-models/storage.k8s.io/v1/CSIStorageCapacity';
import { StorageClass as Storagev1StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { VolumeAttachment as Storagev1VolumeAttachment } from 'kubernetes-models/storage.k8s.io/v1/VolumeAttachment';

/** Something with the kubernetes-models Model interface: construct with data, `validate()` throws on errors. */
export type ModelClass = new (data?: never) => { validate(): void };

/** `group/version/Kind` (core: `v1/Kind`) → model class. */
export const MODELS: Record<string, ModelClass> = {
  'v1/Binding': Corev1Binding,
  'v1/ComponentStatus': Corev1ComponentStatus,
  'v1/ConfigMap': Corev1ConfigMap,
  'v1/Endpoints': Corev1Endpoints,
  'v1/Event': Corev1Event,
  'v1/LimitRange': Corev1LimitRange,
  'v1/Namespace': Corev1Namespace,
  'v1/Node': Corev1Node,
  'v1/PersistentVolumeClaim': Corev1PersistentVolumeClaim,
  'v1/PersistentVolume': Corev1PersistentVolume,
  'v1/Pod': Corev1Pod,
  'v1/PodTemplate': Corev1PodTemplate,
  'v1/ReplicationController': Corev1ReplicationController,
  'v1/ResourceQuota': Corev1ResourceQuota,
  'v1/Secret': Corev1Secret,
  'v1/ServiceAccount': Corev1ServiceAccount,
  'v1/Service': Corev1Service,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': Admissionregistrationv1MutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': Admissionregistrationv1ValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': Admissionregistrationv1ValidatingAdmissionPolicyBinding,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': Admissionregistrationv1ValidatingWebhookConfiguration,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': Apiextensionsv1CustomResourceDefinition,
  'apiregistration.k8s.io/v1/APIService': Apiregistrationv1APIService,
  'apps/v1/ControllerRevision': Appsv1ControllerRevision,
  'apps/v1/DaemonSet': Appsv1DaemonSet,
  'apps/v1/Deployment': Appsv1Deployment,
  'apps/v1/ReplicaSet': Appsv1ReplicaSet,
  'apps/v1/StatefulSet': Appsv1StatefulSet,
  'authentication.k8s.io/v1/SelfSubjectReview': Authenticationv1SelfSubjectReview,
  'authentication.k8s.io/v1/TokenReview': Authenticationv1TokenReview,
  'authorization.k8s.io/v1/LocalSubjectAccessReview': Authorizationv1LocalSubjectAccessReview,
  'authorization.k8s.io/v1/SelfSubjectAccessReview': Authorizationv1SelfSubjectAccessReview,
  'authorization.k8s.io/v1/SelfSubjectRulesReview': Authorizationv1SelfSubjectRulesReview,
  'authorization.k8s.io/v1/SubjectAccessReview': Authorizationv1SubjectAccessReview,
  'autoscaling/v1/HorizontalPodAutoscaler': Autoscalingv1HorizontalPodAutoscaler,
  'autoscaling/v2/HorizontalPodAutoscaler': Autoscalingv2HorizontalPodAutoscaler,
  'batch/v1/CronJob': Batchv1CronJob,
  'batch/v1/Job': Batchv1Job,
  'certificates.k8s.io/v1/CertificateSigningRequest': Certificatesv1CertificateSigningRequest,
  'coordination.k8s.io/v1/Lease': Coordinationv1Lease,
  'discovery.k8s.io/v1/EndpointSlice': Discoveryv1EndpointSlice,
  'events.k8s.io/v1/Event': Eventsv1Event,
  'flowcontrol.apiserver.k8s.io/v1/FlowSchema': Flowcontrolv1FlowSchema,
  'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration': Flowcontrolv1PriorityLevelConfiguration,
  'networking.k8s.io/v1/IngressClass': Networkingv1IngressClass,
  'networking.k8s.io/v1/Ingress': Networkingv1Ingress,
  'networking.k8s.io/v1/NetworkPolicy': Networkingv1NetworkPolicy,
  'node.k8s.io/v1/RuntimeClass': Nodev1RuntimeClass,
  'policy/v1/PodDisruptionBudget': Policyv1PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': Rbacv1ClusterRoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRole': Rbacv1ClusterRole,
  'rbac.authorization.k8s.io/v1/RoleBinding': Rbacv1RoleBinding,
  'rbac.authorization.k8s.io/v1/Role': Rbacv1Role,
  'scheduling.k8s.io/v1/PriorityClass': Schedulingv1PriorityClass,
  'storage.k8s.io/v1/CSIDriver': Storagev1CSIDriver,
  'storage.k8s.io/v1/CSINode': Storagev1CSINode,
  'storage.k8s.io/v1/CSIStorageCapacity': Storagev1CSIStorageCapacity,
  'storage.k8s.io/v1/StorageClass': Storagev1StorageClass,
  'storage.k8s.io/v1/VolumeAttachment': Storagev1VolumeAttachment,
};
