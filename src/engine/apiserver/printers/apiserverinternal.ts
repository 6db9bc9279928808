/** Printers of internal.apiserver.k8s.io and storagemigration.k8s.io (alpha kinds of the apiserver itself). */
import type { StorageVersion } from 'kubernetes-types/apiserverinternal/v1alpha1';
import { DOC } from './descriptions';
import { listWithMoreString } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

export const storageVersionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('CommonEncodingVersion', 'string', DOC['sv.commonEncodingVersion']),
    column('StorageVersions', 'string', DOC['sv.storageVersions']),
    AGE_COLUMN,
  ],
  row(obj: StorageVersion, nowMs) {
    const max = 3;
    const versions = obj.status?.storageVersions ?? [];
    const list = versions.slice(0, max).map((sv) => `${sv.apiServerID ?? ''}=${sv.encodingVersion ?? ''}`);
    return [
      obj.metadata?.name ?? '',
      obj.status?.commonEncodingVersion ?? '<unset>',
      listWithMoreString(list, versions.length > max, versions.length, max),
      translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
    ];
  },
};

interface StorageVersionMigration {
  metadata?: { name?: string };
  spec?: { resource?: { group?: string; version?: string; resource?: string } };
}

export const storageVersionMigrationPrinter: Printer = {
  // Upstream's Name column here lacks the `name` format.
  columns: [column('Name', 'string', DOC['meta.name']), column('Resource', 'string', 'Fully qualified resource to migrate')],
  row(obj: StorageVersionMigration) {
    const r = obj.spec?.resource ?? {};
    return [obj.metadata?.name ?? '', `${r.resource ?? ''}.${r.version ?? ''}.${r.group ?? ''}`];
  },
};
