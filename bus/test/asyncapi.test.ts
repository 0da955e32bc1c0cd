import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { eventCatalog } from '@suite/contracts';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument } from '../src/catalog/asyncapi.document';
import { ASYNCAPI_FILE, asyncApiYaml } from '../src/catalog/asyncapi.yaml';

describe('docs/asyncapi.yaml', () => {
  it('is current with the event catalog', () => {
    expect(
      readFileSync(ASYNCAPI_FILE, 'utf8'),
      'run `npm run contracts:asyncapi` and commit the result',
    ).toBe(asyncApiYaml());
  });

  it('is a valid AsyncAPI 3 document (official parser: no errors or warnings)', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
    const problems = diagnostics
      .filter((d) => d.severity <= 1)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    const messages = document
      ?.allMessages()
      .all()
      .map((message) => message.name());
    expect(messages?.sort()).toEqual(eventCatalog.definitions.map((definition) => definition.type).sort());
  });

  it('describes each event as a structured-mode CloudEvent: attributes, data and Kafka key', () => {
    interface Message {
      contentType: string;
      payload: { required: string[]; properties: { type: { const: string }; data: { required: string[] } } };
      bindings: { kafka: { key: { description: string } } };
    }
    const doc = asyncApiDocument(eventCatalog) as { components: { messages: Record<string, Message> } };
    const message = doc.components.messages['hub.user.deactivated.v1'] as Message;
    expect(message.contentType).toBe('application/cloudevents+json; charset=UTF-8');
    expect(message.payload.required).toContain('orgid');
    expect(message.payload.properties.type.const).toBe('hub.user.deactivated');
    expect(message.payload.properties.data.required).toEqual(['userId', 'orgId', 'deactivatedAt']);
    expect(message.bindings.kafka.key.description).toContain('`userId`');
  });
});
