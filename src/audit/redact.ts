// The redactor lives in the core (src/core/redact.ts), one for every use; this path stays for its callers.
export { containsSecret, redactArgv, redactSecrets, secretKinds, SECRET_FORMATS, type SecretFormat } from '../core/redact.js';
