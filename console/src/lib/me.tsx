import { createContext, useContext } from 'react';

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: readonly string[];
  team: { id: string; name: string } | null | undefined;
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in person (inside the shell, which loads it before any screen). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}
