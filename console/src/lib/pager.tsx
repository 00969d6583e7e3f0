import { useI18n } from './i18n';

/**
 * "Previous" and "next" over a cursor connection. `cursors` are the `after` cursors of the pages
 * before this one (the last is this page's); a new search starts over with none.
 */
export function Pager({
  cursors,
  onChange,
  pageInfo,
}: {
  cursors: (string | null)[];
  onChange: (cursors: (string | null)[]) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button
        type="button"
        disabled={!cursors.length}
        onClick={() => onChange(cursors.slice(0, -1))}
      >
        {t('common.previous')}
      </button>
      <button
        type="button"
        disabled={!pageInfo.hasNextPage}
        onClick={() => onChange([...cursors, pageInfo.endCursor ?? null])}
      >
        {t('common.next')}
      </button>
    </div>
  );
}
