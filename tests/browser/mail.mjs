// The outbox helpers live in tests/lib/mail.mjs, shared with the server tests.
export * from '../lib/mail.mjs';
