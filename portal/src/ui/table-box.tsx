import type { ReactNode } from 'react';
import styles from './ui.module.css';

/**
 * The box a wide table scrolls sideways in on a narrow screen. It can take keyboard focus (so the
 * arrow keys scroll it, axe's scrollable-region-focusable) and is named after its table.
 */
export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={`${label} (table)`}>
      {children}
    </div>
  );
}
