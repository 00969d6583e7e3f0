import { describeTopicConfig } from '@crm/events';
import { testKafka } from '@crm/testing';
import { readModelHandlers } from '../src/events/read-model-handlers';

describe('the topics analytics rebuilds from', () => {
  it('keep their events for good on the broker, so a replay from the beginning finds them all', async () => {
    const kafka = testKafka();
    const topics = [...new Set(readModelHandlers.map((h) => h.definition.topic))];
    expect(topics.length).toBeGreaterThan(5);
    for (const topic of topics)
      expect([
        topic,
        await describeTopicConfig(kafka, topic, ['retention.ms', 'retention.bytes']),
      ]).toEqual([topic, { 'retention.ms': '-1', 'retention.bytes': '-1' }]);
  });
});
