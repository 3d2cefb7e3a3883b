import { useEffect, useState } from 'react';
import styles from './ui.module.css';

/**
 * Copies `text` to the clipboard and says "Copied" for two seconds (announced through a live
 * region). Where the clipboard is refused (a plain-http page that is not localhost, a denied
 * permission) it says so and tells the admin to copy by hand.
 */
export function CopyButton({ text, label, onCopyFailed }: { text: string; label: string; onCopyFailed?: () => void }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
      onCopyFailed?.();
    }
  };
  return (
    <>
      <button type="button" className={styles.secondary} aria-label={label} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span aria-live="polite" className={state === 'failed' ? styles.fieldError : styles.srOnly}>
        {state === 'copied'
          ? `${label}: copied to the clipboard.`
          : state === 'failed'
            ? 'This browser refused the clipboard: select the text and copy it by hand.'
            : ''}
      </span>
    </>
  );
}
