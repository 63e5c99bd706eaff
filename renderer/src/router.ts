// The address bar and the store's route, kept in step: #/ (board), #/calls/<id>, #/history,
// #/settings, #/wallboard, #/privacy. Links are plain hrefs; the back button works.
import { useEffect } from 'react';
import { useStore } from './store/index.ts';
import type { Route } from './store/ui-slice.ts';

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const call = path.match(/^\/calls\/(.+)$/);
  if (call) return { name: 'call', id: decodeURIComponent(call[1]!) };
  if (path === '/history') return { name: 'history' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/wallboard') return { name: 'wallboard' };
  if (path === '/privacy') return { name: 'privacy' };
  return { name: 'board' };
}

export function hashOf(route: Route): string {
  return route.name === 'call' ? `#/calls/${encodeURIComponent(route.id)}` : route.name === 'board' ? '#/' : `#/${route.name}`;
}

export function useHashRoute(): void {
  useEffect(() => {
    const fromHash = () => useStore.getState().navigate(routeFromHash(location.hash));
    fromHash();
    window.addEventListener('hashchange', fromHash);
    const stop = useStore.subscribe((state, previous) => {
      if (state.route !== previous.route && hashOf(state.route) !== (location.hash || '#/')) location.hash = hashOf(state.route);
    });
    return () => {
      window.removeEventListener('hashchange', fromHash);
      stop();
    };
  }, []);
}
