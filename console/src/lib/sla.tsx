import { graphql } from '../__generated__/gql';
import { formatDuration } from './format';
import { useI18n } from './i18n';

/** What SlaState needs of a clock; operations spread it where they ask for an SLA. */
export const SlaClockStateFields = graphql(`
  fragment SlaClockState on SlaClock {
    remainingSeconds
    breached
    paused
    metAt
  }
`);

interface Clock {
  remainingSeconds: number;
  breached: boolean;
  paused: boolean;
  metAt?: string | null;
}

export interface SlaLike {
  firstResponse?: Clock | null;
  resolution?: Clock | null;
}

/** The clock that matters now: the first response until it is met, then the resolution. */
export function SlaState({ sla }: { sla: SlaLike | null | undefined }) {
  const { t } = useI18n();
  const clock =
    sla?.firstResponse && !sla.firstResponse.metAt ? sla.firstResponse : sla?.resolution;
  if (!clock) return <span className="muted">{t('tickets.noSla')}</span>;
  if (clock.metAt) return <span className="ok">{t('tickets.slaMet')}</span>;
  if (clock.breached)
    return (
      <span className="bad">
        {t('tickets.slaBreached', { time: formatDuration(-clock.remainingSeconds) })}
      </span>
    );
  if (clock.paused) return <span className="muted">{t('tickets.slaPaused')}</span>;
  return <span>{t('tickets.slaLeft', { time: formatDuration(clock.remainingSeconds) })}</span>;
}
