import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src';

describe('configuration errors never repeat a secret', () => {
  it('replaces the password of a database URL it names', () => {
    const attempt = () => loadConfig({ DATABASE_APP_URL: 'mysql://app:s3cret-pw@db.internal:3306/suite' });
    expect(attempt).toThrow(
      'DATABASE_APP_URL="mysql://app:***@db.internal:3306/suite": expected a postgresql://',
    );
    expect(attempt).not.toThrow(/s3cret-pw/);
  });
});
