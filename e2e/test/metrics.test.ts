import { SERVICES } from '@crm/config';
import { TEST } from '@crm/infra';

describe('every service of the running system', () => {
  it.each(SERVICES.map((s) => s.name))(
    '%s answers /metrics in the Prometheus format with its pipeline figures',
    async (name) => {
      const res = await fetch(`http://127.0.0.1:${TEST.servicePort(name)}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const body = await res.text();
      for (const series of [
        'crm_outbox_pending_events',
        'crm_outbox_oldest_pending_age_seconds',
        'crm_outbox_relay_active',
        'crm_dead_letter_events',
        'crm_scheduled_jobs_due',
        'crm_http_request_duration_seconds_bucket',
        'crm_process_resident_memory_bytes',
      ]) {
        expect(body).toMatch(new RegExp(`^${series}\\{[^}]*service="${name}"`, 'm'));
      }
      expect(body).toMatch(new RegExp(`^crm_kafka_up\\{service="${name}"\\} 1$`, 'm'));
      // ready to serve HTTP; the full report (Kafka, consumers) is a diagnostic that may flap
      // while a loaded machine catches up, so it is only shown
      const ready = await fetch(`http://127.0.0.1:${TEST.servicePort(name)}/readyz`);
      const full = await fetch(`http://127.0.0.1:${TEST.servicePort(name)}/readyz?full`);
      expect({ ready: ready.status, full: await full.json() }).toMatchObject({ ready: 200 });
    },
  );
});
