import type { HealthStatus } from '../lib/scim-health';
import type { Tone } from '../lib/webhooks';
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

const toneClass: Record<Tone, string | undefined> = { good: styles.badgeGood, bad: styles.badgeBad, idle: styles.badgeIdle };

/** A state in words (a webhook endpoint's, a delivery's), coloured by how it is going. */
export function ToneBadge({ tone, label }: { tone: Tone; label: string }) {
  return <span className={toneClass[tone]}>{label}</span>;
}
