import { defineModule } from '@suite/contracts';

export { listDecryptAudit } from './vault/decrypt-audit.service';
export { configureVault, currentKeyring, keyringNotice, newKeyEntry, requireKeyring } from './vault/keyring';
export { rotateVault } from './vault/vault-rotation.service';

/** The shared tool layer: vendor connections, the credential vault, the tools the AI and workflows call. */
export const toolsModule = defineModule({
  name: 'tools',
});
