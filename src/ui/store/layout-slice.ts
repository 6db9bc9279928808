import type { StateCreator } from 'zustand';
import type { UiState } from './ui-store';

export type SideTab = 'yaml' | 'inspector' | 'events' | 'traffic' | 'lessons';

export interface NodeMenu {
  node: string;
  x: number;
  y: number;
}

/** Where the user is looking: side tab, selected object, namespace filter, open menus and notices. */
export interface LayoutSlice {
  sideTab: SideTab;
  /** The inspected object's key (REST path). */
  selected: string | undefined;
  /** Namespaces the diagram hides. */
  hiddenNamespaces: ReadonlySet<string>;
  nodeMenu: NodeMenu | undefined;
  /** A one-line message about the last action (fault created, action unavailable …). */
  notice: { text: string; ok: boolean; seq: number } | undefined;
  setSideTab(tab: SideTab): void;
  select(key: string | undefined): void;
  toggleNamespace(ns: string): void;
  showAllNamespaces(): void;
  openNodeMenu(menu: NodeMenu | undefined): void;
  notify(text: string, ok: boolean): void;
}

let noticeSeq = 0;

export const createLayoutSlice: StateCreator<UiState, [], [], LayoutSlice> = (set) => ({
  sideTab: 'yaml',
  selected: undefined,
  hiddenNamespaces: new Set(),
  nodeMenu: undefined,
  notice: undefined,
  setSideTab: (sideTab) => set({ sideTab }),
  select: (selected) => set(selected ? { selected, sideTab: 'inspector' } : { selected }),
  toggleNamespace: (ns) =>
    set((s) => {
      const hidden = new Set(s.hiddenNamespaces);
      if (hidden.has(ns)) hidden.delete(ns);
      else hidden.add(ns);
      return { hiddenNamespaces: hidden };
    }),
  showAllNamespaces: () => set({ hiddenNamespaces: new Set() }),
  openNodeMenu: (nodeMenu) => set({ nodeMenu }),
  notify: (text, ok) => set({ notice: { text, ok, seq: ++noticeSeq } }),
});
