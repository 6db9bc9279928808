/** A node's context menu: cordon, uncordon, drain (kubectl), partition/heal (faults), remove (nodes room). */
import { useEffect } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { changeNodes, injectFault, isControlPlane, recover, runInConsole } from '../actions/node-actions';

export function NodeMenu() {
  const engine = useEngine();
  const menu = useUiStore((s) => s.nodeMenu);
  const objects = useUiStore((s) => s.objects);
  const capabilities = useUiStore((s) => s.capabilities);
  useEffect(() => {
    if (!menu) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && useUiStore.getState().openNodeMenu(undefined);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menu]);
  if (!menu) return null;
  const node = objects.get(`/api/v1/nodes/${menu.node}`);
  const partitioned = [...objects.values()].some((o) => o.kind === 'Fault' && o.fault?.targetName === menu.node && o.fault.type === 'NetworkPartition');
  const cordoned = node?.status?.includes('SchedulingDisabled') ?? false;
  const worker = !isControlPlane(node?.labels, menu.node);
  const run = (action: () => Promise<void>) => () => {
    useUiStore.getState().openNodeMenu(undefined);
    void action();
  };
  const items: { label: string; action: () => Promise<void>; disabled?: string }[] = [
    cordoned ? { label: 'Uncordon', action: () => runInConsole(engine, `kubectl uncordon ${menu.node}`) } : { label: 'Cordon', action: () => runInConsole(engine, `kubectl cordon ${menu.node}`) },
    { label: 'Drain', action: () => runInConsole(engine, `kubectl drain ${menu.node} --ignore-daemonsets --delete-emptydir-data --force`) },
    partitioned
      ? { label: 'Heal partition', action: () => recover(engine, menu.node, 'NetworkPartition') }
      : { label: 'Partition network', action: () => injectFault(engine, menu.node, 'NetworkPartition'), disabled: capabilities.faults ? undefined : 'Faults are not available yet' },
    { label: 'Stop kubelet', action: () => injectFault(engine, menu.node, 'KubeletStop'), disabled: capabilities.faults ? undefined : 'Faults are not available yet' },
    {
      label: 'Remove node',
      action: () => changeNodes(engine, 'remove', menu.node),
      disabled: !worker ? 'The control-plane node stays' : capabilities.nodeLifecycle ? undefined : 'Removing nodes is not available yet',
    },
  ];
  return (
    <div className="node-menu" role="menu" aria-label={`node ${menu.node} actions`} style={{ left: menu.x, top: menu.y }}>
      {items.map((i) => (
        <button key={i.label} type="button" role="menuitem" disabled={i.disabled !== undefined} title={i.disabled} onClick={run(i.action)}>
          {i.label}
        </button>
      ))}
    </div>
  );
}
