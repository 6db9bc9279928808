/** Printers of the rbac.authorization.k8s.io group. Roles and ClusterRoles have none upstream (default table). */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { DOC } from './descriptions';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectsStrings(subjects: readonly Subject[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

function bindingPrinter(what: string, roleRefDoc: string): Printer {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', roleRefDoc),
      AGE_COLUMN,
      column('Users', 'string', `Users in the ${what}`, 1),
      column('Groups', 'string', `Groups in the ${what}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    row(obj: RoleBinding | ClusterRoleBinding, nowMs) {
      const [users, groups, sas] = subjectsStrings(obj.subjects);
      return [
        obj.metadata?.name ?? '',
        `${obj.roleRef?.kind ?? ''}/${obj.roleRef?.name ?? ''}`,
        translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
        users.join(', '),
        groups.join(', '),
        sas.join(', '),
      ];
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding', DOC['rb.roleRef']);
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding', DOC['crb.roleRef']);
