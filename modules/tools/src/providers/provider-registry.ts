import { invalid } from '@suite/contracts';
import type { ToolName } from '../tools/tool-catalog';
import type { ProviderDefinition } from './provider-definition';
import { twilioProvider } from './twilio/twilio.provider';

/** Every vendor the tool layer speaks to. Adding one is a folder under providers/ and a line here. */
export const PROVIDERS: readonly ProviderDefinition[] = [twilioProvider] as ProviderDefinition[];

export const PROVIDER_IDS = PROVIDERS.map((provider) => provider.id);

export function providerById(id: string): ProviderDefinition {
  const provider = PROVIDERS.find((candidate) => candidate.id === id);
  if (!provider)
    throw invalid(`unknown vendor "${id}"; expected one of ${PROVIDER_IDS.join(', ')}`, 'provider');
  return provider;
}

export function providersFor(tool: ToolName): ProviderDefinition[] {
  return PROVIDERS.filter((provider) => provider.tools[tool] !== undefined);
}
