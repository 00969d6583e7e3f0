import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from '../src';

describe('kafkajs log levels', () => {
  it('writes the coordinator and leader answers of a healthy start at debug, not ERROR', () => {
    for (const error of [
      'The group coordinator is not available',
      "The coordinator is loading and hence can't process requests",
      'This is not the correct coordinator for this group',
      'There is no leader for this topic-partition as we are in the middle of a leadership election',
    ]) {
      expect(
        kafkaLogLevel(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error }),
      ).toBe('debug');
    }
  });

  it('keeps other errors and warnings at their level', () => {
    expect(
      kafkaLogLevel(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', {}),
    ).toBe('error');
    expect(kafkaLogLevel(logLevel.WARN, 'Response Produce', { error: 'Request timed out' })).toBe(
      'warn',
    );
  });
});
