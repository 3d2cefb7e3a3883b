import { formatTime } from '../../lib/format';
import { clientName, summarizeHealth } from '../../lib/scim-health';
import { HealthBadge } from '../../ui/badges';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import type { GroupScim } from './scim.types';

/** What the identity provider did last, as the API records it, and what that means to do next. */
export function ConnectionHealth({
  connection,
  activeTokens,
  memberCount,
}: {
  connection: GroupScim['connection'];
  activeTokens: number;
  memberCount: number;
}) {
  const health = summarizeHealth(connection, { activeTokens, memberCount });
  return (
    <section className={styles.section} aria-labelledby="health-title">
      <h2 id="health-title" className={styles.sectionTitle}>
        Connection health
      </h2>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <HealthBadge status={health.status} label={health.label} />
        </dd>
        <dt>Last request</dt>
        <dd>{formatTime(connection.lastRequestAt)}</dd>
        <dt>Identity provider</dt>
        <dd>
          {clientName(connection.client)}
          {connection.userAgent ? <div className={styles.hint}>User-Agent: {connection.userAgent}</div> : null}
        </dd>
        <dt>Last success</dt>
        <dd>{formatTime(connection.lastSuccessAt)}</dd>
        <dt>Last failure</dt>
        <dd>
          {connection.lastFailure ? (
            <>
              {formatTime(connection.lastFailure.at)}: HTTP {connection.lastFailure.status}
              {connection.lastFailure.detail ? <> — “{connection.lastFailure.detail}”</> : null}
              {connection.lastFailure.requestId ? <div className={styles.hint}>Request id: {connection.lastFailure.requestId}</div> : null}
            </>
          ) : (
            'none'
          )}
        </dd>
      </dl>
      {health.advice.length > 0 ? (
        <div className={health.status === 'failing' ? styles.warning : styles.notice} role="status" aria-label="What to do">
          {health.advice.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}
      <h3 className={styles.subTitle}>Recent rejected token attempts</h3>
      {connection.rejectedAttempts.length === 0 ? (
        <p className={styles.muted}>None: no request was refused for its token.</p>
      ) : (
        <TableBox label="Recent rejected token attempts">
          <table className={styles.table}>
            <caption className={styles.srOnly}>Recent rejected token attempts</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Reason</th>
                <th scope="col">Token</th>
              </tr>
            </thead>
            <tbody>
              {connection.rejectedAttempts.map((attempt) => (
                <tr key={`${attempt.at}-${attempt.code}-${attempt.tokenLastFour ?? ''}`}>
                  <td>{formatTime(attempt.at)}</td>
                  <td>
                    {attempt.reason}
                    {attempt.path ? <div className={styles.hint}>Sent to {attempt.path}</div> : null}
                  </td>
                  <td>
                    {attempt.tokenName ? `${attempt.tokenName} ` : ''}
                    {attempt.tokenLastFour ? <code>…{attempt.tokenLastFour}</code> : <span className={styles.muted}>none</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
