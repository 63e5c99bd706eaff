// Canvas drawing (waveforms) cannot use CSS variables: read the theme's colors once per theme.
import { useEffect, useState } from 'react';
import { useStore } from '../store/index.ts';

export interface WaveColors {
  caller: string;
  agent: string;
  progress: string;
  cursor: string;
}

/** A variable's color as the page shows it now (the theme's light-dark() choice resolved). */
function resolve(probe: HTMLElement, name: string): string {
  probe.style.color = `var(${name})`;
  return getComputedStyle(probe).color;
}

function read(): WaveColors {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  try {
    return { caller: resolve(probe, '--wave-caller'), agent: resolve(probe, '--wave-agent'), progress: resolve(probe, '--wave-progress'), cursor: resolve(probe, '--text') };
  } finally {
    probe.remove();
  }
}

export function useWaveColors(): WaveColors {
  const theme = useStore((s) => s.theme);
  const [colors, setColors] = useState(read);
  useEffect(() => {
    setColors(read());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColors(read());
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [theme]);
  return colors;
}
