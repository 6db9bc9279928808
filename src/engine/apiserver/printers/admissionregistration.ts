/** Printers of the admissionregistration.k8s.io group. */
import type {
  MutatingWebhookConfiguration,
  ParamRef,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import { labelSelectorGoString } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const age = (obj: { metadata?: { creationTimestamp?: string } }, nowMs: number) => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: { metadata?: { name?: string } }) => obj.metadata?.name ?? '';

const webhooksColumn = column('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration');

export const mutatingWebhookConfigurationPrinter: Printer = {
  columns: [NAME_COLUMN, webhooksColumn, AGE_COLUMN],
  row: (obj: MutatingWebhookConfiguration, nowMs) => [nameOf(obj), (obj.webhooks ?? []).length, age(obj, nowMs)],
};

export const validatingWebhookConfigurationPrinter: Printer = {
  columns: [NAME_COLUMN, webhooksColumn, AGE_COLUMN],
  row: (obj: ValidatingWebhookConfiguration, nowMs) => [nameOf(obj), (obj.webhooks ?? []).length, age(obj, nowMs)],
};

const paramKindColumn = column('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy');

interface PolicyLike {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { paramKind?: { apiVersion?: string; kind?: string }; validations?: unknown[]; mutations?: unknown[] };
}

function paramKind(obj: PolicyLike): string {
  const pk = obj.spec?.paramKind;
  return pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>';
}

export const validatingAdmissionPolicyPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    paramKindColumn,
    AGE_COLUMN,
  ],
  row: (obj: ValidatingAdmissionPolicy, nowMs) => [nameOf(obj), (obj.spec?.validations ?? []).length, paramKind(obj), age(obj, nowMs)],
};

export const mutatingAdmissionPolicyPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Mutations', 'integer', 'Mutation indicates the number of mutations rules defined in this configuration'),
    paramKindColumn,
    AGE_COLUMN,
  ],
  row: (obj: PolicyLike, nowMs) => [nameOf(obj), (obj.spec?.mutations ?? []).length, paramKind(obj), age(obj, nowMs)],
};

/** The ParamRef column: `namespace/name`, `*\/name` without a namespace, or the selector's Go String(). */
function paramRefName(pr: ParamRef | undefined): string {
  if (!pr) return '<unset>';
  if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  if (pr.selector) return labelSelectorGoString(pr.selector);
  return '<unset>';
}

const bindingColumns = [
  NAME_COLUMN,
  column('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
  column('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
  AGE_COLUMN,
];

export const validatingAdmissionPolicyBindingPrinter: Printer = {
  columns: bindingColumns,
  row: (obj: ValidatingAdmissionPolicyBinding, nowMs) => [nameOf(obj), obj.spec?.policyName ?? '', paramRefName(obj.spec?.paramRef), age(obj, nowMs)],
};

export const mutatingAdmissionPolicyBindingPrinter: Printer = {
  columns: bindingColumns,
  row: (obj: ValidatingAdmissionPolicyBinding, nowMs) => [nameOf(obj), obj.spec?.policyName ?? '', paramRefName(obj.spec?.paramRef), age(obj, nowMs)],
};
