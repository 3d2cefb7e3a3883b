import styles from './ui.module.css';

/** Previous / Next under a list, with where the admin is ("Page 2 · 57 groups"). */
export function Pager(props: {
  page: number;
  total: string;
  hasNextPage: boolean;
  endCursor: string | null;
  next: (cursor: string) => void;
  previous: () => void;
}) {
  const { page, total, hasNextPage, endCursor } = props;
  if (page === 1 && !hasNextPage) return <p className={styles.hint}>{total}</p>;
  return (
    <nav aria-label="Pages" className={styles.pager}>
      <button type="button" className={styles.secondary} disabled={page === 1} onClick={props.previous}>
        Previous page
      </button>
      <span>
        Page {page} · {total}
      </span>
      <button type="button" className={styles.secondary} disabled={!hasNextPage || !endCursor} onClick={() => endCursor && props.next(endCursor)}>
        Next page
      </button>
    </nav>
  );
}
