import type { HealthStatus } from '../lib/scim-health';
import styles from './ui.module.css';

export function KindBadge({ kind }: { kind: 'SCIM' | 'STANDARD' }) {
  return kind === 'SCIM' ? <span className={styles.badgeScim}>SCIM Integration</span> : <span className={styles.badgeStandard}>Standard</span>;
}

export function HealthBadge({ status, label }: { status: HealthStatus; label: string }) {
  const className = status === 'healthy' ? styles.badgeGood : status === 'failing' ? styles.badgeBad : styles.badgeIdle;
  return <span className={className}>{label}</span>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <span className={styles.badgeGood}>Active</span> : <span className={styles.badgeIdle}>Deactivated</span>;
}
