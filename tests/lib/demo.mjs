// The demo data every test starts the server on: the server's "today" (--as-of / PORTAL_AS_OF)
// and the password of every demo customer.
export const AS_OF = '2026-11-25';
export const DEMO_PASSWORD = 'Demo-2026-portal';
