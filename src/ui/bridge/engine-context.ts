import { createContext, useContext } from 'react';
import type { EngineClient } from './engine-client';

export const EngineContext = createContext<EngineClient | undefined>(undefined);

/** The engine client of the running app (components send commands through it). */
export function useEngine(): EngineClient | undefined {
  return useContext(EngineContext);
}
