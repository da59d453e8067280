import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A router of a few lines: the path is the state; links push it, Back and Forward pop it. */
const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  listeners.forEach((listener) => listener());
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

export function Link(props: { href: string; class?: string; children: ComponentChildren; onClick?: () => void }) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        props.onClick?.();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
